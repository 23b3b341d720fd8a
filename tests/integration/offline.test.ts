/**
 * The offline `segment` and `clv` commands against a pipeline run: the same transactions, read
 * under the same source config, give every customer the same features, RFM segment, cluster
 * and CLV whichever path they take (one definition of each concept). The transactions look like
 * a real export: times of day in the store's zone, cancellations as negative amounts against
 * their order, a line without a customer id, a customer whose only order was cancelled. The
 * commands run on a throwaway database of the test server (DATABASE_URL), as they do for a user
 * who has one; a user without one gets a throwaway embedded server instead.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { mulberry32, randomInt } from '../../analytics/random';

/** A whole number from `low` to `high`, both included. */
const between = (uniform: () => number, low: number, high: number) => low + randomInt(uniform, high - low + 1);
import { loadSourceConfigFile } from '../../config/load';
import { recordsToCsv } from '../../reports/csv';
import { predictionRows, registerClvCommand, storedValues } from '../../scripts/commands/clv';
import { outputRows, registerSegmentCommand, segmentedCustomers } from '../../scripts/commands/segment';
import { startRefresh } from '../../scripts/lib/refresh';
import { openHarness, withWorker, type Harness } from '../support/pipeline';
import { runTables } from '../support/runRows';
import { CDNOW_CALIBRATION_END, CDNOW_DIR, readCdnowSummaryWeeks } from '../unit/clv/cdnow';

const AS_OF = '2023-11-30';
const CUSTOMERS = 70;
const dir = mkdtempSync(path.join(tmpdir(), 'offline-'));
const transactions = path.join(dir, 'transactions.csv');
const configFile = path.join(dir, 'sources.json');

/**
 * Customers c00…c69 with one to eight orders in 2023 (a local time of day between 08:00 and
 * 22:59), one to three lines each over three channels and four categories; every seventh order
 * has a line cancelled (a negative amount on the same order id). Then: a line with no customer
 * id, a cancellation whose order does not exist, and customer z1 whose only order is cancelled.
 */
function writeTransactions(): void {
  const uniform = mulberry32(20231130);
  const lines = ['order_id,line_no,customer_id,ordered_at,channel,category,quantity,amount,status'];
  let orderNo = 0;
  for (let c = 0; c < CUSTOMERS; c++) {
    const customer = `c${String(c).padStart(2, '0')}`;
    const orders = between(uniform, 1, 8);
    for (let o = 0; o < orders; o++) {
      const order = `O${++orderNo}`;
      const day = new Date(Date.UTC(2023, 0, 1) + between(uniform, 0, 332) * 86_400_000).toISOString().slice(0, 10);
      const at = `${day} ${String(between(uniform, 8, 22)).padStart(2, '0')}:${String(between(uniform, 0, 59)).padStart(2, '0')}:00`;
      const channel = ['app', 'web', 'store'][between(uniform, 0, 2)];
      const count = between(uniform, 1, 3);
      for (let l = 1; l <= count; l++) {
        const quantity = between(uniform, 1, 3);
        const amount = (quantity * between(uniform, 500, 20_000) / 100).toFixed(2);
        lines.push(`${order},${l},${customer},${at},${channel},${['food', 'toys', 'books', 'home'][between(uniform, 0, 3)]},${quantity},${amount},paid`);
        if (orderNo % 7 === 0 && l === 1) lines.push(`${order},${l},${customer},${at},${channel},,,-${(Number(amount) / 2).toFixed(2)},cancelled`);
      }
    }
  }
  lines.push('O9001,1,,2023-05-01 10:00:00,app,food,1,30.00,paid');
  lines.push('O9002,1,c01,2023-05-02 11:00:00,app,food,1,-10.00,cancelled');
  lines.push('O9003,1,z1,2023-06-01 12:00:00,web,toys,1,40.00,paid', 'O9003,1,z1,2023-06-01 12:30:00,web,,,-40.00,cancelled');
  writeFileSync(transactions, `${lines.join('\n')}\n`);
  writeFileSync(configFile, JSON.stringify({
    timezone: 'Asia/Shanghai',
    valuation: { minRepeatCustomersToFit: 10 },
    sources: [{
      name: 'orders', kind: 'csv', entity: 'order_lines', path: 'transactions.csv', dateFormats: ['iso'],
      columns: { order_id: 'order_id', line_no: 'line_no', customer_id: 'customer_id', ordered_at: 'ordered_at', channel: 'channel', category: 'category', quantity: 'quantity', amount: 'amount', status: 'status' },
    }],
  }));
}

