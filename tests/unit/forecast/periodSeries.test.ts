/** Period bucketing of the forecast stage: dates checked against ISO 8601 calendars (Python's date.isocalendar). */
import { completeSeries } from '../../../analytics/forecast/periodSeries';
import { firstCompletePeriod, formatPeriod, lastCompletePeriod, parseDay, periodContaining } from '../../../analytics/calendar';

const label = (day: string, kind: 'week' | 'month') => formatPeriod(periodContaining(parseDay(day), kind));

describe('periodContaining', () => {
  it('puts a day in its ISO week (Monday to Sunday) and its month', () => {
    expect(label('2026-11-22', 'week')).toBe('2026-W47'); // a Sunday: last day of W47
    expect(label('2026-11-23', 'week')).toBe('2026-W48'); // Monday
    expect(label('2024-12-31', 'week')).toBe('2025-W01'); // Tuesday in ISO year 2025
    expect(label('2021-01-03', 'week')).toBe('2020-W53');
    expect(label('2024-02-29', 'month')).toBe('2024-02');
    expect(label('2024-12-31', 'month')).toBe('2024-12');
  });
});

describe('lastCompletePeriod', () => {
  it('keeps the period holding the as-of day only when that day ends it', () => {
    expect(formatPeriod(lastCompletePeriod('2026-11-22', 'week'))).toBe('2026-W47'); // Sunday ends the week
    expect(formatPeriod(lastCompletePeriod('2026-11-23', 'week'))).toBe('2026-W47'); // Monday starts W48
    expect(formatPeriod(lastCompletePeriod('2026-11-22', 'month'))).toBe('2026-10');
    expect(formatPeriod(lastCompletePeriod('2026-10-31', 'month'))).toBe('2026-10');
    expect(formatPeriod(lastCompletePeriod('2024-12-31', 'week'))).toBe('2024-W52'); // W52 ended Sunday 29 December
    expect(formatPeriod(lastCompletePeriod('2024-03-01', 'month'))).toBe('2024-02');
  });
});

describe('firstCompletePeriod', () => {
  it('skips the period the data start in unless they start on its first day', () => {
    expect(formatPeriod(firstCompletePeriod('2023-11-20', 'month'))).toBe('2023-12');
    expect(formatPeriod(firstCompletePeriod('2023-11-20', 'week'))).toBe('2023-W47'); // a Monday
    expect(formatPeriod(firstCompletePeriod('2023-11-21', 'week'))).toBe('2023-W48');
    expect(formatPeriod(firstCompletePeriod('2024-01-01', 'month'))).toBe('2024-01');
  });
});

describe('completeSeries', () => {
  const lastMonth = lastCompletePeriod('2024-05-20', 'month'); // 2024-04; May is to date

  it('zero-fills months without orders and sets the month to date aside', () => {
    const result = completeSeries([
      { periodStart: '2024-01-01', value: 100 },
      { periodStart: '2024-03-01', value: 50 },
      { periodStart: '2024-05-01', value: 7 },
    ], lastMonth);
    expect(result?.series.values).toEqual([100, 0, 50, 0]); // Jan, Feb (none), Mar, Apr (none)
    expect(formatPeriod({ kind: 'month', ordinal: result!.series.start })).toBe('2024-01');
    expect(result?.partial).toEqual({ period: '2024-05', value: 7 });
  });

  it('labels weekly series by ISO week and fills missing weeks with zero', () => {
    const result = completeSeries([
      { periodStart: '2024-12-16', value: 3 }, // W51
      { periodStart: '2024-12-30', value: 4 }, // 2025-W01, holds the as-of day
    ], lastCompletePeriod('2024-12-31', 'week'));
    expect(result?.series.values).toEqual([3, 0]);
    expect(formatPeriod({ kind: 'week', ordinal: result!.series.start })).toBe('2024-W51');
    expect(result?.partial).toEqual({ period: '2025-W01', value: 4 });
  });

  it('leaves out periods before the first complete one', () => {
    const result = completeSeries([
      { periodStart: '2023-11-01', value: 9 }, // data from 20 November: incomplete
      { periodStart: '2023-12-01', value: 30 },
      { periodStart: '2024-02-01', value: 31 },
    ], lastCompletePeriod('2024-02-29', 'month'), firstCompletePeriod('2023-11-20', 'month'));
    expect(result?.series.values).toEqual([30, 0, 31]);
    expect(formatPeriod({ kind: 'month', ordinal: result!.series.start })).toBe('2023-12');
    expect(result?.partial).toBeUndefined();
  });

  it('is undefined when the only sales are in the period to date', () => {
    expect(completeSeries([{ periodStart: '2024-05-01', value: 7 }], lastMonth)).toBeUndefined();
  });

  it('rejects a start that is not the first day of its period, a repeat, or data past the period to date', () => {
    expect(() => completeSeries([{ periodStart: '2024-01-02', value: 1 }], lastMonth)).toThrow('2024-01-02 is not the first day of 2024-01');
    expect(() => completeSeries([{ periodStart: '2024-12-17', value: 1 }], lastCompletePeriod('2024-12-31', 'week'))).toThrow('not the first day of 2024-W51');
    expect(() => completeSeries([{ periodStart: '2024-01-01', value: 1 }, { periodStart: '2024-01-01', value: 2 }], lastMonth)).toThrow('2024-01 (2024-01-01) repeats');
    expect(() => completeSeries([{ periodStart: '2024-06-01', value: 1 }], lastMonth)).toThrow('after the incomplete period 2024-05');
  });
});
