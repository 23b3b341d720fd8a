/**
 * Writes one run's rows of the value tables: the models row and, by COPY, the per-customer
 * (as they are valued), CAC, survey and profitability rows. Called inside the stage's transaction, after the
 * envelope deleted the run's earlier rows (../stage.ts).
 */
import type { Knex } from 'knex';
import type { PoolClient } from 'pg';
import type { ValueModelsFit } from '../../analytics/clv/fitModels';
import type { AcquisitionCost } from '../../analytics/value/cac';
import type { CustomerValue } from '../../analytics/value/customerValue';
import type { Valuation } from '../../config/valuation';
import type { ValueModelSummary } from '../../reports/model/value';
import { CopyWriter, type CopyValue } from '../../infra/copy';
import type { CustomerAcquisition } from './acquisition';
import type { CustomerSpendSummary } from './customers';
import type { Profitability } from './profitability';
import type { GroupedSurveyScores } from './surveys';

export interface ValueRows {
  valuation: Valuation;
  fit: ValueModelsFit;
  /** Customers valued. */
  customers: number;
  acquisitionCosts: readonly AcquisitionCost[];
  surveys: readonly GroupedSurveyScores[];
  profitability: Profitability;
}

const MODEL_COLUMNS = ['run_id', 'time_unit', 'customers', 'repeat_customers', 'fitted', 'skip_reason',
  'bgnbd_r', 'bgnbd_alpha', 'bgnbd_a', 'bgnbd_b', 'bgnbd_log_likelihood', 'bgnbd_converged', 'bgnbd_iterations', 'bgnbd_gradient_norm', 'bgnbd_unique_rows',
  'gg_p', 'gg_q', 'gg_v', 'gg_log_likelihood', 'gg_converged', 'gg_iterations', 'gg_gradient_norm', 'frequency_monetary_correlation',
  'unallocated_marketing_spend', 'parameters'] as const;
const CUSTOMER_VALUE_COLUMNS = ['run_id', 'customer_id', 'frequency', 'recency', 'age', 'monetary_value', 'expected_purchases', 'p_alive', 'expected_spend', 'clv',
  'total_spend', 'average_annual_spend', 'expected_lifetime_years', 'margin', 'acquisition_channel', 'acquisition_period', 'acquisition_cost', 'simple_clv',
  'time_since_last_purchase', 'inter_purchase_time', 'gap_ratio', 'churn_risk'] as const;
const ACQUISITION_COLUMNS = ['run_id', 'channel', 'period', 'spend', 'new_customers', 'cac', 'flag'] as const;
const SURVEY_COLUMNS = ['run_id', 'grouping', 'key', 'nps_responses', 'promoters', 'passives', 'detractors', 'nps', 'nps_small_sample',
  'csat_responses', 'satisfied', 'csat', 'csat_small_sample'] as const;
const PROFITABILITY_COLUMNS = ['run_id', 'grouping', 'segment', 'transactions', 'average_profit_per_transaction', 'marketing_cost', 'gross_profit',
  'net_profit', 'marketing_roi'] as const;

/** NaN (a correlation over constant values) is not JSON and not a useful number to store. */
export function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

function modelColumns(fit: ValueModelsFit): CopyValue[] {
  if (!fit.fitted) return Array<null>(17).fill(null);
  const { bgnbd, gammaGamma } = fit;
  return [bgnbd.r, bgnbd.alpha, bgnbd.a, bgnbd.b, bgnbd.logLikelihood, bgnbd.converged, bgnbd.iterations, bgnbd.gradientNorm, bgnbd.uniqueRows,
    gammaGamma.p, gammaGamma.q, gammaGamma.v, gammaGamma.logLikelihood, gammaGamma.converged, gammaGamma.iterations, gammaGamma.gradientNorm,
    finiteOrNull(gammaGamma.frequencyMonetaryCorrelation)];
}

async function copyRows<T>(client: PoolClient, table: string, columns: readonly string[], items: readonly T[], row: (item: T, i: number) => CopyValue[]): Promise<void> {
  const writer = new CopyWriter(client, table, columns);
  for (let i = 0; i < items.length; i++) await writer.write(row(items[i], i));
  await writer.flush();
}

