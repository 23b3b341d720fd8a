/**
 * Calendar days as integers: day numbers count days since 1970-01-01 in the proleptic
 * Gregorian calendar, so a date is a date wherever the code runs (time zones are zones.ts).
 * Built on Date's own UTC arithmetic: the date libraries work on Date objects and time zones
 * (README, "The calendar").
 */

export const MS_PER_DAY = 86_400_000;
export const SECONDS_PER_DAY = MS_PER_DAY / 1000;

/** A calendar date and time of day as written, in no particular zone (month 1–12). */
export interface CivilTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export type CivilDate = Pick<CivilTime, 'year' | 'month' | 'day'>;

const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;
/** A date, optionally followed by a time of day and an offset (which a day number ignores). */
const YMD_WITH_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** Date.UTC for every year 1–9999 (Date.UTC itself reads years 0–99 as 1900–1999). */
export function utcMillis(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  if (year >= 100) return Date.UTC(year, month - 1, day, hour, minute, second);
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, 0);
  return date.getTime();
}

/** Year, month (1–12) and day of a day number. */
export function civilDate(dayNumber: number): CivilDate {
  const date = new Date(dayNumber * MS_PER_DAY);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/**
 * The day number of a calendar date, or null when there is no such date (2023-02-29, month 13).
 * @example dayNumberOf(1970, 1, 2) // 1
 */
export function dayNumberOf(year: number, month: number, day: number): number | null {
  const n = Math.round(utcMillis(year, month, day) / MS_PER_DAY);
  const back = civilDate(n);
  return back.year === year && back.month === month && back.day === day ? n : null;
}

/** The day number of a calendar date; throws on a date that does not exist. */
export function dayNumber(year: number, month: number, day: number): number {
  const n = dayNumberOf(year, month, day);
  if (n === null) throw new RangeError(`no such date ${year}-${pad(month)}-${pad(day)}`);
  return n;
}

/** `YYYY-MM-DD` of a day number. */
export function formatDay(dayNumber: number): string {
  const { year, month, day } = civilDate(dayNumber);
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** The day number of a `YYYY-MM-DD` date, or null when the text is not one (or no such date). */
export function parseDayOrNull(text: string): number | null {
  const m = YMD.exec(text);
  return m ? dayNumberOf(+m[1], +m[2], +m[3]) : null;
}

/**
 * The day number of a `YYYY-MM-DD` date.
 * @throws RangeError naming the text when it is not a real date in that form.
 */
export function parseDay(text: string): number {
  const n = parseDayOrNull(text);
  if (n === null) throw new RangeError(`not a YYYY-MM-DD date: ${text}`);
  return n;
}

/**
 * Day number of an ISO date `YYYY-MM-DD`, where a time part, if any, is ignored (the date as
 * written is the day), or null when the text is not a real calendar date.
 * @example isoDayNumber('1970-01-02T23:59:00+08:00') // 1
 * @example isoDayNumber('1997-02-30') // null
 */
export function isoDayNumber(text: string): number | null {
  const m = YMD_WITH_TIME.exec(text.trim());
  return m ? dayNumberOf(+m[1], +m[2], +m[3]) : null;
}

/** Like isoDayNumber, but throws an error naming the caller and the offending text. */
export function requireIsoDay(text: string, caller: string, what: string): number {
  const day = isoDayNumber(text);
  if (day === null) throw new RangeError(`${caller}: ${what} is not a valid YYYY-MM-DD date: "${text}"`);
  return day;
}

/** ISO weekday of a day number, 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
export function isoWeekday(dayNumber: number): number {
  return ((((dayNumber + 3) % 7) + 7) % 7) + 1;
}

/** Days in a month (1–12) of a year. */
export function daysInMonth(year: number, month: number): number {
  return new Date(utcMillis(year, month + 1, 0)).getUTCDate();
}

export function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}
