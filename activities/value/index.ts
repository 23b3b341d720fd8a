/**
 * Value stage: for one run, BG/NBD + Gamma-Gamma fitted on per-customer summaries built in
 * SQL (customers.ts), per-customer values (analytics/value/customerValue.ts),
 * CAC per channel and period, NPS / CSAT per grouping and segment profitability. Parameters
 * come from the config's `valuation` section (config/valuation.ts). Reads, computes and
 * replaces the run's rows in all five tables (store.ts) in one transaction.
 */
import { asOfCutoff } from '../../analytics/cleaning/dates';
import { fitValueModels } from '../../analytics/clv/fitModels';
import { customerValuesOrFallback } from '../../analytics/value/customerValue';
import { parseValuation, type ValuationInput } from '../../config/valuation';
import { inTransaction } from '../../infra/copy';
import { stageLogger } from '../../infra/logging';
import type { ValueResult } from '../../contract/results';
import type { ActivityDeps } from '../deps';
import { withHeartbeat } from '../heartbeat';
import { recordStageTiming } from '../runs';
import { measureAcquisition } from './acquisition';
import { loadCustomerSummaries } from './customers';
import { measureProfitability } from './profitability';
import type { RunWindow } from './runWindow';
import { finiteOrNull, replaceValueRows } from './store';
import { scoreSurveys } from './surveys';

export interface ValueInput {
  runId: string;
  /** YYYY-MM-DD: the calibration end of the models; orders before the end of this day in `timeZone` count. */
  asOf: string;
  timeZone: string;
  /** The config's `valuation` section; missing = defaults. */
  valuation?: ValuationInput;
}

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
        const fitted = fitValueModels(summaries, valuation.minRepeatCustomersToFit, valuation.penalty);
        progress({ customers: summaries.length, fitted: fitted.fitted });
        const acquiredBy = (customerId: string) => {
          const acquired = acquisition.byCustomer.get(customerId);
          if (!acquired) throw new Error(`value: customer ${customerId} has orders but no first order (run ${runId})`);
          return acquired;
        };
        const acquisitions = summaries.map((s) => acquiredBy(s.customerId));
        const inputs = summaries.map((s, i) => ({ ...s, acquisitionCost: acquisitions[i].cost }));
        const { fit, values } = customerValuesOrFallback(inputs, fitted, valuation);
        if (fitted.fitted && !fit.fitted) log.warn({ reason: fit.reason }, 'degenerate value models: customers valued without them');

        await replaceValueRows(client, runId, {
          valuation, fit, summaries, values, acquisitions, acquisitionCosts: acquisition.costs, surveys, profitability,
        });
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
