/**
 * COPY helpers (infra/copy.ts) on PostgreSQL: rows of two tables written interleaved on one
 * connection — the main table's through one open COPY, the side table's gathered and written
 * in batches between COPYs — all land, in the caller's transaction; a producer that fails
 * mid-stream leaves nothing and the connection free for the rollback.
 */
import type { Knex } from 'knex';
import type { PoolClient } from 'pg';
import { copyMainAndSide } from '../../infra/copy';
import { createDb, inTransaction } from '../../infra/postgres';

const MAIN = { table: 'copy_test_main', columns: ['n', 'label'] };
const SIDE = { table: 'copy_test_side', columns: ['n', 'note'] };

let db: Knex;

beforeAll(async () => {
  db = createDb(process.env.DATABASE_URL!);
  await db.raw(`CREATE TABLE IF NOT EXISTS ${MAIN.table} (n int PRIMARY KEY, label text)`);
  await db.raw(`CREATE TABLE IF NOT EXISTS ${SIDE.table} (n int PRIMARY KEY, note text)`);
});
beforeEach(async () => {
  await db.raw(`TRUNCATE ${MAIN.table}, ${SIDE.table}`);
});
afterAll(async () => {
  await db.raw(`DROP TABLE IF EXISTS ${MAIN.table}, ${SIDE.table}`);
  await db.destroy();
});

/** Rows 1..`rows`: every third to the side table, the others to the main table; text with tabs, newlines and backslashes. */
async function interleave(client: PoolClient, rows: number, failAt?: number): Promise<void> {
  await copyMainAndSide(client, MAIN, SIDE, async ({ main, side }) => {
    for (let n = 1; n <= rows; n++) {
      if (n === failAt) throw new Error(`the producer failed at row ${n}`);
      if (n % 3 === 0) await side.write([n, `side\t${n}\\`]);
      else await main.write([n, n % 2 === 0 ? null : `main\n${n}`]);
    }
  }, 2);
}

it('writes both tables in the transaction, the side rows in batches between COPYs of the main rows', async () => {
  await inTransaction(db, (client) => interleave(client, 20));
  const main = await db(MAIN.table).orderBy('n').select('n', 'label');
  const side = await db(SIDE.table).orderBy('n').select('n', 'note');
  // Rows 1..20: 3, 6, …, 18 (six) to the side table in three batches of two; the other fourteen to the main table.
  expect(side).toEqual([3, 6, 9, 12, 15, 18].map((n) => ({ n, note: `side\t${n}\\` })));
  expect(main.map((r: { n: number }) => r.n)).toEqual([1, 2, 4, 5, 7, 8, 10, 11, 13, 14, 16, 17, 19, 20]);
  expect(main.filter((r: { label: string | null }) => r.label === null).map((r: { n: number }) => r.n)).toEqual([2, 4, 8, 10, 14, 16, 20]);
  expect(main.find((r: { n: number }) => r.n === 7)).toEqual({ n: 7, label: 'main\n7' });
});

it('cancels the open COPY when the producer fails: nothing lands and the transaction rolls back', async () => {
  await expect(inTransaction(db, (client) => interleave(client, 20, 14))).rejects.toThrow('the producer failed at row 14');
  expect(await db(MAIN.table).count<Array<{ count: string }>>()).toEqual([{ count: '0' }]);
  expect(await db(SIDE.table).count<Array<{ count: string }>>()).toEqual([{ count: '0' }]);
  // The pool's connections still take queries.
  await inTransaction(db, (client) => interleave(client, 3));
  expect(await db(MAIN.table).count<Array<{ count: string }>>()).toEqual([{ count: '2' }]);
});
