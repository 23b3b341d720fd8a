/**
 * A PostgreSQL database source is read with one COPY; every value must come out as the text the
 * keyset reader (node-postgres' values as text) gives, so a source reads the same either way:
 * text with tabs, newlines, backslashes and Chinese, integers, bigints, numerics, dates,
 * timestamps with time zone (a Date's toISOString), booleans and NULLs, in key order.
 */
import { readDatabaseSource, keysetRows, tableShape } from '../../activities/extract/database';
import type { SourceRow } from '../../activities/extract/header';
import { parseSourceConfig, type SourceSpec } from '../../config/sources';
import { openHarness, type Harness } from '../support/pipeline';

let harness: Harness;

beforeAll(async () => {
  harness = await openHarness('test-database-source');
  await harness.db.raw('DROP SCHEMA IF EXISTS db_source_test CASCADE');
  await harness.db.raw('CREATE SCHEMA db_source_test');
  await harness.db.raw(`CREATE TABLE db_source_test.orders (
    id bigint PRIMARY KEY, order_no text, qty integer, amount numeric(12, 2), day date, at timestamptz, paid boolean, note varchar(40))`);
  await harness.db.raw(`INSERT INTO db_source_test.orders VALUES
    (3, 'O3', 2, 1234.50, '2024-03-05', '2024-03-05 10:20:33.123456+08', true, 'tab\there'),
    (1, 'O1', NULL, 0.10, NULL, '1999-12-31 23:59:59+00', false, E'line\\nbreak and back\\\\slash'),
    (20, '订单二十', -1, -5, '2024-02-29', NULL, NULL, NULL),
    (10, 'O10', 7, 99999999.99, '2024-12-31', '2024-12-31 16:00:00.5+00', true, '"quoted", comma')`);
});
afterAll(async () => {
  await harness.db.raw('DROP SCHEMA IF EXISTS db_source_test CASCADE');
  await harness.close();
});

const source = parseSourceConfig({
  sources: [{ name: 'orders_db', kind: 'database', entity: 'order_lines', table: 'db_source_test.orders', keyColumn: 'id', batchSize: 100,
    columns: { order_no: 'order_id', qty: 'quantity', amount: 'amount', day: 'customer_id', at: 'ordered_at', paid: 'status', note: 'category' } }],
}).sources[0] as Extract<SourceSpec, { kind: 'database' }>;

async function all(rows: AsyncGenerator<SourceRow>): Promise<SourceRow[]> {
  const read: SourceRow[] = [];
  for await (const row of rows) read.push(row);
  return read;
}

it('reads through COPY exactly what the keyset reader reads, in key order', async () => {
  const viaCopy = await all(readDatabaseSource(source, harness.db));
  const viaKeyset = await all(keysetRows(source, harness.db, await tableShape(source, harness.db)));
  expect(viaCopy).toEqual(viaKeyset);
  expect(viaCopy.map((r) => r.values.order_id)).toEqual(['O1', 'O3', 'O10', '订单二十']);
  expect(viaCopy[0].values).toEqual({ order_id: 'O1', quantity: undefined, amount: '0.10', customer_id: undefined, ordered_at: '1999-12-31T23:59:59.000Z', status: 'false', category: 'line\nbreak and back\\slash' });
  expect(viaCopy[1].values).toMatchObject({ amount: '1234.50', customer_id: '2024-03-05', ordered_at: '2024-03-05T02:20:33.123Z', status: 'true', category: 'tab\there' });
  expect(viaCopy[2].values).toMatchObject({ ordered_at: '2024-12-31T16:00:00.500Z', category: '"quoted", comma' });
  expect(viaCopy.map((r) => r.rowNo)).toEqual([1, 2, 3, 4]);
});
