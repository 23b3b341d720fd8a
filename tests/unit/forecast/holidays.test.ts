import { holidayCalendar, qingmingDayNumber } from '../../../analytics/forecast/holidays';
import { formatDay } from '../../../analytics/calendar';

const dateOf = (key: string, year: number) => holidayCalendar(year, year).find((h) => h.key === key)?.date;

describe('Chinese holiday calendar', () => {
  it('dates Spring Festival by the lunar calendar (published dates)', () => {
    expect(dateOf('spring_festival', 2020)).toBe('2020-01-25');
    expect(dateOf('spring_festival', 2023)).toBe('2023-01-22');
    expect(dateOf('spring_festival', 2024)).toBe('2024-02-10');
    expect(dateOf('spring_festival', 2025)).toBe('2025-01-29');
    expect(dateOf('spring_festival', 2026)).toBe('2026-02-17');
  });

  it('dates Dragon Boat (5/5) and Mid-Autumn (8/15), also after a leap month', () => {
    expect(dateOf('dragon_boat', 2020)).toBe('2020-06-25'); // leap 4th month in 2020
    expect(dateOf('dragon_boat', 2025)).toBe('2025-05-31');
    expect(dateOf('mid_autumn', 2023)).toBe('2023-09-29'); // leap 2nd month in 2023
    expect(dateOf('mid_autumn', 2024)).toBe('2024-09-17');
    expect(dateOf('mid_autumn', 2025)).toBe('2025-10-06');
  });

  it('dates Qingming by the solar-term rule', () => {
    expect(formatDay(qingmingDayNumber(2019))).toBe('2019-04-05');
    expect(formatDay(qingmingDayNumber(2023))).toBe('2023-04-05');
    expect(formatDay(qingmingDayNumber(2024))).toBe('2024-04-04');
    expect(formatDay(qingmingDayNumber(2026))).toBe('2026-04-05');
    expect(() => qingmingDayNumber(2101)).toThrow(RangeError);
  });

  it('lists every holiday of each year with its window, sorted by date', () => {
    const cal = holidayCalendar(2024, 2025);
    expect(cal).toHaveLength(22);
    expect(cal.map((h) => h.start)).toEqual([...cal.map((h) => h.start)].sort());
    const national = cal.find((h) => h.key === 'national_day' && h.year === 2024);
    expect(national).toMatchObject({ start: '2024-10-01', end: '2024-10-07', nameZh: '国庆节' });
    const double11 = cal.find((h) => h.key === 'double_11' && h.year === 2025);
    expect(double11).toMatchObject({ date: '2025-11-11', start: '2025-11-01', end: '2025-11-11' });
  });
});
