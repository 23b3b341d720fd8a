import { splitCalibrationHoldout, summarizeTransactions, type Transaction } from '../../../analytics/clv/summary';
import { CDNOW_CALIBRATION_END, readCdnowSummaryWeeks, readCdnowTransactions } from './cdnow';

// A table to check by eye. Calibration ends 2024-01-29 (a Monday, 4 weeks after 2024-01-01).
const tx: Transaction[] = [
  { customerId: 'a', date: '2024-01-01', amount: 100 }, // first purchase: not in the monetary value
  { customerId: 'a', date: '2024-01-08', amount: 10 },
  { customerId: 'a', date: '2024-01-08', amount: 20 }, // same day → one purchase of 30
  { customerId: 'a', date: '2024-01-22', amount: 60 },
  { customerId: 'a', date: '2024-02-05', amount: 7 }, // holdout
  { customerId: 'b', date: '2024-01-15', amount: 5 }, // one-time buyer
  { customerId: 'c', date: '2024-02-01', amount: 9 }, // first seen after the calibration end
];

describe('summarizeTransactions', () => {
  it('merges same-day purchases and averages repeat purchases only (weeks = days / 7)', () => {
    expect(summarizeTransactions(tx, { calibrationEnd: '2024-01-29' })).toEqual([
      { customerId: 'a', frequency: 2, recency: 3, T: 4, monetaryValue: 45 }, // (30 + 60) / 2
      { customerId: 'b', frequency: 0, recency: 0, T: 2, monetaryValue: 0 },
    ]);
  });

  it('counts in days when asked', () => {
    const [a] = summarizeTransactions(tx, { calibrationEnd: '2024-01-29', timeUnit: 'day' });
    expect(a).toMatchObject({ frequency: 2, recency: 21, T: 28 });
  });

  it('names the function and the transaction on a bad date', () => {
    expect(() => summarizeTransactions([{ customerId: 'x', date: '2024-02-30', amount: 1 }], { calibrationEnd: '2024-03-01' })).toThrow(
      /summarizeTransactions: transaction 0 date is not a valid YYYY-MM-DD date: "2024-02-30"/,
    );
  });
});

describe('splitCalibrationHoldout', () => {
  it('counts holdout purchases with the same merging and averaging as the calibration', () => {
    const rows = splitCalibrationHoldout(tx, { calibrationEnd: '2024-01-29', holdoutEnd: '2024-02-12' });
    expect(rows.map(({ customerId, holdoutFrequency, holdoutMonetaryValue, holdoutDuration }) => ({ customerId, holdoutFrequency, holdoutMonetaryValue, holdoutDuration }))).toEqual([
      { customerId: 'a', holdoutFrequency: 1, holdoutMonetaryValue: 7, holdoutDuration: 2 },
      { customerId: 'b', holdoutFrequency: 0, holdoutMonetaryValue: 0, holdoutDuration: 2 },
    ]);
  });

  it('defaults the holdout end to the last transaction and rejects one before the calibration end', () => {
    expect(splitCalibrationHoldout(tx, { calibrationEnd: '2024-01-29' })[0].holdoutDuration).toBe(1); // 2024-02-05
    expect(() => splitCalibrationHoldout(tx, { calibrationEnd: '2024-01-29', holdoutEnd: '2024-01-01' })).toThrow(/holdoutEnd is before calibrationEnd/);
  });
});

describe('CDNOW summary', () => {
  it('reproduces cdnow_summary_weeks.csv (2,357 customers, weeks, 2 decimals)', async () => {
    const ours = summarizeTransactions(await readCdnowTransactions(), { calibrationEnd: CDNOW_CALIBRATION_END });
    const published = readCdnowSummaryWeeks();
    expect(ours).toHaveLength(2357);
    expect(ours.map((c) => c.customerId)).toEqual(published.map((c) => c.customerId));
    ours.forEach((c, i) => {
      expect(c.frequency).toBe(published[i].frequency);
      expect(Math.abs(c.recency - published[i].recency)).toBeLessThanOrEqual(0.005 + 1e-9);
      expect(Math.abs(c.T - published[i].T)).toBeLessThanOrEqual(0.005 + 1e-9);
    });
    // README: 946 customers with at least one repeat purchase; 2,457 repeat purchases in all (FHL 2005 §4)
    expect(ours.filter((c) => c.frequency > 0)).toHaveLength(946);
    expect(ours.reduce((s, c) => s + c.frequency, 0)).toBe(2457);
  });
});
