/**
 * Time in the generator: day numbers (analytics/calendar) and timestamps as "local
 * seconds" (Asia/Shanghai wall-clock seconds since the epoch; China has no DST, so this is
 * plain arithmetic). The calendar carries the shopping rhythm: weekly and yearly swings
 * and the Chinese peaks and dips — Spring Festival (春节), 618 and Double 11 (双十一).
 */
import { civilDate, dayNumber, isoWeekday, lunarToDayNumber, parseDay, SECONDS_PER_DAY } from '../../analytics/calendar';

/** A festival window: days relative to an anchor day and the demand multiplier inside it. */
type Window = readonly [from: number, to: number, factor: number];

const SPRING_FESTIVAL: readonly Window[] = [[-30, -13, 1.15], [-12, -6, 0.75], [-5, 6, 0.4], [7, 14, 0.7]];
const SIX_EIGHTEEN: readonly Window[] = [[-17, -3, 1.25], [-2, -1, 1.6], [0, 0, 3], [1, 2, 1.2]];
const DOUBLE_ELEVEN: readonly Window[] = [[-18, -11, 1.2], [-10, -10, 2], [-9, -2, 1.2], [-1, -1, 1.6], [0, 0, 5], [1, 1, 1.4]];
const DOUBLE_TWELVE: readonly Window[] = [[0, 0, 2]];
const WEEKLY = [0.95, 0.92, 0.94, 0.98, 1.04, 1.12, 1.05];

/**
 * The days simulated for a data set with their demand multipliers: a history before the
 * window (customers who already buy when the export starts) and the window itself.
 */
export interface Calendar {
  /** Epoch day of index 0, the first day of the history. */
  firstDay: number;
  /** Number of days, history and window, the window's start and end included. */
  days: number;
  /** Index of the window's first day; earlier days are simulated but never exported. */
  windowStart: number;
  /** Festival multiplier per day index (1 on an ordinary day). */
  festival: Float64Array;
  /** Weekly × yearly rhythm per day index. */
  base: Float64Array;
}

/** Local seconds of the window's first instant. */
export function windowFirstSecond(calendar: Calendar): number {
  return (calendar.firstDay + calendar.windowStart) * SECONDS_PER_DAY;
}

/** Local seconds of the window's last instant (23:59:59 on the end day). */
export function windowLastSecond(calendar: Calendar): number {
  return (calendar.firstDay + calendar.days) * SECONDS_PER_DAY - 1;
}

/** Calendar for the window `[start, end]` (`YYYY-MM-DD`, both included) after `historyDays` of history. */
export function buildCalendar(start: string, end: string, historyDays: number): Calendar {
  const windowDays = parseDay(end) - parseDay(start) + 1;
  if (windowDays < 28) throw new Error(`buildCalendar: the window ${start} … ${end} must span at least four weeks`);
  const firstDay = parseDay(start) - historyDays;
  const days = historyDays + windowDays;
  const festival = new Float64Array(days).fill(1);
  const base = new Float64Array(days);
  const apply = (anchor: number, windows: readonly Window[]) => {
    for (const [from, to, factor] of windows) {
      for (let d = anchor + from; d <= anchor + to; d++) if (d >= firstDay && d < firstDay + days) festival[d - firstDay] = factor;
    }
  };
  const firstYear = civilDate(firstDay).year;
  const lastYear = civilDate(firstDay + days - 1).year;
  for (let year = firstYear; year <= lastYear + 1; year++) {
    apply(lunarToDayNumber(year, 1, 1), SPRING_FESTIVAL);
    apply(dayNumber(year, 6, 18), SIX_EIGHTEEN);
    apply(dayNumber(year, 11, 11), DOUBLE_ELEVEN);
    apply(dayNumber(year, 12, 12), DOUBLE_TWELVE);
  }
  for (let i = 0; i < days; i++) {
    const d = firstDay + i;
    const dayOfYear = d - dayNumber(civilDate(d).year, 1, 1);
    base[i] = WEEKLY[isoWeekday(d) - 1] * (1 + 0.06 * Math.cos((2 * Math.PI * (dayOfYear - 350)) / 365));
  }
  return { firstDay, days, windowStart: historyDays, festival, base };
}

/**
 * Cumulative intensity of `base × festival^affinity`, scaled to mean 1 per day:
 * `cum[i]` is the expected number of events in days `[0, i)` at rate 1 per day.
 * An affinity above 1 concentrates purchases on festival days (bargain hunters).
 */
export function cumulativeIntensity(calendar: Calendar, affinity: number): Float64Array {
  const cum = new Float64Array(calendar.days + 1);
  for (let i = 0; i < calendar.days; i++) cum[i + 1] = cum[i] + calendar.base[i] * Math.pow(calendar.festival[i], affinity);
  const scale = calendar.days / cum[calendar.days];
  for (let i = 0; i <= calendar.days; i++) cum[i] *= scale;
  return cum;
}

/** `cum` at a fractional day position (linear within a day). */
export function cumulativeAt(cum: Float64Array, position: number): number {
  const last = cum.length - 1;
  if (position <= 0) return 0;
  if (position >= last) return cum[last];
  const i = Math.floor(position);
  return cum[i] + (cum[i + 1] - cum[i]) * (position - i);
}

/** The fractional day position where `cum` reaches `value` (inverse of cumulativeAt). */
export function positionOf(cum: Float64Array, value: number): number {
  let lo = 0;
  let hi = cum.length - 1;
  if (value >= cum[hi]) return hi;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (cum[mid] <= value) lo = mid;
    else hi = mid;
  }
  const width = cum[lo + 1] - cum[lo];
  return lo + (width > 0 ? (value - cum[lo]) / width : 0);
}
