/**
 * The customer-based forecast in the forecast stage (SPEC §6): the value stage's fitted models
 * (`value_models`) and per-customer summaries (`customer_value`, in the models' time unit) are
 * read back, not refitted, and each customer's expected purchases per forecast period
 * (analytics/forecast/customerOutlook.ts) give, per customer group and for all customers, the
 * revenue expected from the customers known at the as-of day (analytics/forecast/customerBased.ts).
 * The periods are the time-series forecast's, counted from the end of the as-of day (the
 * period holding it: the days after it only). Rows of `forecast_customer_based`.
 */
import type { PoolClient } from 'pg';
import { DAYS_PER_UNIT } from '../../analytics/clv/summary';
import { customerBasedForecast } from '../../analytics/forecast/customerBased';
import { customerGroupOutlooks, type FuturePeriod, type GroupedCustomer } from '../../analytics/forecast/customerOutlook';
import { formatDay, formatPeriod, lastCompletePeriod, parseDay, periodDays, type CalendarKind, type Period } from '../../analytics/calendar';
import type { CopyValue } from '../../infra/copy';
import { readValueModels } from '../value/store';

export const CUSTOMER_BASED_COLUMNS = ['run_id', 'frequency', 'member', 'period', 'period_start', 'step', 'customers', 'expected_purchases', 'spend_per_purchase',
  'value', 'lo80', 'hi80', 'lo95', 'hi95'] as const;

interface CustomerRow {
  customer_id: string;
  customer_group: string;
  frequency: number;
  recency: number;
  age: number;
  monetary_value: number;
}

export interface CustomerBasedRows {
  rows: CopyValue[][];
  /** Why there is no customer-based forecast, or what it leaves out. */
  notes: string[];
}

/** One frequency's forecast periods: `horizon` of them from the one after the last complete period. */
export interface ForecastPeriods {
  frequency: CalendarKind;
  horizon: number;
}

export async function customerBasedRows(client: PoolClient, runId: string, asOf: string, frequencies: readonly ForecastPeriods[]): Promise<CustomerBasedRows> {
  const model = await readValueModels(client, runId);
  if (!model) return { rows: [], notes: ['customer-based forecast: the value stage stored no models for this run'] };
  if (!model.bgnbd || !model.gammaGamma) return { rows: [], notes: [`customer-based forecast: value models not fitted (${model.skipReason ?? 'no reason given'})`] };
  const { rows: customers } = await client.query<CustomerRow>(
    `SELECT v.customer_id, coalesce(s.customer_group, 'unsegmented') AS customer_group, v.frequency, v.recency, v.age, v.monetary_value
     FROM customer_value v LEFT JOIN customer_segments s ON s.run_id = v.run_id AND s.customer_id = v.customer_id
     WHERE v.run_id = $1 ORDER BY v.customer_id`, [runId]);
  const grouped: GroupedCustomer[] = customers.map((c) => ({
    customerId: c.customer_id, group: c.customer_group, frequency: c.frequency, recency: Number(c.recency), T: Number(c.age), monetaryValue: Number(c.monetary_value),
  }));
  const valueModels = { bgnbd: model.bgnbd, gammaGamma: model.gammaGamma };
  const unitDays = DAYS_PER_UNIT[model.timeUnit];
  const firstFutureDay = parseDay(asOf) + 1;
  const counts = new Map<string, number>();
  for (const c of grouped) counts.set(c.group, (counts.get(c.group) ?? 0) + 1);
  const rows: CopyValue[][] = [];
  let withoutSpend = 0;
  for (const { frequency, horizon } of frequencies) {
    const first = lastCompletePeriod(asOf, frequency).ordinal + 1;
    const periods: Period[] = Array.from({ length: horizon }, (_, i) => ({ kind: frequency, ordinal: first + i }));
    const future: FuturePeriod[] = periods.map((p) => {
      const { start, end } = periodDays(p);
      return { from: Math.max(0, start - firstFutureDay) / unitDays, to: (end - firstFutureDay) / unitDays };
    });
    const outlook = customerGroupOutlooks(grouped, valueModels, future);
    const { outlooks } = outlook;
    withoutSpend = outlook.withoutSpend;
    const members = [{ member: '', outlooks, customers: grouped.length }, ...outlooks.map((o) => ({ member: o.segment, outlooks: [o], customers: counts.get(o.segment) ?? 0 }))];
    for (const { member, outlooks: parts, customers: count } of members) {
      const forecast = customerBasedForecast(parts, horizon);
      periods.forEach((p, i) => {
        const purchases = parts.reduce((sum, o) => sum + o.expectedPurchases[i], 0);
        rows.push([runId, frequency, member, formatPeriod(p), formatDay(periodDays(p).start), i + 1, count, purchases,
          purchases > 0 ? forecast.mean[i] / purchases : 0, forecast.mean[i], forecast.lo80[i], forecast.hi80[i], forecast.lo95[i], forecast.hi95[i]]);
      });
    }
  }
  const notes = withoutSpend > 0
    ? [`customer-based forecast: ${withoutSpend} customer(s) without a defined expected spend (no repeat purchase, Gamma-Gamma q ≤ 1) add no revenue`] : [];
  return { rows, notes: [...notes, 'customer-based forecast: purchases of customers not yet acquired at the as-of day are not in it'] };
}
