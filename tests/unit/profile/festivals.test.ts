import { FIRST_FESTIVAL_YEAR } from '../../../analytics/forecast/holidays';
import { countDaysBetween, festivalLift, shoppingFestivalDays } from '../../../analytics/profile/festivals';

const day = (ymd: string) => Date.parse(`${ymd}T00:00:00Z`) / 86_400_000;

describe('shoppingFestivalDays', () => {
  it('holds the 618 (06-01…06-18), Double 11 (11-01…11-11) and Double 12 windows of each year', () => {
    const days = shoppingFestivalDays(2025, 2025);
    expect(days).toHaveLength(18 + 11 + 1);
    expect(days[0]).toBe(day('2025-06-01'));
    expect(days).toContain(day('2025-06-18'));
    expect(days).toContain(day('2025-11-11'));
    expect(days[days.length - 1]).toBe(day('2025-12-12'));
    expect(days).not.toContain(day('2025-05-31'));
    expect(days).not.toContain(day('2025-11-12'));
    expect(shoppingFestivalDays(2024, 2025)).toHaveLength(60);
  });

  it('has none before the first Double 11 sale', () => {
    expect(FIRST_FESTIVAL_YEAR).toBe(2009);
    expect(shoppingFestivalDays(1997, 1998)).toEqual([]);
    expect(shoppingFestivalDays(2008, 2009)).toEqual(shoppingFestivalDays(2009, 2009));
  });
});

describe('countDaysBetween', () => {
  it('counts the sorted days inside [from, to]', () => {
    expect(countDaysBetween([1, 3, 5, 7], 2, 6)).toBe(2);
    expect(countDaysBetween([1, 3, 5, 7], 1, 7)).toBe(4);
    expect(countDaysBetween([1, 3, 5, 7], 8, 9)).toBe(0);
    expect(countDaysBetween([1, 3, 5, 7], 6, 2)).toBe(0);
  });
});

describe('festivalLift', () => {
  it('is log((festival orders + 1) / (orders × exposure + 1))', () => {
    expect(festivalLift(3, 4, 0.1)).toBeCloseTo(Math.log(4 / 1.4), 12);
    // Buying at festivals exactly as often as exposure predicts: 2 of 10 orders with exposure 0.2.
    expect(festivalLift(2, 10, 0.2)).toBeCloseTo(Math.log(3 / 3), 12);
    expect(festivalLift(0, 10, 0.2)).toBeLessThan(0);
  });

  it('rejects impossible counts and exposures', () => {
    expect(() => festivalLift(3, 2, 0.1)).toThrow(RangeError);
    expect(() => festivalLift(0, 2, 1.5)).toThrow(/exposure/);
  });
});
