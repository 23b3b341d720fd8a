/**
 * `clv --input TX.csv --calibration-end YYYY-MM-DD [--time-unit week|day] [--horizon N]
 *  [--discount-rate R] [--margin M] --output PREDICTIONS.csv [--json]` (SPEC §9): BG/NBD +
 * Gamma-Gamma customer value on a user's own transactions, no Temporal or database to set up.
 *
 * The file runs through the pipeline's own extract, clean and value stages on a throwaway
 * embedded PostgreSQL (scripts/lib/offlinePipeline.ts), the value stage as of the calibration
 * end: the summaries, fits and values are those a weekly run computes from the same rows (orders
 * netted of their returns, outlier orders left out, purchases merged per day in the config's
 * time zone — UTC without one). Rows that cannot be used are set aside and counted per reason.
 * The output has one row per customer first seen by the calibration end. Purchases after it, if
 * any, are the holdout: `--json` compares them with the model's prediction (FHL 2005 §4).
 */
import { writeFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import type { Knex } from 'knex';
import { customerPurchases } from '../../activities/value/customers';
import { valueStage } from '../../activities/value';
import { readValueModels } from '../../activities/value/store';
import { bgNbdStandardErrors, conditionalExpectedPurchases } from '../../analytics/clv/bgnbd';
import { gammaGammaStandardErrors } from '../../analytics/clv/gammaGamma';
import { isoDayNumber } from '../../analytics/calendar';
import { summarizeWithHoldout, type HoldoutSummary, type TimeUnit } from '../../analytics/clv/summary';
import { MAX_HORIZON } from '../../config/limits';
import { DECLARED_ENCODINGS } from '../../config/sources';
import type { RunContext } from '../../contract/runContext';
import { loadConfig } from '../../infra/config';
import { recordsToCsv } from '../../reports/csv';
import { integerIn, isoDateArg, numberIn } from '../lib/cliArgs';
import { contextAsOf, extractAndClean, offlineDatabaseName, offlineSourceConfig, reportCleaning, withOfflinePipeline, type OfflineInputOptions } from '../lib/offlinePipeline';

const DEFAULT_HORIZON: Record<TimeUnit, number> = { week: 52, day: 365 };

interface ClvCommandOptions extends OfflineInputOptions {
  calibrationEnd: string;
  timeUnit: TimeUnit;
  horizon?: number;
  discountRate: number;
  margin: number;
  output: string;
  json?: boolean;
}

export interface ValueRow {
  customer_id: string;
  frequency: number;
  recency: number;
  age: number;
  monetary_value: number;
  expected_purchases: number | null;
  p_alive: number | null;
  expected_spend: number | null;
  clv: number | null;
}

/** Each customer first seen by the calibration end, with their purchases after it up to the last day of the file. */
async function holdoutSummaries(db: Knex, lastDay: RunContext, calibrationEnd: string, timeUnit: TimeUnit): Promise<Map<string, HoldoutSummary>> {
  const options = { calibrationEnd: isoDayNumber(calibrationEnd)!, holdoutEnd: Math.max(isoDayNumber(calibrationEnd)!, isoDayNumber(lastDay.asOf)!), timeUnit };
  const summaries = new Map<string, HoldoutSummary>();
  for await (const { customerId, purchases } of customerPurchases(db, lastDay)) {
    const summary = summarizeWithHoldout(customerId, purchases, options);
    if (summary) summaries.set(customerId, summary);
  }
  return summaries;
}

const round = (value: number | string | null, digits: number) => (value === null ? '' : Number(Number(value).toFixed(digits)));

/** The output's rows: what the value stage stored for each customer, rounded for the CSV. */
export function predictionRows(values: readonly ValueRow[]): Array<Record<string, string | number>> {
  return values.map((v) => ({
    customer_id: v.customer_id,
    frequency: v.frequency,
    recency: round(v.recency, 6),
    T: round(v.age, 6),
    monetary_value: round(v.monetary_value, 4),
    expected_purchases: round(v.expected_purchases, 6),
    p_alive: round(v.p_alive, 6),
    expected_spend: round(v.expected_spend, 4),
    clv: round(v.clv, 4),
  }));
}

/** A run's stored customer values, by customer. */
export async function storedValues(db: Knex, runId: string): Promise<ValueRow[]> {
  return db('customer_value').where({ run_id: runId }).orderBy('customer_id') as Promise<ValueRow[]>;
}

async function runClv(options: ClvCommandOptions): Promise<void> {
  const { timeUnit, calibrationEnd, discountRate, margin } = options;
  const horizon = options.horizon ?? DEFAULT_HORIZON[timeUnit];
  if (horizon > MAX_HORIZON[timeUnit]) throw new Error(`--horizon ${horizon} is above the limit of ${MAX_HORIZON[timeUnit]} ${timeUnit}s (ten years)`);
  const app = loadConfig();
  const { config, source } = await offlineSourceConfig(options, { valuation: { timeUnit, horizon, annualDiscountRate: discountRate, margin } });
  const say = (line: string) => console.error(line);
  say(`running extract, clean and value on ${offlineDatabaseName(app)} (no Temporal)…`);
  await withOfflinePipeline(app, async (pipeline) => {
    const { db } = pipeline;
    const { context: cleaned, report } = await extractAndClean(pipeline, app, config);
    await reportCleaning(db, source, report, options, say);
    const lastDay = await contextAsOf(db, cleaned);
    const calibration = await contextAsOf(db, cleaned, calibrationEnd);
    const valued = await pipeline.run(valueStage, { context: calibration });
    if (valued.customers === 0) throw new Error(`${options.input ?? source.name}: no customer has a counted purchase on or before the calibration end ${calibrationEnd}`);
    const models = await readValueModels(db, calibration.runId);
    const fitted = models?.bgnbd && models.gammaGamma ? { bgnbd: models.bgnbd, gammaGamma: models.gammaGamma } : undefined;
    if (!models || !fitted) throw new Error(`the models were not fitted: ${models?.skipReason ?? 'the value stage stored no models'}`);
    for (const [name, fit] of [['BG/NBD', fitted.bgnbd], ['Gamma-Gamma', fitted.gammaGamma]] as const) {
      if (!fit.converged) say(`warning: ${name} fit did not converge (gradient norm ${fit.gradientNorm.toExponential(2)}); estimates may be unreliable`);
    }
    const values = await storedValues(db, calibration.runId);
    const holdout = await holdoutSummaries(db, lastDay, calibrationEnd, timeUnit);
    const { bgnbd: bgnbdFit, gammaGamma: ggFit } = fitted;
    const bgnbd = { r: bgnbdFit.r, alpha: bgnbdFit.alpha, a: bgnbdFit.a, b: bgnbdFit.b };
    const gammaGamma = { p: ggFit.p, q: ggFit.q, v: ggFit.v };
    const customers = values.map((v) => holdout.get(v.customer_id)!);
    const duration = customers[0].holdoutDuration;
    let predictedHoldout = 0;
    let actualHoldout = 0;
    for (const c of customers) {
      if (duration > 0) predictedHoldout += conditionalExpectedPurchases(bgnbd, duration, c.frequency, c.recency, c.T);
      actualHoldout += c.holdoutFrequency;
    }
    const rows = predictionRows(values);
    writeFileSync(options.output, recordsToCsv(rows));
    const totalClv = values.reduce((sum, v) => sum + (v.clv ?? 0), 0);
    const summary = {
      bgnbd: {
        ...bgnbd, logLikelihood: bgnbdFit.logLikelihood, standardErrors: bgNbdStandardErrors(bgnbd, customers),
        converged: bgnbdFit.converged, iterations: bgnbdFit.iterations, gradientNorm: bgnbdFit.gradientNorm, uniqueRows: bgnbdFit.uniqueRows,
      },
      gammaGamma: {
        ...gammaGamma, logLikelihood: ggFit.logLikelihood, standardErrors: gammaGammaStandardErrors(gammaGamma, customers),
        converged: ggFit.converged, repeatCustomers: models.repeatCustomers, frequencyMonetaryCorrelation: models.frequencyMonetaryCorrelation,
      },
      customers: values.length,
      calibrationEnd,
      timeUnit,
      horizon,
      annualDiscountRate: discountRate,
      margin,
      totalClv,
      holdout: { duration, actualPurchases: actualHoldout, predictedPurchases: predictedHoldout },
      setAside: Object.fromEntries(report.setAside.map((r) => [r.reason, r.rows])),
      rulesNotApplied: Object.fromEntries(report.notApplied.map((r) => [r.rule, r.rows])),
      output: options.output,
    };
    if (options.json) {
      console.log(JSON.stringify(summary, null, 2));
      return;
    }
    const { r, alpha, a, b } = bgnbd;
    const { p, q, v } = gammaGamma;
    console.log(`BG/NBD       r=${r.toFixed(4)} alpha=${alpha.toFixed(4)} a=${a.toFixed(4)} b=${b.toFixed(4)} LL=${bgnbdFit.logLikelihood.toFixed(2)} (${values.length} customers)`);
    console.log(`Gamma-Gamma  p=${p.toFixed(4)} q=${q.toFixed(4)} v=${v.toFixed(4)} (${models.repeatCustomers} repeat customers, corr(x, m)=${models.frequencyMonetaryCorrelation?.toFixed(3) ?? '-'})`);
    console.log(`CLV over ${horizon} ${timeUnit}s at ${discountRate} a year: total ${totalClv.toFixed(2)}; wrote ${rows.length} rows to ${options.output}`);
  });
}

/** Registers `clv` on the CLI program. */
export function registerClvCommand(program: Command): void {
  program
    .command('clv')
    .description('Fit BG/NBD + Gamma-Gamma on transactions and predict purchases, P(alive), spend and CLV per customer, through the pipeline\'s own stages')
    .option('--input <file>', 'transactions CSV with customer_id,date,amount (order_id, status used when present); with --config, replaces the source\'s file')
    .requiredOption('--calibration-end <date>', 'last day (YYYY-MM-DD) of the calibration period', isoDateArg)
    .addOption(new Option('--time-unit <unit>', 'time unit of recency, T and the horizon').choices(['week', 'day']).default('week'))
    .option('--horizon <n>', `prediction horizon in time units (default 52 weeks / 365 days; at most ${MAX_HORIZON.week} weeks / ${MAX_HORIZON.day} days)`, integerIn(1, MAX_HORIZON.day))
    .option('--discount-rate <rate>', 'annual discount rate for CLV, 0–10', numberIn(0, 10), 0.1)
    .option('--margin <m>', 'share of spend that is margin, 0–1', numberIn(0, 1), 1)
    .option('--config <file>', 'source config (JSON) whose --source maps the file\'s columns, formats, encoding and time zone')
    .option('--source <name>', 'the order-lines source of --config to read')
    .option('--allow-outside', 'let the config name a file outside its folder')
    .addOption(new Option('--encoding <encoding>', 'encoding of the input without --config (default: detected)').choices(DECLARED_ENCODINGS).default('auto'))
    .option('--rejects <file>', 'write the rows set aside (source row, reason, column, detail, values) to this CSV')
    .option('--strict', 'stop at the first row that cannot be used, naming its file, row and column')
    .requiredOption('--output <file>', 'predictions CSV to write')
    .option('--json', 'print the fitted parameters and summary as JSON')
    .action((options: ClvCommandOptions) => runClv(options));
}
