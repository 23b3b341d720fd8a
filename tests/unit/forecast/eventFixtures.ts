/** Built-in holiday shares of periods for chosen holidays, through the public event API (tests only). */
import { eventCalendar, eventShares } from '../../../analytics/forecast/events';
import type { HolidayKey } from '../../../analytics/forecast/holidays';

export function holidayShares(periods: readonly { start: number; end: number }[], keys: readonly HolidayKey[]): { names: string[]; values: number[][] } {
  const from = Math.min(...periods.map((p) => p.start));
  const to = Math.max(...periods.map((p) => p.end));
  const windows = eventCalendar({ builtin: true }, from, to).windows.filter((w) => (keys as readonly string[]).includes(w.event));
  const ordered = [...keys].flatMap((key) => windows.filter((w) => w.event === key));
  const { names, values } = eventShares(periods, ordered);
  // Keys with no window in range still get their (zero) column, in the order asked.
  return { names: [...keys], values: values.map((row) => keys.map((key) => (names.includes(key) ? row[names.indexOf(key)] : 0))) };
}
