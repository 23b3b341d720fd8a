/**
 * The stage envelope (activities/stage.ts) on PostgreSQL, without Temporal: a step replaces
 * exactly the rows it owns (its run's, its part's), a failing step leaves the earlier rows as
 * they were, two attempts of one step take turns on its advisory lock, and the step's timing
 * lands in the run row with the worker process that ran it. The toy step owns part `a` of a
 * scratch table.
 */
import { hostname } from 'node:os';
import type { Knex } from 'knex';
import { defineStage } from '../../activities/stage';
import type { StageInput, StageStep } from '../../contract/stages';
import { loadConfig } from '../../infra/config';
import { createDb } from '../../infra/postgres';
import { handMadeRunContext } from '../support/runContext';

const TABLE = 'stage_envelope_test';
const RUN = 'run-stage-envelope-test';
const OTHER_RUN = 'run-stage-envelope-other';
const STEP: StageStep = { stage: 'profile', key: 'profile:envelope-test', owns: [{ table: TABLE, where: { part: 'a' } }] };

let db: Knex;
const context = handMadeRunContext({ runId: RUN, asOf: '2024-12-31', timezone: 'Asia/Shanghai' });

/** Writes `rows` rows of part a, waiting `holdMs` inside the transaction first; fails when told to. */
const toyStage = defineStage<StageInput & { rows: number; holdMs?: number; fail?: boolean }, { written: number }>({
  step: () => STEP,
  async run({ input, context: { runId }, client }) {
    if (input.holdMs) await new Promise((resolve) => setTimeout(resolve, input.holdMs));
    for (let n = 1; n <= input.rows; n++) await client.query(`INSERT INTO ${TABLE} (run_id, part, n) VALUES ($1, 'a', $2)`, [runId, n]);
    if (input.fail) throw new Error('the step failed after writing');
    return { written: input.rows };
  },
  rows: (result) => result.written,
});

const rowsOf = async (runId: string, part: string) =>
  (await db(TABLE).where({ run_id: runId, part }).orderBy('n').select('n')).map((r: { n: number }) => r.n);

beforeAll(async () => {
  db = createDb(process.env.DATABASE_URL!);
  await db.schema.dropTableIfExists(TABLE);
  await db.schema.createTable(TABLE, (t) => {
    t.text('run_id').notNullable();
    t.text('part').notNullable();
    t.integer('n').notNullable();
    t.unique(['run_id', 'part', 'n']);
  });
  await db('runs').where({ run_id: RUN }).delete();
  await db('runs').insert({ run_id: RUN, as_of: '2024-12-31', status: 'running', config_digest: 'test', source_config: {}, started_at: new Date() });
  await db(TABLE).insert([
    { run_id: RUN, part: 'a', n: 100 }, { run_id: RUN, part: 'b', n: 1 }, { run_id: OTHER_RUN, part: 'a', n: 1 },
  ]);
});
afterAll(async () => {
  await db.schema.dropTableIfExists(TABLE);
  await db('runs').where({ run_id: RUN }).delete();
  await db.destroy();
});

const deps = () => ({ db, config: loadConfig() });

describe('the stage envelope', () => {
  it('replaces the rows the step owns and no others, and records its timing', async () => {
    const result = await toyStage.run(deps(), { context, rows: 3 });
    expect(result).toEqual({ written: 3, ms: expect.any(Number) });
    expect(await rowsOf(RUN, 'a')).toEqual([1, 2, 3]);
    expect(await rowsOf(RUN, 'b')).toEqual([1]);
    expect(await rowsOf(OTHER_RUN, 'a')).toEqual([1]);
    const run = await db('runs').where({ run_id: RUN }).first();
    expect(run.stage_timings[STEP.key]).toEqual({ startedAt: expect.any(String), finishedAt: expect.any(String), ms: result.ms, rows: 3, worker: `${process.pid}@${hostname()}` });
  });

  it('leaves the earlier rows when the step fails', async () => {
    await expect(toyStage.run(deps(), { context, rows: 5, fail: true })).rejects.toThrow('the step failed after writing');
    expect(await rowsOf(RUN, 'a')).toEqual([1, 2, 3]);
  });

  it('runs two attempts of one step one after the other: the rows of one attempt, never both', async () => {
    // Without the lock both would delete, then both insert 1..2 and the unique key would fail one of them.
    const [first, second] = await Promise.all([
      toyStage.run(deps(), { context, rows: 2, holdMs: 300 }),
      toyStage.run(deps(), { context, rows: 2, holdMs: 300 }),
    ]);
    expect([first.written, second.written]).toEqual([2, 2]);
    expect(Math.max(first.ms, second.ms)).toBeGreaterThanOrEqual(600);
    expect(await rowsOf(RUN, 'a')).toEqual([1, 2]);
  });
});
