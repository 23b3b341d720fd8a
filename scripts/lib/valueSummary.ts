/** A run's customer value at a glance, from the value stage's tables (for `runs show` and the demo). */
import type { Knex } from 'knex';
import { readValueModels } from '../../activities/value/store';
import type { ValueModelSummary } from '../../reports/model/value';

export interface ValueSummary {
  models: ValueModelSummary;
  churnRisk: Array<{ churn_risk: string; customers: number; mean_p_alive: number | null; mean_clv: number | null; mean_simple_clv: number }>;
  cacByChannel: Array<{ channel: string; spend: number; new_customers: number; cac: number | null }>;
  surveys: Array<{ grouping: string; key: string; nps_responses: number; nps: number | null; csat_responses: number; csat: number | null }>;
}

/** Undefined when the run has no value rows (the stage was skipped or has not run). */
export async function valueSummary(db: Knex, runId: string): Promise<ValueSummary | undefined> {
  const models = await readValueModels(db, runId);
  if (!models) return undefined;
  const churnRisk = await db('customer_value').where({ run_id: runId }).groupBy('churn_risk').orderBy('churn_risk')
    .select('churn_risk', db.raw('count(*)::int AS customers'), db.raw('avg(p_alive) AS mean_p_alive'), db.raw('avg(clv) AS mean_clv'), db.raw('avg(simple_clv) AS mean_simple_clv'));
  const cacByChannel = await db('acquisition_costs').where({ run_id: runId }).groupBy('channel').orderBy('channel')
    .select('channel', db.raw('sum(spend)::float8 AS spend'), db.raw('sum(new_customers)::int AS new_customers'),
      db.raw('sum(spend)::float8 / nullif(sum(new_customers), 0) AS cac'));
  const surveys = await db('survey_scores').where({ run_id: runId }).whereIn('grouping', ['overall', 'customer_group']).orderBy(['grouping', 'key'])
    .select('grouping', 'key', 'nps_responses', 'nps', 'csat_responses', 'csat');
  return { models, churnRisk, cacByChannel, surveys };
}
