/**
 * Calendar periods of a run's revenue series: ISO weeks (Monday to Sunday) and months,
 * cut at the run's as-of day. A period is complete when the as-of day is its last day or
 * later; the period holding the as-of day is otherwise incomplete (a week or month to
 * date) and is left out of the series a model sees, so a half-observed period never reads
 * as a collapse in sales. Likewise the data's first period, when the data start after its
 * first day (an export from the 20th), is left out of every series. Periods without any order between the first one with sales and
 * the last complete one are zero revenue (no orders), not missing values.
 */
import type { RegularSeries } from './gaps';
import { dayNumber, formatPeriod, isoWeekday, type Period } from './periods';

export type CalendarKind = 'week' | 'month';

/** Day number of a `YYYY-MM-DD` date; throws naming the text when it is not one. */
export function dayOfDate(text: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) throw new Error(`'${text}' is not a YYYY-MM-DD date`);
  return dayNumber(Number(match[1]), Number(match[2]), Number(match[3]));
}

/**
 * The week or month holding a day (periods.ts ordinals).
 * @example formatPeriod(periodContaining(dayOfDate('2026-11-22'), 'week')) // '2026-W47'
 */
export function periodContaining(day: number, kind: CalendarKind): Period {
  if (kind === 'week') return { kind, ordinal: (day - (isoWeekday(day) - 1) + 3) / 7 };
  const date = new Date(day * 86_400_000);
  return { kind, ordinal: date.getUTCFullYear() * 12 + date.getUTCMonth() };
}

/**
 * The last period that ends on or before the as-of day.
 * @example formatPeriod(lastCompletePeriod('2026-11-22', 'week'))  // '2026-W47' (a Sunday)
 * @example formatPeriod(lastCompletePeriod('2026-11-22', 'month')) // '2026-10'
 */
export function lastCompletePeriod(asOf: string, kind: CalendarKind): Period {
  const asOfDay = dayOfDate(asOf);
  const holding = periodContaining(asOfDay, kind);
  const holdingTomorrow = periodContaining(asOfDay + 1, kind);
  return holding.ordinal === holdingTomorrow.ordinal ? { kind, ordinal: holding.ordinal - 1 } : holding;
}

/**
 * The first period that starts on or after the data's first day.
 * @example formatPeriod(firstCompletePeriod('2023-11-20', 'month')) // '2023-12'
 */
export function firstCompletePeriod(firstDay: string, kind: CalendarKind): Period {
  const day = dayOfDate(firstDay);
  const holding = periodContaining(day, kind);
  const holdingYesterday = periodContaining(day - 1, kind);
  return holding.ordinal === holdingYesterday.ordinal ? { kind, ordinal: holding.ordinal + 1 } : holding;
}

export interface PeriodTotal {
  /** First day of the period, YYYY-MM-DD (a Monday for weeks, the 1st for months). */
  periodStart: string;
  value: number;
  /** The value over the period's days up to the as-of day's position in a period (its day of the month, its weekday), when known. */
  toDate?: number;
}

export interface CompleteSeries {
  series: RegularSeries;
  /** The incomplete period after the last complete one, with its value to date, if it had sales. */
  partial?: { period: string; value: number };
}

/**
 * A regular series of complete periods from the first period with a total (not before
 * `firstComplete`, when given) through `lastComplete`, zero where a period has none. Totals after `lastComplete` are not part of
 * the series: the one right after it is returned as `partial`; later ones are an error
 * (data after the as-of day). Undefined when no total falls in a complete period.
 * @throws when a period start is not the first day of its period, repeats, or lies past the partial period.
 * @example completeSeries([{ periodStart: '2026-01-01', value: 5 }, { periodStart: '2026-03-01', value: 7 }], { kind: 'month', ordinal: 2026 * 12 + 2 }).series.values // [5, 0, 7]
 */
export function completeSeries(totals: readonly PeriodTotal[], lastComplete: Period, firstComplete?: Period): CompleteSeries | undefined {
  const kind = lastComplete.kind;
  if (kind !== 'week' && kind !== 'month') throw new Error(`completeSeries: periods must be weeks or months, got ${kind}s`);
  const byOrdinal = new Map<number, number>();
  for (const { periodStart, value } of totals) {
    const day = dayOfDate(periodStart);
    const period = periodContaining(day, kind);
    if (periodContaining(day - 1, kind).ordinal === period.ordinal) {
      throw new Error(`completeSeries: ${periodStart} is not the first day of ${formatPeriod(period)}`);
    }
    if (byOrdinal.has(period.ordinal)) throw new Error(`completeSeries: ${formatPeriod(period)} (${periodStart}) repeats`);
    if (period.ordinal > lastComplete.ordinal + 1) {
      throw new Error(`completeSeries: ${formatPeriod(period)} (${periodStart}) is after the incomplete period ${formatPeriod({ kind, ordinal: lastComplete.ordinal + 1 })}`);
    }
    byOrdinal.set(period.ordinal, value);
  }
  const partialValue = byOrdinal.get(lastComplete.ordinal + 1);
  const partial = partialValue === undefined ? undefined : { period: formatPeriod({ kind, ordinal: lastComplete.ordinal + 1 }), value: partialValue };
  const from = firstComplete?.ordinal ?? Number.NEGATIVE_INFINITY;
  const complete = [...byOrdinal.keys()].filter((ordinal) => ordinal >= from && ordinal <= lastComplete.ordinal);
  if (complete.length === 0) return undefined;
  const start = Math.min(...complete);
  const values = Array.from({ length: lastComplete.ordinal - start + 1 }, (_, k) => byOrdinal.get(start + k) ?? 0);
  return { series: { kind, start, step: 1, values, filled: [] }, partial };
}
