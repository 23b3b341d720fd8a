/**
 * The run context of a hand-seeded run, as beginRun would resolve it: a minimal source config
 * (one order source; sections as given, defaults for the rest) validated like a real one.
 */
import { parseSourceConfig } from '../../config/sources';
import type { ValuationInput } from '../../config/valuation';
import { runContext, type RunContext } from '../../contract/runContext';

const ORDER_SOURCE = {
  name: 'orders', kind: 'csv', entity: 'order_lines', path: 'orders.csv',
  columns: { order_id: 'order_id', customer_id: 'customer_id', ordered_at: 'ordered_at', amount: 'amount' },
};

export function handMadeRunContext(run: {
  runId: string;
  asOf: string;
  timezone: string;
  valuation?: ValuationInput;
  previousRun?: { runId: string; asOf: string; timeZone: string } | null;
}): RunContext {
  const config = parseSourceConfig({ timezone: run.timezone, sources: [ORDER_SOURCE], valuation: run.valuation });
  return runContext({ runId: run.runId, asOf: run.asOf, config, previousRun: run.previousRun ?? null });
}
