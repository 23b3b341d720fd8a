import { parseDay } from '../../../analytics/calendar';
import { buildCalendar, cumulativeAt, cumulativeIntensity, positionOf } from '../../../scripts/generate/calendar';

describe('calendar', () => {
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
