/**
 * Which as-of dates a scheduled run or a backfill covers. Pure calendar arithmetic (no
 * clock, no I/O), so workflows call it deterministically and the CLI shows the same list.
 */
import { zoneOffsetMinutes } from '../analytics/cleaning/dates';

export type BackfillStep = 'week' | 'month';

const DAY_MS = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseDay(day: string): number {
  const m = DATE.exec(day);
  const ms = m ? Date.UTC(+m[1], +m[2] - 1, +m[3]) : Number.NaN;
  if (!m || new Date(ms).toISOString().slice(0, 10) !== day) throw new RangeError(`not a YYYY-MM-DD date: ${day}`);
  return ms;
}

const formatDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * The as-of date of a run scheduled at `scheduledAt`: the last complete day before it in
 * `timeZone`, i.e. the local calendar day of the scheduled time minus one. Monday 06:00
 * Asia/Shanghai (Sunday 22:00 UTC) → that Sunday.
 */
export function scheduledAsOf(scheduledAt: Date, timeZone: string): string {
  const utcMs = scheduledAt.getTime();
  const localDay = Math.floor((utcMs + zoneOffsetMinutes(timeZone, utcMs) * 60_000) / DAY_MS) * DAY_MS;
  return formatDay(localDay - DAY_MS);
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
    for (let day = end; day >= start; day -= 7 * DAY_MS) days.unshift(day);
  } else {
    const first = new Date(start);
    for (let y = first.getUTCFullYear(), m = first.getUTCMonth(); ; m++) {
      const monthEnd = Date.UTC(y, m + 1, 0);
      if (monthEnd > end) break;
      if (monthEnd >= start) days.push(monthEnd);
    }
  }
  return days.map(formatDay);
}
