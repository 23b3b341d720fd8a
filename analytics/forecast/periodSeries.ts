/**
 * A run's revenue series over calendar periods: ISO weeks (Monday to Sunday) and months
 * (analytics/calendar: periodContaining, lastCompletePeriod, firstCompletePeriod), cut at the
 * run's as-of day. A period is complete when the as-of day is its last day or
 * later; the period holding the as-of day is otherwise incomplete (a week or month to
 * date) and is left out of the series a model sees, so a half-observed period never reads
 * as a collapse in sales. Likewise the data's first period, when the data start after its
 * first day (an export from the 20th), is left out of every series. Periods without any order between the first one with sales and
 * the last complete one are zero revenue (no orders), not missing values.
 */
import { formatPeriod, parseDay, periodContaining, type Period } from '../calendar';
import type { RegularSeries } from './gaps';

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
    const day = parseDay(periodStart);
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
