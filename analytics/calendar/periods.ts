/**
 * Periods: months, ISO 8601 weeks (Monday to Sunday) and days, with their labels `YYYY-MM`,
 * `YYYY-Www` and `YYYY-MM-DD` (SPEC §9), and the reporting labels `YYYY-Qn` and `YYYY`.
 *
 * A period is an integer ordinal per kind, so consecutive periods differ by one step (months
 * and ISO weeks) or by a series' step in days (dates): a month is year × 12 + month − 1, an
 * ISO week the number of its Thursday's 7-day block since 1970, a day its day number.
 */
import { civilDate, dayNumber, formatDay, isoWeekday, pad, parseDay, requireIsoDay } from './days';

export type PeriodKind = 'month' | 'week' | 'day';

export interface Period {
  kind: PeriodKind;
  ordinal: number;
}

/** The kinds a run's series are built on. */
export type CalendarKind = 'week' | 'month';

/** Monday of ISO week 1 of an ISO year: the week holding 4 January. */
function isoWeekOneMonday(year: number): number {
  const jan4 = dayNumber(year, 1, 4);
  return jan4 - (isoWeekday(jan4) - 1);
}

/**
 * Parses one period label; the error message says what is wrong (callers add file/row).
 * @example parsePeriod('2024-W01') // { kind: 'week', ordinal: … } (Monday 2024-01-01)
 */
export function parsePeriod(text: string): Period {
  const s = text.trim();
  let match = /^(\d{4})-(\d{2})$/.exec(s);
  if (match) {
    const month = Number(match[2]);
    if (month < 1 || month > 12) throw new Error(`month ${match[2]} is not 01–12 in '${s}'`);
    return { kind: 'month', ordinal: Number(match[1]) * 12 + month - 1 };
  }
  match = /^(\d{4})-W(\d{2})$/.exec(s);
  if (match) {
    const year = Number(match[1]);
    const week = Number(match[2]);
    const weeks = (isoWeekOneMonday(year + 1) - isoWeekOneMonday(year)) / 7;
    if (week < 1 || week > weeks) throw new Error(`week ${match[2]} is not 01–${weeks} in ISO year ${year} ('${s}')`);
    return { kind: 'week', ordinal: (isoWeekOneMonday(year) + 7 * (week - 1) + 3) / 7 };
  }
  match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (match) return { kind: 'day', ordinal: dayNumber(Number(match[1]), Number(match[2]), Number(match[3])) };
  throw new Error(`'${s}' is not a period (expected YYYY-MM, YYYY-Www or YYYY-MM-DD)`);
}

/** The label of a period in its own notation (inverse of parsePeriod). */
export function formatPeriod(period: Period): string {
  const { kind, ordinal } = period;
  if (kind === 'month') return `${Math.floor(ordinal / 12)}-${pad((ordinal % 12) + 1)}`;
  if (kind === 'day') return formatDay(ordinal);
  const monday = ordinal * 7 - 3;
  const year = civilDate(monday + 3).year; // the Thursday's year
  return `${year}-W${pad((monday - isoWeekOneMonday(year)) / 7 + 1)}`;
}

/**
 * The days a period covers, [start, end) as day numbers. `stepDays` is the spacing of a
 * date-labelled series (1 for daily, 7 for weeks labelled by their first day).
 */
export function periodDays(period: Period, stepDays = 1): { start: number; end: number } {
  const { kind, ordinal } = period;
  if (kind === 'week') return { start: ordinal * 7 - 3, end: ordinal * 7 + 4 };
  if (kind === 'day') return { start: ordinal, end: ordinal + stepDays };
  const year = Math.floor(ordinal / 12);
  const month = (ordinal % 12) + 1;
  const start = dayNumber(year, month, 1);
  const end = month === 12 ? dayNumber(year + 1, 1, 1) : dayNumber(year, month + 1, 1);
  return { start, end };
}

/**
 * The week or month holding a day.
 * @example formatPeriod(periodContaining(parseDay('2026-11-22'), 'week')) // '2026-W47'
 */
export function periodContaining(day: number, kind: CalendarKind): Period {
  if (kind === 'week') return { kind, ordinal: (day - (isoWeekday(day) - 1) + 3) / 7 };
  const { year, month } = civilDate(day);
  return { kind, ordinal: year * 12 + month - 1 };
}

/**
 * The last period that ends on or before the as-of day.
 * @example formatPeriod(lastCompletePeriod('2026-11-22', 'week'))  // '2026-W47' (a Sunday)
 * @example formatPeriod(lastCompletePeriod('2026-11-22', 'month')) // '2026-10'
 */
export function lastCompletePeriod(asOf: string, kind: CalendarKind): Period {
  const asOfDay = parseDay(asOf);
  const holding = periodContaining(asOfDay, kind);
  const holdingTomorrow = periodContaining(asOfDay + 1, kind);
  return holding.ordinal === holdingTomorrow.ordinal ? { kind, ordinal: holding.ordinal - 1 } : holding;
}

/**
 * The first period that starts on or after the data's first day.
 * @example formatPeriod(firstCompletePeriod('2023-11-20', 'month')) // '2023-12'
 */
export function firstCompletePeriod(firstDay: string, kind: CalendarKind): Period {
  const day = parseDay(firstDay);
  const holding = periodContaining(day, kind);
  const holdingYesterday = periodContaining(day - 1, kind);
  return holding.ordinal === holdingYesterday.ordinal ? { kind, ordinal: holding.ordinal + 1 } : holding;
}

/** Reporting periods of value metrics: months (as marketing spend is booked), quarters, years. */
export type Granularity = 'month' | 'quarter' | 'year';

const REPORTING_LABEL: Record<Granularity, RegExp> = {
  month: /^\d{4}-(0[1-9]|1[0-2])$/,
  quarter: /^\d{4}-Q[1-4]$/,
  year: /^\d{4}$/,
};

/**
 * The reporting period a `YYYY-MM-DD` date falls in: `YYYY-MM`, `YYYY-Qn` or `YYYY`.
 * @throws when the date is not a valid ISO date (naming `caller`).
 * @example periodOf('2024-05-31', 'quarter') // '2024-Q2'
 */
export function periodOf(date: string, granularity: Granularity, caller = 'periodOf'): string {
  const { year, month } = civilDate(requireIsoDay(date, caller, 'date'));
  switch (granularity) {
    case 'month':
      return `${pad(year, 4)}-${pad(month)}`;
    case 'quarter':
      return `${pad(year, 4)}-Q${Math.ceil(month / 3)}`;
    case 'year':
      return pad(year, 4);
  }
}

/** Whether `period` is a well-formed reporting label of the granularity (e.g. `2024-05` for months). */
export function isPeriodLabel(period: string, granularity: Granularity): boolean {
  return REPORTING_LABEL[granularity].test(period);
}
