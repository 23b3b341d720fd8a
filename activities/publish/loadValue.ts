/** The value section of the report model: the value stage's models, CAC, NPS/CSAT, profitability and CLVs of a run. */
import type { Knex } from 'knex';
import type { ValueSection } from '../../reports/model/value';
import { readValueModels } from '../value/store';

const num = (v: string | number | null) => (v === null ? null : Number(v));

export async function loadValueSection(db: Knex, runId: string): Promise<ValueSection | null> {
  if (!(await db.schema.hasTable('value_models'))) return null;
  const model = await readValueModels(db, runId);
  if (!model) return null;
  const costs = await db('acquisition_costs').where({ run_id: runId }).orderBy(['channel', 'period']);
  const surveys = await db('survey_scores').where({ run_id: runId }).orderBy(['grouping', 'key']);
  const profits = await db('segment_profitability').where({ run_id: runId }).orderBy(['grouping', 'segment']);
  const clvColumn = model.fitted ? 'clv' : 'simple_clv';
  // In customer order: a float sum over them must not depend on the order PostgreSQL returns rows in.
  const clv: number[] = (await db('customer_value').where({ run_id: runId }).whereNotNull(clvColumn).orderBy('customer_id').pluck(clvColumn)).map(Number);
  return {
    model,
    acquisitionCosts: costs.map((c) => ({ channel: c.channel, period: c.period, spend: Number(c.spend), newCustomers: c.new_customers, cac: c.cac, flag: c.flag })),
    surveyScores: surveys.map((s) => ({
      grouping: s.grouping, key: s.key, npsResponses: s.nps_responses, nps: num(s.nps), npsSmallSample: s.nps_small_sample,
      csatResponses: s.csat_responses, csat: num(s.csat), csatSmallSample: s.csat_small_sample,
    })),
    profitability: profits.map((p) => ({
      grouping: p.grouping, segment: p.segment, transactions: p.transactions, averageProfitPerTransaction: p.average_profit_per_transaction,
      marketingCost: p.marketing_cost, grossProfit: p.gross_profit, netProfit: p.net_profit, marketingRoi: p.marketing_roi,
    })),
    clv,
    clvKind: model.fitted ? 'probabilistic' : 'simple',
  };
}
