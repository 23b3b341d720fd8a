/**
 * The database path, run only when DATABASE_URL is set (it needs a server): a scratch
 * database is created next to the given one, loaded twice (the second run replaces the
 * `source` schema), and the flat view read back the way extract reads it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import knex, { type Knex } from 'knex';
import { generateSampleData } from '../../../scripts/generate';

const url = process.env.DATABASE_URL;
const scratch = `generate_test_${process.pid}`;
let admin: Knex;
let db: Knex;
let root: string;

(url ? describe : describe.skip)('generateSampleData into PostgreSQL', () => {
  beforeAll(async () => {
    admin = knex({ client: 'pg', connection: url, pool: { min: 0, max: 1 } });
    await admin.raw(`CREATE DATABASE ${scratch}`);
    const target = new URL(url ?? '');
    target.pathname = `/${scratch}`;
    db = knex({ client: 'pg', connection: target.toString(), pool: { min: 0, max: 2 } });
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'generate-pg-'));
  });

  afterAll(async () => {
    await db?.destroy();
    await admin?.raw(`DROP DATABASE IF EXISTS ${scratch}`);
    await admin?.destroy();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('loads every table with COPY and replaces the schema on a second run', async () => {
    const options = { seed: 5, start: '2024-01-01', end: '2025-12-31', db };
    await generateSampleData({ ...options, customers: 400, lines: 3_000, outDir: path.join(root, 'first') });
    const { manifest } = await generateSampleData({ ...options, customers: 300, lines: 2_000, outDir: path.join(root, 'second') });
    const count = async (table: string) => Number((await db.raw(`SELECT count(*) AS n FROM source.${table}`)).rows[0].n);
    expect(manifest.database.loaded).toBe(true);
    for (const [table, { rows }] of Object.entries(manifest.database.tables)) expect(await count(table)).toBe(rows);
    expect(await count('order_lines_flat')).toBe(manifest.sources.online_order_lines.rows);
    const keys = (await db.raw('SELECT line_key FROM source.order_lines_flat ORDER BY line_key LIMIT 3')).rows.map((r: { line_key: string }) => Number(r.line_key));
    expect(keys).toEqual([1, 2, 3]);
    const returned = await db.raw("SELECT count(*) AS n FROM source.order_lines_flat WHERE status = 'returned'");
    expect(Number(returned.rows[0].n)).toBe(manifest.sources.online_order_lines.mess.return_line);
  });
});
