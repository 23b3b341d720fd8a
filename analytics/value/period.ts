/**
 * Reporting periods for value metrics: `YYYY-MM` (months, as marketing spend is booked),
 * `YYYY-Qn` or `YYYY`.
 */
import { requireIsoDay } from '../clv/isoDay';

export type Granularity = 'month' | 'quarter' | 'year';

const PERIOD_PATTERN: Record<Granularity, RegExp> = {
  month: /^\d{4}-(0[1-9]|1[0-2])$/,
  quarter: /^\d{4}-Q[1-4]$/,
  year: /^\d{4}$/,
};

/**
 * The period a `YYYY-MM-DD` date falls in.
 * @throws when the date is not a valid ISO date (naming `caller`).
 * @example periodOf('2024-05-31', 'quarter') // '2024-Q2'
 */
export function periodOf(date: string, granularity: Granularity, caller = 'periodOf'): string {
  requireIsoDay(date, caller, 'date');
  const [year, month] = [date.slice(0, 4), Number(date.slice(5, 7))];
  switch (granularity) {
    case 'month':
      return date.slice(0, 7);
    case 'quarter':
      return `${year}-Q${Math.ceil(month / 3)}`;
    case 'year':
      return year;
  }
}

/** Whether `period` is a well-formed label of the granularity (e.g. `2024-05` for months). */
export function isPeriodLabel(period: string, granularity: Granularity): boolean {
  return PERIOD_PATTERN[granularity].test(period);
}
