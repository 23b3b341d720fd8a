/**
 * Incremental extraction on PostgreSQL: a database source with a watermark reads only the rows
 * added or changed since the last extraction, and its staging equals a whole re-read's; a week
 * extracted before is staged again exactly as it was, after later extractions; an unchanged file
 * is not read again, a changed one is; `full` reads everything again.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { extractStage } from '../../activities/extract';
import { parseSourceConfig, type SourceConfigInput } from '../../config/sources';
import { runContext } from '../../contract/runContext';
import { openHarness, type Harness } from '../support/pipeline';

let harness: Harness;
let dir: string;

beforeAll(async () => {
  harness = await openHarness('test-incremental-extract');
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'incremental-extract-'));
  await harness.db.raw('DROP SCHEMA IF EXISTS incremental_test CASCADE');
  await harness.db.raw('CREATE SCHEMA incremental_test');
  await harness.db.raw('CREATE TABLE incremental_test.orders (id bigint PRIMARY KEY, order_no text, customer text, at timestamptz, amount numeric(12, 2), updated_at timestamptz NOT NULL)');
});
afterAll(async () => {
  await harness.db.raw('DROP SCHEMA IF EXISTS incremental_test CASCADE');
  await harness.db('raw_order_lines').whereIn('source', ['incremental_db', 'incremental_file']).delete();
  await harness.db('extractions').whereIn('source', ['incremental_db', 'incremental_file']).delete();
  fs.rmSync(dir, { recursive: true, force: true });
  await harness.close();
});

const ORDER_COLUMNS = { order_no: 'order_id', customer: 'customer_id', at: 'ordered_at', amount: 'amount' };

function config(source: SourceConfigInput['sources'][number]) {
  return parseSourceConfig({ timezone: 'UTC', sources: [source] });
}

const dbConfig = config({ name: 'incremental_db', kind: 'database', entity: 'order_lines', table: 'incremental_test.orders', keyColumn: 'id', watermark: 'updated_at', columns: ORDER_COLUMNS });

async function extract(sourceConfig: ReturnType<typeof config>, runId: string, asOf: string, full = false) {
  const context = runContext({ runId, asOf, config: sourceConfig, previousRun: null });
  return extractStage.run({ db: harness.db, config: harness.config }, { context, source: sourceConfig.sources[0].name, ...(full ? { full } : {}) });
}

async function staging(runId: string) {
  return harness.db('stg_order_lines').where({ run_id: runId })
    .select('row_no', 'order_id', 'customer_id', 'ordered_at', 'amount', 'reject_reason', 'reject_detail', 'raw_text').orderBy('row_no');
}

const insert = (rows: Array<[number, string, string, string, string]>, updatedAt: string) =>
  harness.db('incremental_test.orders').insert(rows.map(([id, order_no, customer, at, amount]) => ({ id, order_no, customer, at, amount, updated_at: updatedAt })));

describe('a database source with a watermark', () => {
  it('reads only new and changed rows, stages what a whole read stages, and stages an earlier week again as it was', async () => {
    // Week 1 (to 2025-01-05): six orders, and one dated 2025-01-08 (after the as-of day).
    await insert([
      [1, 'O1', 'C1', '2025-01-01T10:00:00Z', '10.00'], [2, 'O2', 'C2', '2025-01-02T10:00:00Z', '20.00'], [3, 'O3', 'C1', '2025-01-03T10:00:00Z', '30.00'],
      [5, 'O5', 'C3', '2025-01-04T10:00:00Z', '50.00'], [6, 'O6', 'C2', '2025-01-05T10:00:00Z', '60.00'], [8, 'O8', 'C4', '2025-01-05T23:00:00Z', '80.00'],
      [10, 'O10', 'C1', '2025-01-08T10:00:00Z', '100.00'],
    ], '2025-01-05T23:30:00Z');
    const first = await extract(dbConfig, 'incremental-run-1', '2025-01-05');
    expect(first).toMatchObject({ extracted: 7, read: 6, afterAsOf: 1, fromStore: 0 });
    const week1 = await staging('incremental-run-1');
    expect(week1.map((r) => [r.row_no, r.order_id])).toEqual([[1, 'O1'], [2, 'O2'], [3, 'O3'], [4, 'O5'], [5, 'O6'], [6, 'O8']]);

    // Week 2: O2's amount corrected, two new orders (one with a key between existing ones).
    await harness.db('incremental_test.orders').where({ id: 2 }).update({ amount: '25.00', updated_at: '2025-01-10T08:00:00Z' });
    await insert([[4, 'O4', 'C5', '2025-01-09T10:00:00Z', '40.00'], [9, 'O9', 'C5', '2025-01-11T10:00:00Z', '90.00']], '2025-01-11T12:00:00Z');
    const second = await extract(dbConfig, 'incremental-run-2', '2025-01-12');
    // Read from the source: O2's new version and O4, O9; the six other staged rows come from the store.
    expect(second).toMatchObject({ extracted: 3, read: 9, afterAsOf: 0, fromStore: 6 });
    const week2 = await staging('incremental-run-2');
    // Rows numbered in key order, as a whole read numbers them.
    expect(week2.map((r) => [r.row_no, r.order_id, r.amount])).toEqual([
      [1, 'O1', '10.00'], [2, 'O2', '25.00'], [3, 'O3', '30.00'], [4, 'O4', '40.00'], [5, 'O5', '50.00'],
      [6, 'O6', '60.00'], [7, 'O8', '80.00'], [8, 'O9', '90.00'], [9, 'O10', '100.00'],
    ]);

    // A whole re-extraction (refresh --full) stages the same rows.
    const full = await extract(dbConfig, 'incremental-run-full', '2025-01-12', true);
    expect(full).toMatchObject({ extracted: 9, read: 9, afterAsOf: 0, fromStore: 0 });
    expect(await staging('incremental-run-full')).toEqual(week2);

    // Week 1 again (a backfill, after both): nothing read, exactly what it showed, O2 at its old amount.
    const again = await extract(dbConfig, 'incremental-run-1', '2025-01-05');
    expect(again).toMatchObject({ extracted: 0, read: 6, afterAsOf: 1, fromStore: 6 });
    expect(await staging('incremental-run-1')).toEqual(week1);
    expect(week1[1]).toMatchObject({ order_id: 'O2', amount: '20.00' });

    // The next week with nothing new reads nothing.
    const third = await extract(dbConfig, 'incremental-run-3', '2025-01-19');
    expect(third).toMatchObject({ extracted: 0, read: 9, fromStore: 9 });
    const counts = await harness.db('extractions').where({ source: 'incremental_db' }).orderBy('extraction_id').select('full', 'rows', 'high_water');
    expect(counts.map((e) => [e.full, e.rows])).toEqual([[true, 7], [false, 3], [true, 9], [false, 0]]);
  });

  it('refuses a watermark column the table does not have', async () => {
    const wrong = config({ name: 'incremental_db_wrong', kind: 'database', entity: 'order_lines', table: 'incremental_test.orders', keyColumn: 'id', watermark: 'changed_at', columns: ORDER_COLUMNS });
    await expect(extract(wrong, 'incremental-run-wrong', '2025-01-12')).rejects.toThrow('table incremental_test.orders (source incremental_db_wrong): watermark column "changed_at" not found');
  });
});

describe('a file source', () => {
  it('is read again only when its checksum changed, or with full', async () => {
    const file = path.join(dir, 'orders.csv');
    // Row 3 has a field too many: set aside (malformed_row, no columns filled), staged with its reason from the store too.
    fs.writeFileSync(file, 'order_id,customer_id,ordered_at,amount\nF1,C1,2025-01-01,10\nF2,C2,2025-01-02,20\nF3,C3,2025-01-03,30,extra\nF4,C4,2025-01-09,40\n');
    const fileConfig = config({ name: 'incremental_file', kind: 'csv', entity: 'order_lines', path: file, columns: { order_id: 'order_id', customer_id: 'customer_id', ordered_at: 'ordered_at', amount: 'amount' } });
    const first = await extract(fileConfig, 'incremental-file-1', '2025-01-05');
    expect(first).toMatchObject({ extracted: 4, read: 3, afterAsOf: 1, fromStore: 0 });
    const staged = await staging('incremental-file-1');
    expect(staged.map((r) => [r.row_no, r.order_id, r.reject_reason])).toEqual([[1, 'F1', null], [2, 'F2', null], [3, null, 'malformed_row']]);

    const unchanged = await extract(fileConfig, 'incremental-file-2', '2025-01-05');
    expect(unchanged).toMatchObject({ extracted: 0, read: 3, afterAsOf: 1, fromStore: 3 });
    expect(await staging('incremental-file-2')).toEqual(staged);

    fs.appendFileSync(file, 'F5,C5,2025-01-04,50\n');
    const changed = await extract(fileConfig, 'incremental-file-3', '2025-01-05');
    expect(changed).toMatchObject({ extracted: 5, read: 4, afterAsOf: 1, fromStore: 0 });
    expect((await staging('incremental-file-3')).map((r) => r.order_id)).toEqual(['F1', 'F2', null, 'F5']);

    const full = await extract(fileConfig, 'incremental-file-4', '2025-01-05', true);
    expect(full).toMatchObject({ extracted: 5, read: 4, fromStore: 0 });
    // A file keeps its latest extraction only.
    expect(await harness.db('extractions').where({ source: 'incremental_file' }).count({ n: '*' })).toEqual([{ n: '1' }]);
  });
});
