/**
 * Value stage: for one run, BG/NBD + Gamma-Gamma fitted on per-customer summaries
 * (customers.ts: each customer's orders streamed into analytics/clv/summary.ts), per-customer values (analytics/value/customerValue.ts), CAC per channel
 * and period, NPS / CSAT per grouping and segment profitability. Parameters come from the
 * config's `valuation` section (config/valuation.ts). Writes the five value tables (store.ts), the
 * customers' rows a chunk at a time as they are valued.
 */
import { fitValueModels } from '../../analytics/clv/fitModels';
import { customerValuesInChunks } from '../../analytics/value/customerValue';
import type { ValueResult } from '../../contract/results';
import { STEPS, type StageInput } from '../../contract/stages';
import { settle, settled } from '../../infra/settled';
import { defineStage, deleteOwnedRows } from '../stage';
import { measureAcquisition } from './acquisition';
import { loadCustomerSummaries } from './customers';
import { measureProfitability } from './profitability';
import { customerValueWriter, finiteOrNull, writeValueRows } from './store';
import { scoreSurveys } from './surveys';

export const valueStage = defineStage<StageInput, Omit<ValueResult, 'ms'>>({
  step: () => STEPS.value,
  async run({ context, client, db, progress, log }) {
    const { runId, config: { valuation } } = context;
    // PostgreSQL measures acquisition, surveys and profitability (one query at a time on the step's
    // connection) while the summaries stream in on another and the models are fitted here.
    const measured = settle((async () => [
      await measureAcquisition(client, context, valuation.cacPeriod),
      await scoreSurveys(client, context, valuation.minSurveyResponses),
      await measureProfitability(client, context, valuation.profitMargin),
    ] as const)());
    const summaries = await loadCustomerSummaries(db, context, valuation.timeUnit);
    progress({ customers: summaries.length });
    const fitted = fitValueModels(summaries, valuation.minRepeatCustomersToFit, valuation.penalty);
    progress({ customers: summaries.length, fitted: fitted.fitted });
    const [acquisition, surveys, profitability] = await settled(measured);
    const acquiredBy = (customerId: string) => {
      const acquired = acquisition.byCustomer.get(customerId);
      if (!acquired) throw new Error(`value: customer ${customerId} has orders but no first order (run ${runId})`);
      return acquired;
    };
    // The customers' rows are written as they are valued, a chunk at a time.
    const writer = customerValueWriter(client, runId);
    const fit = await customerValuesInChunks(summaries, (s) => acquiredBy(s.customerId).cost, fitted, valuation, {
      take: async (values, start) => {
        for (let i = 0; i < values.length; i++) await writer.write(summaries[start + i], values[i], acquiredBy(summaries[start + i].customerId));
        progress({ customers: summaries.length, fitted: fitted.fitted, valued: start + values.length });
      },
      restart: async () => {
        await writer.flush();
        await deleteOwnedRows(client, runId, [{ table: 'customer_value' }]);
      },
    });
    await writer.flush();
    if (fitted.fitted && !fit.fitted) log.warn({ reason: fit.reason }, 'degenerate value models: customers valued without them');

    await writeValueRows(client, runId, {
      valuation, fit, customers: summaries.length, acquisitionCosts: acquisition.costs, surveys, profitability,
    });
    return {
      customers: summaries.length,
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