/** A writer of one run's customer_value rows, a customer at a time. */
export function customerValueWriter(client: PoolClient, runId: string) {
  const writer = new CopyWriter(client, 'customer_value', CUSTOMER_VALUE_COLUMNS);
  return {
    write: (s: CustomerSpendSummary, v: CustomerValue, acquired: CustomerAcquisition) => writer.write([
      runId, s.customerId, s.frequency, s.recency, s.T, s.monetaryValue, v.expectedPurchases, v.pAlive, v.expectedSpend, v.clv,
      s.totalSpend, v.simple.averageAnnualSpend, v.simple.expectedLifetimeYears, v.simple.margin, acquired.channel, acquired.period,
      v.simple.acquisitionCost, v.simple.clv, v.churn.timeSinceLastPurchase, v.churn.interPurchaseTime, v.churn.gapRatio, v.churn.band]),
    flush: () => writer.flush(),
  };
}

/** Writes the run's rows of the value tables but customer_value (customerValueWriter). */
export async function writeValueRows(client: PoolClient, runId: string, rows: ValueRows): Promise<void> {
  const { valuation, fit } = rows;
  await copyRows(client, 'value_models', MODEL_COLUMNS, [fit], () => [runId, valuation.timeUnit, rows.customers, fit.repeatCustomers, fit.fitted,
    fit.fitted ? null : fit.reason, ...modelColumns(fit), rows.profitability.unallocatedSpend.toFixed(2), JSON.stringify(valuation)]);
  await copyRows(client, 'acquisition_costs', ACQUISITION_COLUMNS, rows.acquisitionCosts, (c) =>
    [runId, c.channel, c.period, c.spend.toFixed(2), c.newCustomers, c.cac, c.flag]);
  await copyRows(client, 'survey_scores', SURVEY_COLUMNS, rows.surveys, (s) =>
    [runId, s.grouping, s.key, s.nps.responses, s.nps.promoters, s.nps.passives, s.nps.detractors, s.nps.nps, s.nps.smallSample,
      s.csat.responses, s.csat.satisfied, s.csat.csat, s.csat.smallSample]);
  await copyRows(client, 'segment_profitability', PROFITABILITY_COLUMNS, rows.profitability.segments, (p) =>
    [runId, p.grouping, p.segment, p.transactions, p.averageProfitPerTransaction, p.marketingCost, p.grossProfit, p.netProfit, p.marketingRoi]);
}

/** A value_models row as PostgreSQL returns it (doubles as numbers). */
interface ValueModelsRow {
  time_unit: ValueModelSummary['timeUnit'];
  customers: number;
  repeat_customers: number;
  fitted: boolean;
  skip_reason: string | null;
  bgnbd_r: number; bgnbd_alpha: number; bgnbd_a: number; bgnbd_b: number;
  bgnbd_log_likelihood: number; bgnbd_converged: boolean; bgnbd_iterations: number; bgnbd_gradient_norm: number; bgnbd_unique_rows: number;
  gg_p: number; gg_q: number; gg_v: number;
  gg_log_likelihood: number; gg_converged: boolean; gg_iterations: number; gg_gradient_norm: number;
  frequency_monetary_correlation: number | null;
}

/**
 * The value stage's models of a run, as every reader sees them (the forecast stage's customer-based
 * candidate, the reports, the offline `clv` command, `runs show`); undefined when the run has none.
 * Reads on the pool or inside a step's transaction.
 */
export async function readValueModels(db: Knex | PoolClient, runId: string): Promise<ValueModelSummary | undefined> {
  const sql = 'SELECT * FROM value_models WHERE run_id = $1';
  // A knex instance is a function; a pg client is not.
  const rows = typeof db === 'function'
    ? (await db.raw<{ rows: ValueModelsRow[] }>(sql.replace('$1', '?'), [runId])).rows
    : (await db.query<ValueModelsRow>(sql, [runId])).rows;
  const m = rows[0];
  if (!m) return undefined;
  return {
    timeUnit: m.time_unit, customers: m.customers, repeatCustomers: m.repeat_customers, fitted: m.fitted, skipReason: m.skip_reason,
    bgnbd: m.fitted ? {
      r: m.bgnbd_r, alpha: m.bgnbd_alpha, a: m.bgnbd_a, b: m.bgnbd_b,
      logLikelihood: m.bgnbd_log_likelihood, converged: m.bgnbd_converged, iterations: m.bgnbd_iterations, gradientNorm: m.bgnbd_gradient_norm, uniqueRows: m.bgnbd_unique_rows,
    } : null,
    gammaGamma: m.fitted ? {
      p: m.gg_p, q: m.gg_q, v: m.gg_v,
      logLikelihood: m.gg_log_likelihood, converged: m.gg_converged, iterations: m.gg_iterations, gradientNorm: m.gg_gradient_norm,
    } : null,
    frequencyMonetaryCorrelation: m.frequency_monetary_correlation,
  };
}
