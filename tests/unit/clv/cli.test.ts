/** The `clv` command end to end on CDNOW, and its CSV error messages (SPEC §9). */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { parse } from 'csv-parse/sync';
import { readTransactionsCsv, registerClvCommand } from '../../../scripts/commands/clv';
import { CDNOW_CALIBRATION_END, CDNOW_DIR } from './cdnow';

const dir = mkdtempSync(path.join(tmpdir(), 'clv-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function writeCsv(name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

describe('readTransactionsCsv', () => {
  it('names file, row, line and column of an unparsable date', async () => {
    const rows = Array.from({ length: 16 }, (_, i) => `c${i},2024-01-${String(i + 1).padStart(2, '0')},10`);
    const file = writeCsv('bad-date.csv', ['customer_id,date,amount', ...rows, 'c17,2024-13-01,10'].join('\n'));
    await expect(readTransactionsCsv(file)).rejects.toThrow(`${file}: row 17 (line 18), column "date": date "2024-13-01" matches none of iso, yyyy/M/d, yyyy.M.d, yyyyMMdd, cn (invalid_date)`);
  });

  it('names a missing column and a bad amount; ignores extra columns', async () => {
    await expect(readTransactionsCsv(writeCsv('no-date.csv', 'customer_id,amount\n1,2\n'))).rejects.toThrow(/no-date.csv: missing column\(s\) date/);
    await expect(readTransactionsCsv(writeCsv('bad-amount.csv', 'customer_id,date,amount\n1,2024-01-01,abc\n'))).rejects.toThrow(
      /bad-amount.csv: row 1 \(line 2\), column "amount": amount "abc" is not an amount \(invalid_amount\)/,
    );
    expect(await readTransactionsCsv(writeCsv('extra.csv', '\ufeffnote,customer_id,date,amount\nx,1,2024-01-01,2.5\n'))).toEqual([
      { customerId: '1', date: '2024-01-01', amount: 2.5 },
    ]);
  });

  it('reads the amounts and dates the pipeline reads, and refuses what it refuses', async () => {
    expect(await readTransactionsCsv(writeCsv('formats.csv', 'customer_id,date,amount\n1,19970101,"¥1,234.50"\n2,1997/1/2 10:00,１２\n'))).toEqual([
      { customerId: '1', date: '1997-01-01', amount: 1234.5 },
      { customerId: '2', date: '1997-01-02', amount: 12 },
    ]);
    for (const amount of ['12,5', '1.234,50', '0x10']) {
      await expect(readTransactionsCsv(writeCsv('ambiguous.csv', `customer_id,date,amount\n1,2024-01-01,"${amount}"\n`))).rejects.toThrow(/\(invalid_amount\)/);
    }
    await expect(readTransactionsCsv(writeCsv('floor.csv', 'customer_id,date,amount\n1,0001-01-01,5\n'))).rejects.toThrow(/before the date floor 1900-01-01 \(date_before_floor\)/);
    await expect(readTransactionsCsv(writeCsv('return.csv', 'customer_id,date,amount\n1,2024-01-01,-5\n'))).rejects.toThrow(/row 1 \(line 2\), column "amount": -5 is a return/);
  });
});

describe('clv bounds', () => {
  it('--horizon 1000000 fails before reading the input, naming the limit', async () => {
    const program = new Command().exitOverride();
    registerClvCommand(program);
    const args = ['clv', '--input', path.join(CDNOW_DIR, 'cdnow_sample_transactions.csv'), '--calibration-end', CDNOW_CALIBRATION_END, '--output', path.join(dir, 'never.csv')];
    const errors = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    await expect(program.parseAsync([...args, '--horizon', '1000000'], { from: 'user' })).rejects.toThrow(/must be 1–3,650, got 1000000/);
    errors.mockRestore();
    await expect(program.parseAsync([...args, '--horizon', '600'], { from: 'user' })).rejects.toThrow('--horizon 600 is above the limit of 520 weeks (ten years)');
  });
});

describe('clv command', () => {
  it('fits CDNOW, writes one prediction row per customer and prints the JSON report', async () => {
    const output = path.join(dir, 'predictions.csv');
    const printed: string[] = [];
    const log = jest.spyOn(console, 'log').mockImplementation((text: string) => void printed.push(text));
    const program = new Command().exitOverride();
    registerClvCommand(program);
    await program.parseAsync(
      ['clv', '--input', path.join(CDNOW_DIR, 'cdnow_sample_transactions.csv'), '--calibration-end', CDNOW_CALIBRATION_END, '--output', output, '--json'],
      { from: 'user' },
    );
    log.mockRestore();

    const report = JSON.parse(printed.join('\n'));
    expect(Object.keys(report).slice(0, 2)).toEqual(['bgnbd', 'gammaGamma']);
    expect(Object.keys(report.bgnbd).slice(0, 5)).toEqual(['r', 'alpha', 'a', 'b', 'logLikelihood']);
    expect(Object.keys(report.gammaGamma).slice(0, 3)).toEqual(['p', 'q', 'v']);
    expect(report.bgnbd.r).toBeCloseTo(0.2426, 4);
    expect(report.gammaGamma.p).toBeCloseTo(6.2496, 4);
    expect(report.holdout).toMatchObject({ duration: 39, actualPurchases: 1882 }); // distinct purchase days after 1997-09-30

    const rows = parse(readFileSync(output), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(2357);
    expect(Object.keys(rows[0])).toEqual(['customer_id', 'frequency', 'recency', 'T', 'monetary_value', 'expected_purchases', 'p_alive', 'expected_spend', 'clv']);
    // Customer 1: x = 2, t_x = 213/7, T = 272/7, repeat purchases 29.73 and 14.96 → m = 22.345
    expect(rows[0]).toMatchObject({ customer_id: '1', frequency: '2', recency: '30.428571', T: '38.857143', monetary_value: '22.345' });
    expect(Number(rows[0].p_alive)).toBeCloseTo(0.7266, 3);
  });
});
