/**
 * Value stage: for one run, BG/NBD + Gamma-Gamma fitted on per-customer summaries built in
 * SQL (activities/valuation/customers.ts), per-customer values (analytics/value/customerValue.ts),
 * CAC per channel and period, NPS / CSAT per grouping and segment profitability. Parameters
 * come from the config's `valuation` section (config/valuation.ts). Reads, computes and
 * replaces the run's rows in all five tables in one transaction; per-customer rows go by COPY.
 */
import { asOfCutoff } from '../analytics/cleaning/dates';
import { fitValueModels, type ValueModelsFit } from '../analytics/clv/fitModels';
import { customerValues } from '../analytics/value/customerValue';
import { parseValuation, type ValuationInput } from '../config/valuation';
import { CopyWriter, inTransaction } from '../infra/copy';
import { stageLogger } from '../infra/logging';
import type { ValueResult } from '../workflows/types';
import type { ActivityDeps } from './deps';
import { ValueModelError } from './errors';
import { withHeartbeat } from './heartbeat';
import { recordStageTiming } from './runs';
import { measureAcquisition } from './valuation/acquisition';
import { loadCustomerSummaries } from './valuation/customers';
import { measureProfitability } from './valuation/profitability';
import type { RunWindow } from './valuation/runWindow';
import { scoreSurveys } from './valuation/surveys';

export interface ValueInput {
  runId: string;
  /** YYYY-MM-DD: the calibration end of the models; orders before the end of this day in `timeZone` count. */
  asOf: string;
  timeZone: string;
  /** The config's `valuation` section; missing = defaults. */
  valuation?: ValuationInput;
}

export const VALUE_TABLES = ['value_models', 'customer_value', 'acquisition_costs', 'survey_scores', 'segment_profitability'] as const;

const CUSTOMER_VALUE_COLUMNS = ['run_id', 'customer_id', 'frequency', 'recency', 'age', 'monetary_value', 'expected_purchases', 'p_alive', 'expected_spend', 'clv',
  'total_spend', 'average_annual_spend', 'expected_lifetime_years', 'margin', 'acquisition_channel', 'acquisition_period', 'acquisition_cost', 'simple_clv',
  'time_since_last_purchase', 'inter_purchase_time', 'gap_ratio', 'churn_risk'] as const;
const ACQUISITION_COLUMNS = ['run_id', 'channel', 'period', 'spend', 'new_customers', 'cac', 'flag'] as const;
const SURVEY_COLUMNS = ['run_id', 'grouping', 'key', 'nps_responses', 'promoters', 'passives', 'detractors', 'nps', 'nps_small_sample',
  'csat_responses', 'satisfied', 'csat', 'csat_small_sample'] as const;
const PROFITABILITY_COLUMNS = ['run_id', 'grouping', 'segment', 'transactions', 'average_profit_per_transaction', 'marketing_cost', 'gross_profit',
  'net_profit', 'marketing_roi'] as const;

