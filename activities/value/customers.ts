/**
 * Per-customer BG/NBD summaries of a run: each customer's counted orders (../customerRows.ts),
 * dated to their local calendar day in the run's time zone, streamed one customer at a time into
 * the one definition of the summary (analytics/clv/summary.ts), with the as-of day as the
 * calibration end. Total spend includes the first purchase.
 */
import type { Knex } from 'knex';
import { isoDayNumber, MS_PER_DAY } from '../../analytics/calendar';
import { purchasesOf, summarizeCustomer, type CustomerSummary, type Purchases, type TimeUnit } from '../../analytics/clv/summary';
import type { RunContext } from '../../contract/runContext';
import { countedOrders, localMs, rowsByCustomer } from '../customerRows';

export interface CustomerSpendSummary extends CustomerSummary {
  totalSpend: number;
}

/** Each customer's purchases (counted orders merged per local day), in customer order. */
export async function* customerPurchases(db: Knex, run: RunContext): AsyncGenerator<{ customerId: string; purchases: Purchases }> {
  const orders = rowsByCustomer(db, (literal) =>
    `SELECT o.customer_id, ${localMs(run, literal)}, o.net_amount FROM clean_orders o WHERE ${countedOrders(run, literal)} ORDER BY o.customer_id COLLATE "C"`);
  for await (const { customerId, rows } of orders) {
    yield { customerId, purchases: purchasesOf(rows.map(([local, amount]) => ({ day: Math.floor(Number(local) / MS_PER_DAY), amount: Number(amount) }))) };
  }
}

export async function loadCustomerSummaries(db: Knex, run: RunContext, timeUnit: TimeUnit): Promise<CustomerSpendSummary[]> {
  const calibrationEnd = isoDayNumber(run.asOf);
  if (calibrationEnd === null) throw new RangeError(`run ${run.runId}: as-of ${run.asOf} is not a date`);
  const summaries: CustomerSpendSummary[] = [];
  for await (const { customerId, purchases } of customerPurchases(db, run)) {
    const summary = summarizeCustomer(customerId, purchases, { calibrationEnd, timeUnit });
    if (!summary) continue;
    // Field by field, not `{ ...summary, totalSpend }`: V8 gave nearly every such copy a hidden class
    // of its own, which for 400,000 customers held about 100 MB more.
    const { frequency, recency, T, monetaryValue } = summary;
    summaries.push({ customerId, frequency, recency, T, monetaryValue, totalSpend: purchases.cents.reduce((sum, c) => sum + c, 0) / 100 });
  }
  return summaries;
}
