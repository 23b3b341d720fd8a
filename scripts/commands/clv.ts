/**
 * `clv --input TX.csv --calibration-end YYYY-MM-DD [--time-unit week|day] [--horizon N]
 *  [--discount-rate R] [--margin M] --output PREDICTIONS.csv [--json]` (SPEC §9): BG/NBD +
 * Gamma-Gamma customer value on a user's own transactions, no Temporal or database.
 *
 * TX needs the columns `customer_id,date,amount` (others are ignored); encodings, dates and
 * amounts are read by the pipeline's rules (scripts/lib/offlineCsv.ts), the purchase day is the
 * date's UTC day. The horizon is at most ten years (config/limits.ts). Models are fitted on purchases up to the calibration end; the
 * output has one row per customer first seen by then. Purchases after the calibration end, if
 * any, are the holdout: `--json` compares them with the model's prediction (FHL 2005 §4).
 */
import { writeFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { requiredAmount, requiredText, requiredTimestamp } from '../../analytics/cleaning/fields';
import type { RuleName } from '../../analytics/cleaning/rules';
import { bgNbdStandardErrors, conditionalExpectedPurchases, fitBgNbd, probabilityAlive } from '../../analytics/clv/bgnbd';
import { discountedClv } from '../../analytics/clv/discounted';
import { expectedAverageSpend, fitGammaGamma, gammaGammaStandardErrors } from '../../analytics/clv/gammaGamma';
import { splitCalibrationHoldout, type TimeUnit, type Transaction } from '../../analytics/clv/summary';
import { MAX_HORIZON } from '../../config/limits';
import { DECLARED_ENCODINGS, type DeclaredEncoding } from '../../config/sources';
import { recordsToCsv } from '../../reports/csv';
import { integerIn, isoDateArg, numberIn } from '../lib/cliArgs';
import { offlineCleanContext, readField, readOfflineCsv, rowError } from '../lib/offlineCsv';

const REQUIRED = ['customer_id', 'date', 'amount'] as const;
const DEFAULT_HORIZON: Record<TimeUnit, number> = { week: 52, day: 365 };

interface ClvCommandOptions {
  input: string;
  calibrationEnd: string;
  timeUnit: TimeUnit;
  horizon?: number;
  discountRate: number;
  margin: number;
  output: string;
  json?: boolean;
  encoding: DeclaredEncoding;
}

/**
 * Reads TX.csv with the pipeline's reader and field rules (encodings, dates, amounts, the date
 * floor); the purchase day is the date's UTC day. A negative amount is a return: the models take
 * purchases only, so it is an error like any unusable row (file, row, line and column named).
 */
export async function readTransactionsCsv(file: string, options: { encoding?: DeclaredEncoding } = {}): Promise<Transaction[]> {
  const ctx = offlineCleanContext();
  const transactions: Transaction[] = [];
  for await (const record of readOfflineCsv(file, REQUIRED, options)) {
    const raw = record.values;
    const rules = new Set<RuleName>();
    const customerId = readField(file, record, () => requiredText(raw, 'customer_id', rules, 'missing_customer_id'));
    const date = readField(file, record, () => requiredTimestamp(raw, 'date', ctx, rules)).toISOString().slice(0, 10);
    const amount = readField(file, record, () => requiredAmount(raw, 'amount', ctx, rules));
    if (amount < 0) throw rowError(file, record, 'amount', `${amount} is a return: clv takes purchases only (net returns against their orders first)`);
    transactions.push({ customerId, date, amount });
  }
  if (transactions.length === 0) throw new Error(`${file}: no transactions`);
  return transactions;
}

const round = (value: number, digits: number) => Number(value.toFixed(digits));

async function runClv(options: ClvCommandOptions): Promise<void> {
  const { timeUnit, calibrationEnd, discountRate, margin } = options;
  const horizon = options.horizon ?? DEFAULT_HORIZON[timeUnit];
  if (horizon > MAX_HORIZON[timeUnit]) throw new Error(`--horizon ${horizon} is above the limit of ${MAX_HORIZON[timeUnit]} ${timeUnit}s (ten years)`);
  const transactions = await readTransactionsCsv(options.input, { encoding: options.encoding });
  const customers = splitCalibrationHoldout(transactions, { calibrationEnd, timeUnit });
  if (customers.length === 0) throw new Error(`${options.input}: no customer has a purchase on or before the calibration end ${calibrationEnd}`);

  const bgnbd = fitBgNbd(customers);
  const gammaGamma = fitGammaGamma(customers);
  for (const [name, fit] of [['BG/NBD', bgnbd], ['Gamma-Gamma', gammaGamma]] as const) {
    if (!fit.converged) console.error(`warning: ${name} fit did not converge (gradient norm ${fit.gradientNorm.toExponential(2)}); estimates may be unreliable`);
  }

  let totalClv = 0;
  let predictedHoldout = 0;
  let actualHoldout = 0;
  const rows = customers.map((c) => {
    const { frequency: x, recency: t_x, T, monetaryValue } = c;
    const clv = discountedClv(bgnbd, gammaGamma, c, { horizon, annualDiscountRate: discountRate, timeUnit, margin });
    totalClv += clv;
    if (c.holdoutDuration > 0) predictedHoldout += conditionalExpectedPurchases(bgnbd, c.holdoutDuration, x, t_x, T);
    actualHoldout += c.holdoutFrequency;
    return {
      customer_id: c.customerId,
      frequency: x,
      recency: round(t_x, 6),
      T: round(T, 6),
      monetary_value: round(monetaryValue, 4),
      expected_purchases: round(conditionalExpectedPurchases(bgnbd, horizon, x, t_x, T), 6),
      p_alive: round(probabilityAlive(bgnbd, x, t_x, T), 6),
      expected_spend: round(expectedAverageSpend(gammaGamma, x, monetaryValue), 4),
      clv: round(clv, 4),
    };
  });
  writeFileSync(options.output, recordsToCsv(rows));

  const { r, alpha, a, b, logLikelihood } = bgnbd;
  const { p, q, v } = gammaGamma;
  const report = {
    bgnbd: { r, alpha, a, b, logLikelihood, standardErrors: bgNbdStandardErrors(bgnbd, customers), converged: bgnbd.converged, iterations: bgnbd.iterations, gradientNorm: bgnbd.gradientNorm, uniqueRows: bgnbd.uniqueRows },
    gammaGamma: {
      p,
      q,
      v,
      logLikelihood: gammaGamma.logLikelihood,
      standardErrors: gammaGammaStandardErrors(gammaGamma, customers),
      converged: gammaGamma.converged,
      repeatCustomers: gammaGamma.customers,
      frequencyMonetaryCorrelation: gammaGamma.frequencyMonetaryCorrelation,
    },
    customers: customers.length,
    calibrationEnd,
    timeUnit,
    horizon,
    annualDiscountRate: discountRate,
    margin,
    totalClv,
    holdout: { duration: customers[0].holdoutDuration, actualPurchases: actualHoldout, predictedPurchases: predictedHoldout },
    output: options.output,
  };
  if (options.json) {
    console.log(JSON.stringify(report, null, 2));
    return;
  }
  console.log(`BG/NBD       r=${r.toFixed(4)} alpha=${alpha.toFixed(4)} a=${a.toFixed(4)} b=${b.toFixed(4)} LL=${logLikelihood.toFixed(2)} (${customers.length} customers)`);
  console.log(`Gamma-Gamma  p=${p.toFixed(4)} q=${q.toFixed(4)} v=${v.toFixed(4)} (${gammaGamma.customers} repeat customers, corr(x, m)=${gammaGamma.frequencyMonetaryCorrelation.toFixed(3)})`);
  console.log(`CLV over ${horizon} ${timeUnit}s at ${discountRate} a year: total ${totalClv.toFixed(2)}; wrote ${rows.length} rows to ${options.output}`);
}

/** Registers `clv` on the CLI program. */
export function registerClvCommand(program: Command): void {
  program
    .command('clv')
    .description('Fit BG/NBD + Gamma-Gamma on transactions and predict purchases, P(alive), spend and CLV per customer')
    .requiredOption('--input <file>', 'transactions CSV with customer_id,date,amount')
    .requiredOption('--calibration-end <date>', 'last day (YYYY-MM-DD) of the calibration period', isoDateArg)
    .addOption(new Option('--time-unit <unit>', 'time unit of recency, T and the horizon').choices(['week', 'day']).default('week'))
    .option('--horizon <n>', `prediction horizon in time units (default 52 weeks / 365 days; at most ${MAX_HORIZON.week} weeks / ${MAX_HORIZON.day} days)`, integerIn(1, MAX_HORIZON.day))
    .option('--discount-rate <rate>', 'annual discount rate for CLV, 0–10', numberIn(0, 10), 0.1)
    .option('--margin <m>', 'share of spend that is margin, 0–1', numberIn(0, 1), 1)
    .addOption(new Option('--encoding <encoding>', 'encoding of the input (default: detected)').choices(DECLARED_ENCODINGS).default('auto'))
    .requiredOption('--output <file>', 'predictions CSV to write')
    .option('--json', 'print the fitted parameters and summary as JSON')
    .action((options: ClvCommandOptions) => runClv(options));
}
