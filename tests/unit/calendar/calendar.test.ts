/** The calendar: known dates (ISO 8601 weekdays, published lunar festival dates, tz database offsets). */
import {
  asOfCutoff, civilDate, dayNumber, formatDay, isoDayNumber, isoWeekday, lunarToDayNumber, MS_PER_DAY, parseDay, utcMillis, zonedToInstant, zoneOffsetMinutes,
} from '../../../analytics/calendar';

describe('day numbers', () => {
  it('convert to and from calendar dates', () => {
    expect(civilDate(0)).toEqual({ year: 1970, month: 1, day: 1 });
    expect(formatDay(dayNumber(2024, 2, 29))).toBe('2024-02-29');
    for (let d = dayNumber(1900, 1, 1); d < dayNumber(2100, 1, 1); d += 97) {
      const { year, month, day } = civilDate(d);
      expect(dayNumber(year, month, day)).toBe(d);
    }
    expect(MS_PER_DAY).toBe(24 * 60 * 60 * 1000);
    expect(() => parseDay('2023-02-29')).toThrow(/not a YYYY-MM-DD date: 2023-02-29/);
    expect(new Date(utcMillis(50, 3, 1)).getUTCFullYear()).toBe(50); // not 1950
  });

  it('read the date of an ISO timestamp as written', () => {
    expect(isoDayNumber('1970-01-02T23:59:00+08:00')).toBe(1);
    expect(isoDayNumber('1997-02-30')).toBeNull();
  });

  it('know the weekday (2024-11-11 was a Monday, 2026-11-22 a Sunday)', () => {
    expect(isoWeekday(parseDay('2024-11-11'))).toBe(1);
    expect(isoWeekday(parseDay('2026-11-22'))).toBe(7);
  });
});

describe('lunar festivals — dates as published by the Hong Kong Observatory', () => {
  it('finds 春节, 端午 and 中秋', () => {
    expect(formatDay(lunarToDayNumber(2024, 1, 1))).toBe('2024-02-10');
    expect(formatDay(lunarToDayNumber(2025, 1, 1))).toBe('2025-01-29');
    expect(formatDay(lunarToDayNumber(2026, 1, 1))).toBe('2026-02-17');
    expect(formatDay(lunarToDayNumber(2025, 5, 5))).toBe('2025-05-31');
    expect(formatDay(lunarToDayNumber(2025, 8, 15))).toBe('2025-10-06');
  });
});

describe('time zones and as-of cutoffs', () => {
  it('ends an as-of day at local midnight, on either side of a DST change', () => {
    expect(asOfCutoff('2026-11-22', 'Asia/Shanghai').toISOString()).toBe('2026-11-22T16:00:00.000Z');
    expect(asOfCutoff('2026-03-07', 'America/New_York').toISOString()).toBe('2026-03-08T05:00:00.000Z'); // EST
    expect(asOfCutoff('2026-03-08', 'America/New_York').toISOString()).toBe('2026-03-09T04:00:00.000Z'); // EDT
    expect(() => asOfCutoff('2026-11-31', 'Asia/Shanghai')).toThrow(/not a YYYY-MM-DD date/);
  });

  it('reads wall-clock times in a zone: a skipped time takes the offset after the change, a repeated one its first occurrence', () => {
    const at = (year: number, month: number, day: number, hour: number, minute: number) => zonedToInstant({ year, month, day, hour, minute, second: 0 }, 'America/New_York').toISOString();
    expect(at(2026, 3, 8, 2, 30)).toBe('2026-03-08T06:30:00.000Z');
    expect(at(2026, 11, 1, 1, 30)).toBe('2026-11-01T05:30:00.000Z');
    expect(at(2026, 7, 4, 12, 0)).toBe('2026-07-04T16:00:00.000Z');
  });

  it('gives historical offsets to the minute (Shanghai local mean time +8:05:43 before 1901)', () => {
    expect(zoneOffsetMinutes('Asia/Shanghai', Date.UTC(1900, 0, 1))).toBe(486);
    expect(zoneOffsetMinutes('Asia/Shanghai', Date.UTC(2026, 0, 1))).toBe(480);
    expect(() => zoneOffsetMinutes('Mars/Olympus', 0)).toThrow(/Invalid time zone/);
  });
});
