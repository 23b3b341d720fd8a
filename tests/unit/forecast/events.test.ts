import { eventCalendar, eventShares, eventTable, parseEventRows, seriesPeriodDays } from '../../../analytics/forecast/events';
import { dayNumber, parsePeriod, periodDays } from '../../../analytics/calendar';
import { holidayShares } from './eventFixtures';

describe('event calendar', () => {
  it('turns windows into the share of each period’s days', () => {
    // Spring Festival 2024 window: 9–16 Feb (eve to the 7th day), 8 of February's 29 days.
    const feb = periodDays(parsePeriod('2024-02'));
    const week = periodDays(parsePeriod('2024-W07')); // 12–18 Feb: 5 of 7 days
    const { names, values } = holidayShares([feb, week], ['spring_festival', 'national_day']);
    expect(names).toEqual(['spring_festival', 'national_day']);
    expect(values[0][0]).toBeCloseTo(8 / 29, 12);
    expect(values[1][0]).toBeCloseTo(5 / 7, 12);
    expect(values[0][1]).toBe(0);
    // A window spanning two periods is split between them.
    const days = [dayNumber(2025, 9, 29), dayNumber(2025, 10, 6)].map((start) => ({ start, end: start + 7 }));
    const split = holidayShares(days, ['national_day']).values.map((v) => v[0] * 7);
    expect(split[0] + split[1]).toBeCloseTo(7, 12);
  });

  it('reads the user’s date,event[,end_date] rows, naming row and column of a bad one', () => {
    const events = parseEventRows(
      [
        { date: '2025-03-08', event: 'brand day' },
        { date: '2025-01-10', event: '年货节', end_date: '2025-01-25' },
      ],
      'events.csv',
    );
    expect(events).toEqual([
      { event: 'brand day', date: '2025-03-08', endDate: '2025-03-08' },
      { event: '年货节', date: '2025-01-10', endDate: '2025-01-25' },
    ]);
    expect(() => parseEventRows([{ date: '2025-02-30', event: 'x' }], 'events.csv')).toThrow('events.csv: row 1, column "date": \'2025-02-30\' is not a YYYY-MM-DD date');
    expect(() => parseEventRows([{ date: '2025-03-01', event: ' ' }], 'events.csv')).toThrow('events.csv: row 1, column "event": is empty');
    expect(() => parseEventRows([{ date: '2025-03-08', event: 'x', end_date: '2025-03-01' }], 'e.csv')).toThrow(/row 1, column "end_date": 2025-03-01 is before/);
  });

  it('gives data before 1901 no built-in events, with a note instead of an error', () => {
    const { windows, notes } = eventCalendar({ builtin: true }, dayNumber(1856, 1, 1), dayNumber(1870, 1, 1));
    expect(windows).toEqual([]);
    expect(notes[0]).toMatch(/covers 1901–2100; periods in 1856–1869 get no built-in events/);
    // Straddling 1901: the covered years have their holidays.
    const straddling = eventCalendar({ builtin: true }, dayNumber(1899, 1, 1), dayNumber(1903, 1, 1));
    expect(straddling.windows.some((w) => w.event === 'spring_festival')).toBe(true);
    expect(straddling.notes[0]).toMatch(/periods in 1899–1900/);
  });

  it('has no shopping festivals before the first Double 11 (2009)', () => {
    const events = (year: number) => new Set(eventCalendar({ builtin: true }, dayNumber(year, 1, 1), dayNumber(year, 12, 31)).windows.filter((w) => new Date(w.start * 86_400_000).getUTCFullYear() === year).map((w) => w.event));
    expect(events(2008).has('double_11')).toBe(false);
    expect(events(2008).has('national_day')).toBe(true);
    expect(events(2010).has('double_11')).toBe(true);
  });

  it('keeps user events apart from built-in ones of the same name, and drops events the history never saw', () => {
    const series = { kind: 'month' as const, start: parsePeriod('2024-01').ordinal, step: 1, values: new Array(12).fill(1) };
    const { table, notes } = eventTable(series, 3, {
      builtin: false,
      user: [
        { event: 'store opening', date: '2024-05-10', endDate: '2024-05-12' },
        { event: 'next launch', date: '2025-02-01', endDate: '2025-02-01' },
      ],
    });
    expect(table?.names).toEqual(['store opening']);
    expect(table?.rows).toHaveLength(15);
    expect(table?.rows[4][0]).toBeCloseTo(3 / 31, 12);
    expect(notes.join(' ')).toMatch(/next launch not in the observed periods/);
    const both = eventCalendar({ builtin: true, user: [{ event: 'double_11', date: '2024-11-20', endDate: '2024-11-20' }] }, dayNumber(2024, 11, 1), dayNumber(2024, 12, 1));
    expect(both.windows.map((w) => w.event)).toContain('user:double_11');
  });

  it('reads dates a week apart as weeks ending (or starting) on that date', () => {
    const sundays = { kind: 'day' as const, start: dayNumber(2024, 2, 18), step: 7 };
    // Week ending Sunday 18 Feb 2024 is ISO week 2024-W07 (12–18 Feb).
    expect(seriesPeriodDays(sundays, 0, 'ending')).toEqual(periodDays(parsePeriod('2024-W07')));
    expect(seriesPeriodDays(sundays, 0, 'starting')).toEqual({ start: dayNumber(2024, 2, 18), end: dayNumber(2024, 2, 25) });
    const shares = eventShares([seriesPeriodDays(sundays, 0)], eventCalendar({ builtin: true }, dayNumber(2024, 2, 1), dayNumber(2024, 3, 1)).windows);
    expect(shares.values[0][shares.names.indexOf('spring_festival')]).toBeCloseTo(5 / 7, 12);
  });
});
