/**
 * `clv --input TX.csv --calibration-end YYYY-MM-DD [--time-unit week|day] [--horizon N]
 *  [--discount-rate R] [--margin M] --output PREDICTIONS.csv [--json]` (SPEC §9): BG/NBD +
 * Gamma-Gamma customer value on a user's own transactions, no Temporal or database.
 *
 * TX needs the columns `customer_id,date,amount` (others are ignored); dates are `YYYY-MM-DD`
 * (a time part is ignored). Models are fitted on purchases up to the calibration end; the
 * output has one row per customer first seen by then. Purchases after the calibration end, if
 * any, are the holdout: `--json` compares them with the model's prediction (FHL 2005 §4).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { bgNbdStandardErrors, conditionalExpectedPurchases, fitBgNbd, probabilityAlive } from '../../analytics/clv/bgnbd';
import { discountedClv } from '../../analytics/clv/discounted';
import { expectedAverageSpend, fitGammaGamma, gammaGammaStandardErrors } from '../../analytics/clv/gammaGamma';
import { isoDayNumber } from '../../analytics/clv/isoDay';
import { splitCalibrationHoldout, type TimeUnit, type Transaction } from '../../analytics/clv/summary';

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
}

/** Reads TX.csv; errors name the file, data row, line and column. */
export function readTransactionsCsv(file: string): Transaction[] {
  const records = parse(readFileSync(file), { columns: true, bom: true, trim: true, skip_empty_lines: true, info: true }) as {
    record: Record<string, string>;
    info: { records: number; lines: number };
  }[];
  if (records.length === 0) throw new Error(`${file}: no transactions`);
  const missing = REQUIRED.filter((column) => !(column in records[0].record));
  if (missing.length > 0) throw new Error(`${file}: missing column(s) ${missing.join(', ')} (found: ${Object.keys(records[0].record).join(', ')})`);
  return records.map(({ record, info }) => {
    const fail = (column: string, problem: string): never => {
      throw new Error(`${file}: row ${info.records} (line ${info.lines}), column "${column}": ${problem}`);
    };
    const amount = Number(record.amount);
    if (!record.customer_id) fail('customer_id', 'is empty');
    if (isoDayNumber(record.date) === null) fail('date', `unparsable date "${record.date}" (expected YYYY-MM-DD)`);
    if (record.amount === '' || !Number.isFinite(amount)) fail('amount', `"${record.amount}" is not a number`);
    return { customerId: record.customer_id, date: record.date, amount };
  });
}

function positiveInteger(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('must be a positive integer');
  return n;
}

function rate(text: string): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || n < 0) throw new InvalidArgumentError('must be a number ≥ 0');
  return n;
}

function fraction(text: string): number {
  const n = rate(text);
  if (n > 1) throw new InvalidArgumentError('must be between 0 and 1');
  return n;
}

function isoDate(text: string): string {
  if (isoDayNumber(text) === null) throw new InvalidArgumentError('must be a date YYYY-MM-DD');
  return text;
}

const round = (value: number, digits: number) => Number(value.toFixed(digits));

function runClv(options: ClvCommandOptions): void {
  const { timeUnit, calibrationEnd, discountRate, margin } = options;
  const horizon = options.horizon ?? DEFAULT_HORIZON[timeUnit];
  const transactions = readTransactionsCsv(options.input);
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
  writeFileSync(options.output, stringify(rows, { header: true }));

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
    .requiredOption('--calibration-end <date>', 'last day (YYYY-MM-DD) of the calibration period', isoDate)
    .addOption(new Option('--time-unit <unit>', 'time unit of recency, T and the horizon').choices(['week', 'day']).default('week'))
    .option('--horizon <n>', 'prediction horizon in time units (default 52 weeks / 365 days)', positiveInteger)
    .option('--discount-rate <rate>', 'annual discount rate for CLV', rate, 0.1)
    .option('--margin <m>', 'share of spend that is margin, 0–1', fraction, 1)
    .requiredOption('--output <file>', 'predictions CSV to write')
    .option('--json', 'print the fitted parameters and summary as JSON')
    .action((options: ClvCommandOptions) => runClv(options));
}
