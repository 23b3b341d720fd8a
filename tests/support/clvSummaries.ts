/**
 * Calibration summaries of a list of transactions, grouped by customer (in order of first
 * appearance) and summarized one customer at a time by the one definition
 * (analytics/clv/summary.ts), as the value stage does with the rows it streams.
 */
import { requireIsoDay } from '../../analytics/calendar';
import { purchasesOf, summarizeCustomer, type CustomerSummary, type DatedAmount, type TimeUnit } from '../../analytics/clv/summary';

export interface Transaction {
  customerId: string;
  /** Purchase date, `YYYY-MM-DD`. */
  date: string;
  amount: number;
}

export function summarizeTransactions(transactions: readonly Transaction[], options: { calibrationEnd: string; timeUnit?: TimeUnit }): CustomerSummary[] {
  const byCustomer = new Map<string, DatedAmount[]>();
  transactions.forEach((t, i) => {
    const amounts = byCustomer.get(t.customerId) ?? [];
    amounts.push({ day: requireIsoDay(t.date, 'summarizeTransactions', `transaction ${i} date`), amount: t.amount });
    byCustomer.set(t.customerId, amounts);
  });
  const calibrationEnd = requireIsoDay(options.calibrationEnd, 'summarizeTransactions', 'calibrationEnd');
  return [...byCustomer].flatMap(([customerId, amounts]) => summarizeCustomer(customerId, purchasesOf(amounts), { calibrationEnd, timeUnit: options.timeUnit ?? 'week' }) ?? []);
}