/** Runs a CLI command, returning what it printed on stdout and stderr. */
async function runCommand(register: (program: Command) => void, args: string[]): Promise<{ out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = jest.spyOn(console, 'log').mockImplementation((text: string) => void out.push(text));
  const error = jest.spyOn(console, 'error').mockImplementation((text: string) => void err.push(text));
  try {
    const program = new Command().exitOverride();
    register(program);
    await program.parseAsync(args, { from: 'user' });
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
  return { out: out.join('\n'), err: err.join('\n') };
}

const csvRows = (text: string | Buffer) => parse(text, { columns: true }) as Array<Record<string, string>>;

let harness: Harness;
let runId: string;
beforeAll(async () => {
  writeTransactions();
  harness = await openHarness('test-offline');
  const config = loadSourceConfigFile(configFile);
  const result = await withWorker(harness, async () => (await startRefresh(harness.client, harness.config, { asOf: AS_OF, sourceConfig: config })).result());
  runId = result.runId;
});
afterAll(async () => {
  // The run goes, so the suites that expect no earlier run find none.
  for (const table of [...await runTables(harness.db), 'report_deliveries', 'runs']) await harness.db(table).where({ run_id: runId }).delete();
  await harness.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('segment and clv commands against a pipeline run on the same transactions', () => {
  it('segment: every identified customer, with the run\'s features, RFM segment and cluster', async () => {
    const output = path.join(dir, 'segments.csv');
    const rejects = path.join(dir, 'rejects.csv');
    const { out, err } = await runCommand(registerSegmentCommand, ['segment', '--config', configFile, '--source', 'orders', '--as-of', AS_OF, '--output', output, '--rejects', rejects]);
    expect(err).toMatch(/set aside \(missing_customer_id 1, return_without_sale 1\)/);
    expect(err).toMatch(/1 customer\(s\) have no counted order/);
    expect(csvRows(readFileSync(rejects)).map((r) => r.reason)).toEqual(['missing_customer_id', 'return_without_sale']);
    const offline = csvRows(readFileSync(output));
    // Every customer with a counted order: c00…c69 (z1's only order was cancelled).
    expect(offline.map((r) => r.customer_id)).toEqual(Array.from({ length: CUSTOMERS }, (_, c) => `c${String(c).padStart(2, '0')}`));
    const pipeline = csvRows(recordsToCsv(outputRows(await segmentedCustomers(harness.db, { runId }))));
    expect(offline).toEqual(pipeline);
    expect(new Set(offline.map((r) => r.cluster)).size).toBeGreaterThan(1);
    expect(out).toMatch(/^70 customers, as of 2023-11-30/);
  });

  it('clv: the run\'s summaries, fit and values for every customer', async () => {
    const output = path.join(dir, 'clv.csv');
    await runCommand(registerClvCommand, ['clv', '--config', configFile, '--source', 'orders', '--calibration-end', AS_OF, '--output', output]);
    const offline = csvRows(readFileSync(output));
    expect(offline).toHaveLength(CUSTOMERS);
    expect(offline).toEqual(csvRows(recordsToCsv(predictionRows(await storedValues(harness.db, runId)))));
    expect(offline.every((r) => Number(r.clv) > 0)).toBe(true);
  });
});

describe('segment command input', () => {
  const write = (name: string, text: string | Buffer) => {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    return file;
  };

  it('with --strict, the first unusable row is an error naming its file, line and column', async () => {
    const file = write('bad.csv', 'customer_id,date,amount\nc1,2024-01-02,10\nc2,2024-13-01,5\n');
    await expect(runCommand(registerSegmentCommand, ['segment', '--input', file, '--output', path.join(dir, 'never.csv'), '--strict']))
      .rejects.toThrow(`${file} line 3, column "date": ordered_at "2024-13-01" matches none of`);
  });

  it('decodes GBK: 张三, 李四 and 王五 stay three customers', async () => {
    const file = write('gbk.csv', iconv.encode('customer_id,date,amount\n张三,2024-01-02,10\n李四,2024-01-03,20\n王五,2024-01-04,30\n', 'gbk'));
    const output = path.join(dir, 'gbk-out.csv');
    await runCommand(registerSegmentCommand, ['segment', '--input', file, '--output', output]);
    expect(csvRows(readFileSync(output)).map((r) => r.customer_id).sort()).toEqual(['张三', '李四', '王五'].sort());
  });

  // The near-duplicate (double-submit) rule needs a time of day: a date-only file has every line
  // at local midnight, so two purchases on one day would look 0 minutes apart.
  it('keeps two purchases of the same amount on one day when the file has dates without a time of day, and says the rule was not applied', async () => {
    const output = path.join(dir, 'same-day-out.csv');
    const { err } = await runCommand(registerSegmentCommand, ['segment', '--input', write('same-day.csv', 'customer_id,date,amount\nc1,2024-01-02,10\nc1,2024-01-02,10\nc2,2024-01-03,20\n'), '--output', output]);
    expect(err).toContain('read 3 rows: 3 accepted, 0 set aside\n');
    expect(err).toContain('rule not applied: near_duplicate_not_applied (3 rows)');
    expect(csvRows(readFileSync(output)).map((r) => [r.customer_id, r.frequency])).toEqual([['c1', '2'], ['c2', '1']]);
  });

  it('still sets aside the second of two purchases 3 minutes apart when the file has times of day', async () => {
    const output = path.join(dir, 'double-submit-out.csv');
    const rejects = path.join(dir, 'double-submit-rejects.csv');
    const { err } = await runCommand(registerSegmentCommand, ['segment', '--input', write('double-submit.csv', 'customer_id,date,amount\nc1,2024-01-02 10:00,10\nc1,2024-01-02 10:03,10\nc2,2024-01-03 00:00,20\n'),
      '--output', output, '--rejects', rejects]);
    expect(err).toContain('set aside (near_duplicate 1)');
    expect(err).not.toContain('rule not applied');
    expect(csvRows(readFileSync(rejects)).map((r) => [r.source_row, r.reason])).toEqual([['2', 'near_duplicate']]);
    expect(csvRows(readFileSync(output)).map((r) => [r.customer_id, r.frequency])).toEqual([['c1', '1'], ['c2', '1']]);
  });

  it('names the missing columns', async () => {
    const file = write('cols.csv', 'customer,date,amount\nc1,2024-01-02,1\n');
    await expect(runCommand(registerSegmentCommand, ['segment', '--input', file, '--output', path.join(dir, 'never.csv')])).rejects.toThrow(/missing column\(s\) customer_id/);
  });

  it('writes customer ids that look like formulas escaped (OWASP), numbers as numbers', async () => {
    const hostile = ['=HYPERLINK("http://x")', "+cmd|' /C calc'!A0", '@SUM(1)'];
    const ids = [...hostile, ...Array.from({ length: 40 }, (_, i) => `c${i}`)];
    const lines = ids.flatMap((id, i) => [0, 1, 2].slice(0, 1 + (i % 3)).map((k) => `"${id.replace(/"/g, '""')}",2024-0${1 + k * 3}-${String(1 + (i % 27)).padStart(2, '0')},${10 + i * 3 + k}`));
    const output = path.join(dir, 'hostile-out.csv');
    await runCommand(registerSegmentCommand, ['segment', '--input', write('hostile.csv', `customer_id,date,amount\n${lines.join('\n')}\n`), '--output', output]);
    const rows = csvRows(readFileSync(output));
    expect(rows.map((r) => r.customer_id).filter((id) => !/^c\d+$/.test(id)).sort()).toEqual(hostile.map((id) => `'${id}`).sort());
    for (const row of rows) expect(Number.isFinite(Number(row.monetary))).toBe(true);
  });
});

describe('clv command on CDNOW', () => {
  const cdnow = path.join(CDNOW_DIR, 'cdnow_sample_transactions.csv');

  it('applies the pipeline\'s rules, then fits: one prediction row per customer, the JSON report', async () => {
    const output = path.join(dir, 'predictions.csv');
    const { out, err } = await runCommand(registerClvCommand, ['clv', '--input', cdnow, '--calibration-end', CDNOW_CALIBRATION_END, '--output', output, '--json']);
    // CDNOW has dates without times and no order ids: each line is an order, and the near-duplicate
    // rule is not applied (every line is at midnight: a second purchase on one day is no double submit).
    expect(err).toContain('rule not applied: near_duplicate_not_applied (6,919 rows)');
    const report = JSON.parse(out);
    expect(Object.keys(report).slice(0, 2)).toEqual(['bgnbd', 'gammaGamma']);
    expect(report.setAside).toEqual({});
    expect(report.rulesNotApplied).toEqual({ near_duplicate_not_applied: 6919 });
    // Published on all 2,357 customers: r 0.2426, α 4.4136, a 0.7929, b 2.4259 (tests/unit/clv/cdnow.test.ts
    // checks those to four decimals). The pipeline fits 2,347: ten customers have no counted order —
    // 8 whose only order is 0.00 (no purchase) and 2 whose only order is one of the two MAD outliers
    // (506.97 and 493.91, the file's largest, kept out of model fitting: SPEC §2). Every other customer's
    // x, t_x and T equal the published summary, and the published model fitted without those ten
    // customers gives these figures to four decimals.
    expect(report.customers).toBe(2347);
    expect(report.bgnbd.r).toBeCloseTo(0.2442, 4);
    expect(report.bgnbd.alpha).toBeCloseTo(4.4242, 4);
    expect(report.bgnbd.a).toBeCloseTo(0.7924, 4);
    expect(report.bgnbd.b).toBeCloseTo(2.4222, 4);
    expect(report.gammaGamma.p).toBeCloseTo(6.2496, 4); // the ten have no repeat purchase: Gamma-Gamma is unchanged
    expect(report.holdout).toMatchObject({ duration: 39, actualPurchases: 1882 }); // distinct purchase days after 1997-09-30
    const rows = csvRows(readFileSync(output));
    expect(Object.keys(rows[0])).toEqual(['customer_id', 'frequency', 'recency', 'T', 'monetary_value', 'expected_purchases', 'p_alive', 'expected_spend', 'clv']);
    // Customer 1: x = 2, t_x = 213/7, T = 272/7, repeat purchases 29.73 and 14.96 → m = 22.345
    expect(rows.find((r) => r.customer_id === '1')).toMatchObject({ frequency: '2', recency: '30.428571', T: '38.857143', monetary_value: '22.345' });
    const published = new Map(readCdnowSummaryWeeks().map((c) => [c.customerId, c]));
    const differing = rows.filter((r) => {
      const p = published.get(r.customer_id);
      return !p || Number(r.frequency) !== p.frequency || Math.abs(Number(r.recency) - p.recency) > 0.005 || Math.abs(Number(r.T) - p.T) > 0.005;
    });
    expect(differing).toEqual([]);
  });
});

