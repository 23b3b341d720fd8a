/**
 * Calendar days as integers (days since 1970-01-01, UTC). Purchases are dated to the day, so
 * customer-value models count time in whole days and convert to the chosen unit afterwards.
 */
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const MS_PER_DAY = 86_400_000;

/**
 * Day number of an ISO date `YYYY-MM-DD` (a time part, if any, is ignored: the date as written
 * is the purchase day), or null when the text is not a real calendar date.
 * @example isoDayNumber('1970-01-02') // 1
 * @example isoDayNumber('1997-02-30') // null
 */
export function isoDayNumber(text: string): number | null {
  const match = ISO_DAY.exec(text.trim());
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return ms / MS_PER_DAY;
}

/** Like isoDayNumber, but throws an error naming the caller and the offending text. */
export function requireIsoDay(text: string, caller: string, what: string): number {
  const day = isoDayNumber(text);
  if (day === null) throw new RangeError(`${caller}: ${what} is not a valid YYYY-MM-DD date: "${text}"`);
  return day;
}
