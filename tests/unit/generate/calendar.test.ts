import {
  buildCalendar, civilFromDays, cumulativeAt, cumulativeIntensity, daysFromCivil, formatDay, lunarNewYear, parseDay, positionOf, weekday,
} from '../../../scripts/generate/calendar';

describe('calendar', () => {
  it('converts between epoch days and civil dates', () => {
    expect(civilFromDays(0)).toEqual({ year: 1970, month: 1, day: 1 });
    expect(formatDay(daysFromCivil(2024, 2, 29))).toBe('2024-02-29');
    for (let d = daysFromCivil(1900, 1, 1); d < daysFromCivil(2100, 1, 1); d += 97) {
      const { year, month, day } = civilFromDays(d);
      expect(daysFromCivil(year, month, day)).toBe(d);
    }
    expect(() => parseDay('2023-02-29')).toThrow(/expected YYYY-MM-DD/);
  });

  it('knows the weekday (2024-11-11 was a Monday)', () => {
    expect(weekday(parseDay('2024-11-11'))).toBe(0);
    expect(weekday(parseDay('2026-11-22'))).toBe(6);
  });

  it('finds the lunar new year (春节) — dates as published by the Hong Kong Observatory', () => {
    expect(formatDay(lunarNewYear(2024))).toBe('2024-02-10');
    expect(formatDay(lunarNewYear(2025))).toBe('2025-01-29');
    expect(formatDay(lunarNewYear(2026))).toBe('2026-02-17');
  });

  it('marks Double 11 and 618 as peaks and the Spring Festival as a dip', () => {
    const calendar = buildCalendar('2024-01-01', '2024-12-31', 0);
    const at = (date: string) => calendar.festival[parseDay(date) - calendar.firstDay];
    expect(at('2024-11-11')).toBe(5);
    expect(at('2024-06-18')).toBe(3);
    expect(at('2024-02-10')).toBeLessThan(0.5);
    expect(at('2024-08-14')).toBe(1);
  });

  it('keeps a history before the window and inverts its cumulative intensity', () => {
    const calendar = buildCalendar('2024-01-01', '2024-12-31', 100);
    expect(calendar.windowStart).toBe(100);
    expect(calendar.days).toBe(466);
    const cum = cumulativeIntensity(calendar, 2);
    expect(cum[calendar.days]).toBeCloseTo(calendar.days, 6);
    for (const position of [0.5, 37.25, 300.9]) expect(positionOf(cum, cumulativeAt(cum, position))).toBeCloseTo(position, 9);
  });
});
