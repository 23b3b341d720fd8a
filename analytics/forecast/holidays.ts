/**
 * Dated calendar of Chinese public holidays and shopping festivals, computed for any year
 * range, and its conversion into period regressors.
 *
 * - Lunar festivals (Spring Festival 春节 = 1/1, Dragon Boat 端午 = 5/5, Mid-Autumn 中秋 =
 *   8/15) come from the Chinese calendar (analytics/calendar/lunar.ts: ICU's, dated in
 *   China's time zone).
 * - Qingming 清明 is the solar term at 15° solar longitude; its date uses the standard
 *   "century constant" rule D = ⌊Y·0.2422 + C⌋ − ⌊Y/4⌋ (Y = last two digits; C = 5.59 for
 *   1901–2000, 4.81 for 2001–2100); the tests check it against published dates.
 * - Fixed dates: New Year 元旦, Labour Day 劳动节, National Day 国庆节, and the shopping
 *   festivals 618, Double 11 双十一, Double 12 双十二.
 *
 * Windows are the usual spans, not the State Council's yearly announcement: make-up
 * working days (调休) and the exact official days differ year to year and are not modelled.
 */
import { dayNumber, formatDay, lunarToDayNumber } from '../calendar';

export type HolidayKey =
  | 'new_year'
  | 'pre_spring_festival'
  | 'spring_festival'
  | 'qingming'
  | 'labour_day'
  | 'dragon_boat'
  | 'shopping_618'
  | 'mid_autumn'
  | 'national_day'
  | 'double_11'
  | 'double_12';

export interface Holiday {
  key: HolidayKey;
  name: string;
  nameZh: string;
  year: number;
  /** The festival's own day, YYYY-MM-DD. */
  date: string;
  /** First and last day of its window (inclusive), YYYY-MM-DD. */
  start: string;
  end: string;
}

/** Window of each holiday as days before/after its date (inclusive), with its names. */
const WINDOWS: Record<HolidayKey, { name: string; nameZh: string; before: number; after: number }> = {
  new_year: { name: "New Year's Day", nameZh: '元旦', before: 0, after: 0 },
  pre_spring_festival: { name: 'Spring Festival shopping (年货节)', nameZh: '年货节', before: 21, after: -2 },
  spring_festival: { name: 'Spring Festival', nameZh: '春节', before: 1, after: 6 },
  qingming: { name: 'Qingming', nameZh: '清明节', before: 1, after: 1 },
  labour_day: { name: 'Labour Day', nameZh: '劳动节', before: 0, after: 4 },
  dragon_boat: { name: 'Dragon Boat Festival', nameZh: '端午节', before: 1, after: 1 },
  shopping_618: { name: '618 shopping festival', nameZh: '618购物节', before: 17, after: 0 },
  mid_autumn: { name: 'Mid-Autumn Festival', nameZh: '中秋节', before: 1, after: 1 },
  national_day: { name: 'National Day', nameZh: '国庆节', before: 0, after: 6 },
  double_11: { name: 'Double 11 (Singles Day)', nameZh: '双十一', before: 10, after: 0 },
  double_12: { name: 'Double 12', nameZh: '双十二', before: 0, after: 0 },
};

export const HOLIDAY_KEYS = Object.keys(WINDOWS) as HolidayKey[];

/** The online shopping festivals (大促), as opposed to public holidays. */
export const SHOPPING_FESTIVALS: readonly HolidayKey[] = ['shopping_618', 'double_11', 'double_12'];

/**
 * The first Double 11 sale (Taobao Mall, 2009); 618 and Double 12 followed in the next years.
 * Earlier years have no shopping-festival days.
 */
export const FIRST_FESTIVAL_YEAR = 2009;

/** Day number of the Qingming solar term (century-constant rule, 1901–2100). */
export function qingmingDayNumber(year: number): number {
  if (year < 1901 || year > 2100) throw new RangeError(`qingmingDayNumber: year ${year} outside 1901–2100`);
  const y = year % 100 || 100;
  const c = year <= 2000 ? 5.59 : 4.81;
  return dayNumber(year, 4, Math.floor(y * 0.2422 + c) - Math.floor(y / 4));
}

function festivalDay(key: HolidayKey, year: number): number {
  switch (key) {
    case 'new_year':
      return dayNumber(year, 1, 1);
    case 'pre_spring_festival':
    case 'spring_festival':
      return lunarToDayNumber(year, 1, 1);
    case 'qingming':
      return qingmingDayNumber(year);
    case 'labour_day':
      return dayNumber(year, 5, 1);
    case 'dragon_boat':
      return lunarToDayNumber(year, 5, 5);
    case 'shopping_618':
      return dayNumber(year, 6, 18);
    case 'mid_autumn':
      return lunarToDayNumber(year, 8, 15);
    case 'national_day':
      return dayNumber(year, 10, 1);
    case 'double_11':
      return dayNumber(year, 11, 11);
    case 'double_12':
      return dayNumber(year, 12, 12);
    default:
      return assertUnreachable(key);
  }
}

function assertUnreachable(x: never): never {
  throw new Error(`unknown holiday ${String(x)}`);
}

/**
 * Every holiday of the years fromYear..toYear (inclusive), ordered by date.
 * @example holidayCalendar(2025, 2025).find((h) => h.key === 'spring_festival')?.date // '2025-01-29'
 */
export function holidayCalendar(fromYear: number, toYear: number, keys: readonly HolidayKey[] = HOLIDAY_KEYS): Holiday[] {
  if (!Number.isInteger(fromYear) || !Number.isInteger(toYear) || fromYear > toYear) {
    throw new Error(`holidayCalendar: invalid year range ${fromYear}–${toYear}`);
  }
  const out: Holiday[] = [];
  for (let year = fromYear; year <= toYear; year++) {
    for (const key of keys) {
      const day = festivalDay(key, year);
      const { name, nameZh, before, after } = WINDOWS[key];
      out.push({ key, name, nameZh, year, date: formatDay(day), start: formatDay(day - before), end: formatDay(day + after) });
    }
  }
  return out.sort((a, b) => a.start.localeCompare(b.start) || a.key.localeCompare(b.key));
}
