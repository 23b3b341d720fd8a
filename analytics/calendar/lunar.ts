/**
 * The Chinese lunisolar calendar (农历) from ICU (`Intl.DateTimeFormat` with `ca-chinese`),
 * dated in China's time zone: the days of the lunar festivals (春节, 端午, 中秋).
 */
import { dayNumber, MS_PER_DAY } from './days';

const lunarFormat = new Intl.DateTimeFormat('en-u-ca-chinese', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
});

/** Lunar (related Gregorian year, month, day) of a day number; leap months are marked. */
function lunarDate(n: number): { year: number; month: string; day: number } {
  // Noon UTC is 20:00 in Shanghai: the same calendar day there.
  const parts = lunarFormat.formatToParts(new Date(n * MS_PER_DAY + MS_PER_DAY / 2));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { year: Number(get('relatedYear') || get('year')), month: get('month'), day: Number(get('day')) };
}

/** Lunar dates already found: each ICU lookup costs a formatToParts call per day searched. */
const lunarDays = new Map<string, number>();

/**
 * Day number of lunar month/day (non-leap month) in the lunar year that begins in
 * Gregorian `year`. Searches the Gregorian days where that date can fall.
 * @example formatDay(lunarToDayNumber(2025, 1, 1)) // '2025-01-29' (春节)
 */
export function lunarToDayNumber(year: number, month: number, day: number): number {
  const key = `${year}-${month}-${day}`;
  const known = lunarDays.get(key);
  if (known !== undefined) return known;
  // Lunar 1/1 falls on 21 Jan – 20 Feb; a leap month before `month` delays it one more month.
  const earliest = dayNumber(year, 1, 18) + Math.floor((month - 1) * 29.5) + day - 1;
  for (let n = earliest; n < earliest + 75; n++) {
    const lunar = lunarDate(n);
    if (lunar.year === year && lunar.month === String(month) && lunar.day === day) {
      lunarDays.set(key, n);
      return n;
    }
  }
  throw new Error(`lunarToDayNumber: no lunar ${month}/${day} found for ${year}`);
}
