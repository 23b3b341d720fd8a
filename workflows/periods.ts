/**
 * Which as-of dates a scheduled run or a backfill covers. Pure calendar arithmetic on
 * analytics/calendar (no clock, no I/O), so workflows call it deterministically and the CLI
 * shows the same list.
 */
import { formatDay, localDayNumber, parseDay, periodContaining, periodDays } from '../analytics/calendar';

export type BackfillStep = 'week' | 'month';

/**
 * The as-of date of a run scheduled at `scheduledAt`: the last complete day before it in
 * `timeZone`, i.e. the local calendar day of the scheduled time minus one. Monday 06:00
 * Asia/Shanghai (Sunday 22:00 UTC) → that Sunday.
 */
export function scheduledAsOf(scheduledAt: Date, timeZone: string): string {
  return formatDay(localDayNumber(scheduledAt.getTime(), timeZone) - 1);
}

/**
 * The as-of dates of a backfill from `from` to `to` (inclusive), oldest first.
 * `week`: `to`, `to` − 7 days, … down to `from` (so `--to` a Sunday gives Sunday-ending weeks,
 * the days a Monday schedule uses). `month`: the last day of every month that ends in range.
 */
export function backfillPeriods(from: string, to: string, step: BackfillStep): string[] {
  const start = parseDay(from);
  const end = parseDay(to);
  if (start > end) throw new RangeError(`backfill range is empty: ${from} is after ${to}`);
  const days: number[] = [];
  if (step === 'week') {
    for (let day = end; day >= start; day -= 7) days.unshift(day);
  } else {
    for (let month = periodContaining(start, 'month'); ; month = { ...month, ordinal: month.ordinal + 1 }) {
      const monthEnd = periodDays(month).end - 1;
      if (monthEnd > end) break;
      days.push(monthEnd);
    }
  }
  return days.map(formatDay);
}
