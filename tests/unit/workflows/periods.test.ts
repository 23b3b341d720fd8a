/** As-of dates of scheduled runs and backfills, checked against a calendar by hand. */
import { backfillPeriods, scheduledAsOf } from '../../../workflows/periods';

describe('scheduledAsOf: the last complete day before the scheduled time, in the config time zone', () => {
  it('Monday 06:00 Asia/Shanghai (Sunday 22:00 UTC) → that Sunday', () => {
    expect(scheduledAsOf(new Date('2026-11-29T22:00:00Z'), 'Asia/Shanghai')).toBe('2026-11-29');
  });
  it('local midnight belongs to the new day: Monday 00:00 Shanghai → Sunday', () => {
    expect(scheduledAsOf(new Date('2026-11-29T16:00:00Z'), 'Asia/Shanghai')).toBe('2026-11-29');
    expect(scheduledAsOf(new Date('2026-11-29T15:59:59Z'), 'Asia/Shanghai')).toBe('2026-11-28');
  });
  it('uses the zone offset of that day across DST changes (New York)', () => {
    // 2026-03-08 DST starts: Monday 06:00 EDT = 10:00 UTC.
    expect(scheduledAsOf(new Date('2026-03-09T10:00:00Z'), 'America/New_York')).toBe('2026-03-08');
    // 2026-11-01 DST ends: 04:30 UTC on Nov 2 is 23:30 EST on Nov 1 → as of Oct 31.
    expect(scheduledAsOf(new Date('2026-11-02T04:30:00Z'), 'America/New_York')).toBe('2026-10-31');
  });
});

describe('backfillPeriods', () => {
  it('weeks end on --to and every 7 days before it, oldest first', () => {
    const weeks = backfillPeriods('2026-09-01', '2026-11-22', 'week');
    expect(weeks).toHaveLength(12);
    expect(weeks[0]).toBe('2026-09-06');
    expect(weeks.slice(-2)).toEqual(['2026-11-15', '2026-11-22']);
    expect(backfillPeriods('2026-11-16', '2026-11-22', 'week')).toEqual(['2026-11-22']);
  });
  it('months are the month ends in range, leap February included', () => {
    expect(backfillPeriods('2026-01-15', '2026-04-30', 'month')).toEqual(['2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30']);
    expect(backfillPeriods('2024-02-01', '2024-03-30', 'month')).toEqual(['2024-02-29']);
    expect(backfillPeriods('2025-11-01', '2026-01-31', 'month')).toEqual(['2025-11-30', '2025-12-31', '2026-01-31']);
  });
  it('rejects an inverted range and impossible dates, naming them', () => {
    expect(() => backfillPeriods('2026-02-01', '2026-01-01', 'week')).toThrow('2026-02-01 is after 2026-01-01');
    expect(() => backfillPeriods('2026-02-30', '2026-03-01', 'week')).toThrow('not a YYYY-MM-DD date: 2026-02-30');
  });
});