export function createValueActivities({ db }: ActivityDeps) {
  return {
    async valueCustomers(input: ValueInput): Promise<ValueResult> {
      const { runId, asOf, timeZone } = input;
      const valuation = parseValuation(input.valuation);
      const log = stageLogger(runId, 'value');
      const started = new Date();
      const run: RunWindow = { runId, asOf, timeZone, cutoff: asOfCutoff(asOf, timeZone) };
      const result = await withHeartbeat((progress) => inTransaction(db, async (client) => {
        const summaries = await loadCustomerSummaries(client, run, valuation.timeUnit);
        const acquisition = await measureAcquisition(client, run, valuation.cacPeriod);
        const surveys = await scoreSurveys(client, run, valuation.minSurveyResponses);
        const profitability = await measureProfitability(client, run, valuation.profitMargin);
        progress({ customers: summaries.length });
        const fit = fitValueModels(summaries, valuation.minRepeatCustomersToFit, valuation.penalty);
        progress({ customers: summaries.length, fitted: fit.fitted });
        const acquiredBy = (customerId: string) => {
          const acquired = acquisition.byCustomer.get(customerId);
          if (!acquired) throw new Error(`value: customer ${customerId} has orders but no first order (run ${runId})`);
          return acquired;
        };
        const values = predictOrExplain(() => customerValues(
          summaries.map((s) => ({ ...s, acquisitionCost: acquiredBy(s.customerId).cost })),
          fit.fitted ? { bgnbd: fit.bgnbd, gammaGamma: fit.gammaGamma } : null,
          valuation,
        ), fit);

        for (const table of VALUE_TABLES) await client.query(`DELETE FROM ${table} WHERE run_id = $1`, [runId]);
        await client.query(
          `INSERT INTO value_models (run_id, time_unit, customers, repeat_customers, fitted, skip_reason,
             bgnbd_r, bgnbd_alpha, bgnbd_a, bgnbd_b, bgnbd_log_likelihood, bgnbd_converged, bgnbd_iterations, bgnbd_gradient_norm, bgnbd_unique_rows,
             gg_p, gg_q, gg_v, gg_log_likelihood, gg_converged, gg_iterations, gg_gradient_norm, frequency_monetary_correlation,
             unallocated_marketing_spend, parameters)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25)`,
          [runId, valuation.timeUnit, summaries.length, fit.repeatCustomers, fit.fitted, fit.fitted ? null : fit.reason,
            ...(fit.fitted
              ? [fit.bgnbd.r, fit.bgnbd.alpha, fit.bgnbd.a, fit.bgnbd.b, fit.bgnbd.logLikelihood, fit.bgnbd.converged, fit.bgnbd.iterations, fit.bgnbd.gradientNorm, fit.bgnbd.uniqueRows,
                fit.gammaGamma.p, fit.gammaGamma.q, fit.gammaGamma.v, fit.gammaGamma.logLikelihood, fit.gammaGamma.converged, fit.gammaGamma.iterations, fit.gammaGamma.gradientNorm,
                finiteOrNull(fit.gammaGamma.frequencyMonetaryCorrelation)]
              : Array<null>(17).fill(null)),
            profitability.unallocatedSpend.toFixed(2), JSON.stringify(valuation)],
        );
        const customerWriter = new CopyWriter(client, 'customer_value', CUSTOMER_VALUE_COLUMNS);
        for (let i = 0; i < values.length; i++) {
          const s = summaries[i];
          const v = values[i];
          const acquired = acquiredBy(s.customerId);
          await customerWriter.write([runId, s.customerId, s.frequency, s.recency, s.T, s.monetaryValue, v.expectedPurchases, v.pAlive, v.expectedSpend, v.clv,
            s.totalSpend, v.simple.averageAnnualSpend, v.simple.expectedLifetimeYears, v.simple.margin, acquired.channel, acquired.period, v.simple.acquisitionCost, v.simple.clv,
            v.churn.timeSinceLastPurchase, v.churn.interPurchaseTime, v.churn.gapRatio, v.churn.band]);
        }
        await customerWriter.flush();
        const acquisitionWriter = new CopyWriter(client, 'acquisition_costs', ACQUISITION_COLUMNS);
        for (const c of acquisition.costs) await acquisitionWriter.write([runId, c.channel, c.period, c.spend.toFixed(2), c.newCustomers, c.cac, c.flag]);
        await acquisitionWriter.flush();
        const surveyWriter = new CopyWriter(client, 'survey_scores', SURVEY_COLUMNS);
        for (const s of surveys) {
          await surveyWriter.write([runId, s.grouping, s.key, s.nps.responses, s.nps.promoters, s.nps.passives, s.nps.detractors, s.nps.nps, s.nps.smallSample,
            s.csat.responses, s.csat.satisfied, s.csat.csat, s.csat.smallSample]);
        }
        await surveyWriter.flush();
        const profitabilityWriter = new CopyWriter(client, 'segment_profitability', PROFITABILITY_COLUMNS);
        for (const p of profitability.segments) {
          await profitabilityWriter.write([runId, p.grouping, p.segment, p.transactions, p.averageProfitPerTransaction, p.marketingCost, p.grossProfit, p.netProfit, p.marketingRoi]);
        }
        await profitabilityWriter.flush();
        return { fit, customers: values.length, acquisitionCells: acquisition.costs.length, surveyScores: surveys.length, profitabilityRows: profitability.segments.length };
      }));
      const finished = new Date();
      const ms = finished.getTime() - started.getTime();
      await recordStageTiming(db, runId, 'value', { startedAt: started.toISOString(), finishedAt: finished.toISOString(), ms, rows: result.customers });
      const { fit } = result;
      const summary: ValueResult = {
        customers: result.customers,
        repeatCustomers: fit.repeatCustomers,
        bgnbd: fit.fitted ? { r: fit.bgnbd.r, alpha: fit.bgnbd.alpha, a: fit.bgnbd.a, b: fit.bgnbd.b, logLikelihood: fit.bgnbd.logLikelihood, converged: fit.bgnbd.converged } : null,
        gammaGamma: fit.fitted
          ? { p: fit.gammaGamma.p, q: fit.gammaGamma.q, v: fit.gammaGamma.v, converged: fit.gammaGamma.converged, frequencyMonetaryCorrelation: finiteOrNull(fit.gammaGamma.frequencyMonetaryCorrelation) }
          : null,
        skipReason: fit.fitted ? null : fit.reason,
        acquisitionCells: result.acquisitionCells,
        surveyScores: result.surveyScores,
        profitabilityRows: result.profitabilityRows,
        ms,
      };
      log.info(summary, 'valued');
      return summary;
    },
  };
}

/** A prediction that fails on fitted models means a degenerate fit: say so, and what to try. */
function predictOrExplain<T>(predict: () => T, fit: ValueModelsFit): T {
  try {
    return predict();
  } catch (error) {
    if (!(error instanceof RangeError) || !fit.fitted) throw error;
    const { r, alpha, a, b } = fit.bgnbd;
    const { p, q, v } = fit.gammaGamma;
    throw new ValueModelError(
      `value: predictions failed on the fitted models (BG/NBD r=${r}, alpha=${alpha}, a=${a}, b=${b}; Gamma-Gamma p=${p}, q=${q}, v=${v}): ${error.message}. ` +
        'The fit is probably degenerate: set a small valuation.penalty (e.g. 0.001) in the source config',
    );
  }
}

/** NaN (a correlation over constant values) is not JSON and not a useful number to store. */
function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}
