/**
 * Time zones: the offset of an IANA zone at an instant, wall-clock times read in a zone, the
 * local day of an instant and the as-of cutoff. Luxon supplies the zone's offset; the day cache
 * and the wall-time reading are written here because cleaning reads every timestamp of a run
 * with them and Luxon's own per-call reading is some 25 times slower (README, "The calendar").
 */
import { IANAZone } from 'luxon';
import { civilDate, MS_PER_DAY, parseDay, utcMillis, type CivilTime } from './days';

/** Per zone, per UTC day: the offset when it holds all day, NaN on a day with a transition. */
const dailyOffsets = new Map<string, Map<number, number>>();

/** Minutes east of UTC of `timeZone` at the instant `utcMs` (historical offsets in seconds rounded to the minute). */
export function zoneOffsetMinutes(timeZone: string, utcMs: number): number {
  const day = Math.floor(utcMs / MS_PER_DAY);
  // Keyed by the day's number within the zone's map: no key string built per call.
  let days = dailyOffsets.get(timeZone);
  if (days === undefined) dailyOffsets.set(timeZone, days = new Map());
  let offset = days.get(day);
  if (offset === undefined) {
    const start = offsetAt(timeZone, day * MS_PER_DAY);
    offset = start === offsetAt(timeZone, (day + 1) * MS_PER_DAY - 1) ? start : Number.NaN;
    days.set(day, offset);
  }
  return Number.isNaN(offset) ? offsetAt(timeZone, utcMs) : offset;
}

function offsetAt(timeZone: string, utcMs: number): number {
  const zone = IANAZone.create(timeZone);
  if (!zone.isValid) throw new RangeError(`Invalid time zone specified: ${timeZone}`);
  return Math.round(zone.offset(utcMs));
}

/**
 * The UTC instant of a wall-clock time in `timeZone`. A time that occurs twice (clocks set back)
 * is its first occurrence; a time that does not exist (clocks set forward) is read with the
 * offset after the change: 02:30 on New York's spring-forward day is 06:30Z, as 01:30 EST.
 */
export function zonedToInstant(w: CivilTime, timeZone: string): Date {
  const guess = utcMillis(w.year, w.month, w.day, w.hour, w.minute, w.second);
  const first = guess - zoneOffsetMinutes(timeZone, guess) * 60_000;
  const second = guess - zoneOffsetMinutes(timeZone, first) * 60_000;
  return new Date(second);
}

/** The day number of the local calendar day in `timeZone` at the instant `utcMs`. */
export function localDayNumber(utcMs: number, timeZone: string): number {
  return Math.floor((utcMs + zoneOffsetMinutes(timeZone, utcMs) * 60_000) / MS_PER_DAY);
}

/** The first instant of a day (a day number) in `timeZone`. */
export function startOfLocalDay(dayNumber: number, timeZone: string): Date {
  return zonedToInstant({ ...civilDate(dayNumber), hour: 0, minute: 0, second: 0 }, timeZone);
}

/** The first instant after the as-of date (YYYY-MM-DD) ends in `timeZone`: a run sees rows strictly before it. */
export function asOfCutoff(asOf: string, timeZone: string): Date {
  return startOfLocalDay(parseDay(asOf) + 1, timeZone);
}
