/**
 * Value stage: for one run, BG/NBD + Gamma-Gamma fitted on per-customer summaries built in
 * SQL (customers.ts), per-customer values (analytics/value/customerValue.ts), CAC per channel
 * and period, NPS / CSAT per grouping and segment profitability. Parameters come from the
 * config's `valuation` section (config/valuation.ts). Writes the five value tables (store.ts).
 */
import { fitValueModels } from '../../analytics/clv/fitModels';
import { customerValuesOrFallback } from '../../analytics/value/customerValue';
import type { ValueResult } from '../../contract/results';
import { STEPS, type StageInput } from '../../contract/stages';
import { defineStage } from '../stage';
import { measureAcquisition } from './acquisition';
import { loadCustomerSummaries } from './customers';
import { measureProfitability } from './profitability';
import { finiteOrNull, writeValueRows } from './store';
import { scoreSurveys } from './surveys';

export const valueStage = defineStage<StageInput, Omit<ValueResult, 'ms'>>({
  step: () => STEPS.value,
  async run({ context, client, progress, log }) {
    const { runId, config: { valuation } } = context;
    const summaries = await loadCustomerSummaries(client, context, valuation.timeUnit);
    const acquisition = await measureAcquisition(client, context, valuation.cacPeriod);
    const surveys = await scoreSurveys(client, context, valuation.minSurveyResponses);
    const profitability = await measureProfitability(client, context, valuation.profitMargin);
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

    await writeValueRows(client, runId, {
      valuation, fit, summaries, values, acquisitions, acquisitionCosts: acquisition.costs, surveys, profitability,
    });
    return {
      customers: values.length,
      repeatCustomers: fit.repeatCustomers,
      bgnbd: fit.fitted ? { r: fit.bgnbd.r, alpha: fit.bgnbd.alpha, a: fit.bgnbd.a, b: fit.bgnbd.b, logLikelihood: fit.bgnbd.logLikelihood, converged: fit.bgnbd.converged } : null,
      gammaGamma: fit.fitted
        ? { p: fit.gammaGamma.p, q: fit.gammaGamma.q, v: fit.gammaGamma.v, converged: fit.gammaGamma.converged, frequencyMonetaryCorrelation: finiteOrNull(fit.gammaGamma.frequencyMonetaryCorrelation) }
        : null,
      skipReason: fit.fitted ? null : fit.reason,
      acquisitionCells: acquisition.costs.length,
      surveyScores: surveys.length,
      profitabilityRows: profitability.segments.length,
    };
  },
  rows: (result) => result.customers,
});
