import { requireIsoDay } from '../../../analytics/calendar';
import { purchasesOf, summarizeCustomer, summarizeWithHoldout, type DatedAmount } from '../../../analytics/clv/summary';
import { summarizeTransactions } from '../../support/clvSummaries';
import { CDNOW_CALIBRATION_END, readCdnowSummaryWeeks, readCdnowTransactions } from './cdnow';

// A table to check by eye. Calibration ends 2024-01-29 (a Monday, 4 weeks after 2024-01-01).
const day = (iso: string) => requireIsoDay(iso, 'test', iso);
const a: DatedAmount[] = [
  { day: day('2024-01-22'), amount: 60 },
  { day: day('2024-01-01'), amount: 100 }, // first purchase: not in the monetary value
  { day: day('2024-01-08'), amount: 10 },
  { day: day('2024-01-08'), amount: 20 }, // same day → one purchase of 30
  { day: day('2024-02-05'), amount: 7 }, // holdout
];
const b: DatedAmount[] = [{ day: day('2024-01-15'), amount: 5 }]; // one-time buyer
const c: DatedAmount[] = [{ day: day('2024-02-01'), amount: 9 }]; // first seen after the calibration end
const calibrationEnd = day('2024-01-29');

describe('purchasesOf', () => {
  it('merges same-day amounts in whole cents, days ascending', () => {
    expect(purchasesOf(a)).toEqual({ days: ['2024-01-01', '2024-01-08', '2024-01-22', '2024-02-05'].map(day), cents: [10_000, 3000, 6000, 700] });
    // 0.1 + 0.2 is 0.30000000000000004 in floating point; in cents it is 30.
    expect(purchasesOf([{ day: 1, amount: 0.1 }, { day: 1, amount: 0.2 }]).cents).toEqual([30]);
  });

  it('names the purchase with a bad day or amount', () => {
    expect(() => purchasesOf([{ day: 1.5, amount: 1 }])).toThrow(/purchasesOf: purchase 0 day is not a whole day number: 1.5/);
    expect(() => purchasesOf([{ day: 1, amount: Number.NaN }])).toThrow(/purchasesOf: purchase 0 amount is not a finite number/);
  });
});

describe('summarizeCustomer', () => {
  it('averages repeat purchases only (weeks = days / 7)', () => {
    expect(summarizeCustomer('a', purchasesOf(a), { calibrationEnd, timeUnit: 'week' })).toEqual({ customerId: 'a', frequency: 2, recency: 3, T: 4, monetaryValue: 45 }); // (30 + 60) / 2
    expect(summarizeCustomer('b', purchasesOf(b), { calibrationEnd, timeUnit: 'week' })).toEqual({ customerId: 'b', frequency: 0, recency: 0, T: 2, monetaryValue: 0 });
    expect(summarizeCustomer('c', purchasesOf(c), { calibrationEnd, timeUnit: 'week' })).toBeNull();
  });

  it('counts in days when asked', () => {
    expect(summarizeCustomer('a', purchasesOf(a), { calibrationEnd, timeUnit: 'day' })).toMatchObject({ frequency: 2, recency: 21, T: 28 });
  });
});

describe('summarizeWithHoldout', () => {
  it('counts holdout purchases with the same merging and averaging as the calibration', () => {
    const options = { calibrationEnd, holdoutEnd: day('2024-02-12'), timeUnit: 'week' as const };
    expect(summarizeWithHoldout('a', purchasesOf(a), options)).toMatchObject({ frequency: 2, holdoutFrequency: 1, holdoutMonetaryValue: 7, holdoutDuration: 2 });
    expect(summarizeWithHoldout('b', purchasesOf(b), options)).toMatchObject({ holdoutFrequency: 0, holdoutMonetaryValue: 0, holdoutDuration: 2 });
    expect(summarizeWithHoldout('c', purchasesOf(c), options)).toBeNull();
  });

  it('rejects a holdout end before the calibration end', () => {
    expect(() => summarizeWithHoldout('a', purchasesOf(a), { calibrationEnd, holdoutEnd: day('2024-01-01'), timeUnit: 'week' })).toThrow(/holdoutEnd is before calibrationEnd/);
  });
});

describe('CDNOW summary', () => {
  it('reproduces cdnow_summary_weeks.csv (2,357 customers, weeks, 2 decimals)', () => {
    const ours = summarizeTransactions(readCdnowTransactions(), { calibrationEnd: CDNOW_CALIBRATION_END });
    const published = readCdnowSummaryWeeks();
    expect(ours).toHaveLength(2357);
    expect(ours.map((s) => s.customerId)).toEqual(published.map((s) => s.customerId));
    ours.forEach((s, i) => {
      expect(s.frequency).toBe(published[i].frequency);
      expect(Math.abs(s.recency - published[i].recency)).toBeLessThanOrEqual(0.005 + 1e-9);
      expect(Math.abs(s.T - published[i].T)).toBeLessThanOrEqual(0.005 + 1e-9);
    });
    // README: 946 customers with at least one repeat purchase; 2,457 repeat purchases in all (FHL 2005 §4)
    expect(ours.filter((s) => s.frequency > 0)).toHaveLength(946);
    expect(ours.reduce((sum, s) => sum + s.frequency, 0)).toBe(2457);
  });
});
