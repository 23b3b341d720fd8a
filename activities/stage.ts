/**
 * The stage envelope, written once. Every step of every stage runs through it, so a stage file
 * holds the stage's logic only. Around the logic it:
 * - opens one transaction, takes the advisory lock `<runId>:<step key>` (a retry started while
 *   a timed-out attempt still runs waits for it instead of colliding on the run's keys) and
 *   deletes the rows the step owns (contract/stages.ts): a retried or re-run step replaces its
 *   own rows and never double-counts; the logic's writes commit with the delete or not at all;
 * - records the step's timing (and the worker process that ran it) in the runs table and logs
 *   one line with its result;
 * - as a Temporal activity (`stageActivity`), runs on one of the worker's threads
 *   (stepPool.ts) and heartbeats with the logic's latest progress.
 * The logic sees the run context, the transaction and the pool, never Temporal: `Stage.run`
 * runs a step on a database without a worker (tests, offline commands).
 */
import { hostname } from 'node:os';
import { getHeapStatistics } from 'node:v8';
import { threadId } from 'node:worker_threads';
import type { Knex } from 'knex';
import type { PoolClient } from 'pg';
import type { Logger } from 'pino';
import type { RunContext } from '../contract/runContext';
import { partPredicate, type OwnedRows, type StageInput, type StageStep } from '../contract/stages';
import { stageLogger } from '../infra/logging';
import { inTransaction } from '../infra/postgres';
import type { ActivityDeps } from './deps';
import { withHeartbeat, type Progress } from './heartbeat';

/** What a stage's logic works with. */
export interface StageWork<Input extends StageInput> {
  input: Input;
  context: RunContext;
  /** The step's transaction: its rows are deleted and its lock held; it commits when the logic returns. */
  client: PoolClient;
  /** The pool: reads on another connection of what earlier stages committed (e.g. streaming rows out while copying in on `client`). */
  db: Knex;
  /** The worker's settings (output directory, PII salt, mail). */
  app: ActivityDeps['config'];
  progress: Progress;
  log: Logger;
}

export interface StageDefinition<Input extends StageInput, Result extends object> {
  /** The step this input runs (contract/stages.ts): its key and the rows it owns. */
  step(input: Input): StageStep;
  run(work: StageWork<Input>): Promise<Result>;
  /** The rows the step's timing counts (rows read, customers, series …). */
  rows(result: Result): number;
  /** Work on the committed rows, outside the transaction (planner statistics of a table other steps also fill). */
  afterCommit?(db: Knex, result: Result): Promise<void>;
}

export type Timed<Result> = Result & { ms: number };

export interface Stage<Input extends StageInput, Result extends object> {
  /** Runs one step on the database: replaces its rows, records its timing, logs it. */
  run(deps: ActivityDeps, input: Input, progress?: Progress): Promise<Timed<Result>>;
}

export interface StageTiming {
  startedAt: string;
  finishedAt: string;
  ms: number;
  rows: number;
  /** The worker process that ran the step, named as Temporal names a worker by default (pid@host). */
  worker: string;
}

const WORKER = `${process.pid}@${hostname()}`;

const MB = 2 ** 20;

/**
 * The JavaScript heap of the thread running a step (a worker thread has its own): the peak
 * sampled while the step ran, and what is left in use and reserved when it ends — logged
 * with the step's result, so a benchmark can tell a stage's live data from memory the
 * allocator has not returned (the process's RSS counts every thread's heap).
 */
function heapWatch(everyMs = 200): () => { thread: number; peakUsedMb: number; usedMb: number; totalMb: number; mallocedMb: number; liveMb?: number } {
  let peak = getHeapStatistics().used_heap_size;
  const timer = setInterval(() => { peak = Math.max(peak, getHeapStatistics().used_heap_size); }, everyMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    const end = getHeapStatistics();
    // Under --expose-gc (a benchmark's diagnosis), what the thread still holds once collected.
    const collect = (globalThis as { gc?: () => void }).gc;
    collect?.();
    const live = collect ? { liveMb: Math.round(getHeapStatistics().used_heap_size / MB) } : {};
    const mb = (bytes: number) => Math.round(bytes / MB);
    return { thread: threadId, peakUsedMb: mb(Math.max(peak, end.used_heap_size)), usedMb: mb(end.used_heap_size), totalMb: mb(end.total_heap_size), mallocedMb: mb(end.malloced_memory), ...live };
  };
}

/** Merges one step's timing into the run row (`stage_timings`, keyed by step). */
async function recordStageTiming(db: Knex, runId: string, key: string, timing: StageTiming): Promise<void> {
  await db('runs').where({ run_id: runId }).update({
    stage_timings: db.raw(`stage_timings || jsonb_build_object(?::text, ?::jsonb)`, [key, JSON.stringify(timing)]),
  });
}

/** Merges counts of one source (rows read, accepted, quarantined …) into the run row, in the step's transaction. */
export async function recordSourceCounts(client: PoolClient, runId: string, source: string, counts: Record<string, number | string>): Promise<void> {
  await client.query(
    `UPDATE runs SET source_counts = jsonb_set(source_counts, ARRAY[$2::text], coalesce(source_counts -> $2::text, '{}'::jsonb) || $3::jsonb) WHERE run_id = $1`,
    [runId, source, JSON.stringify(counts)],
  );
}

/** Deletes a run's rows of each table, or only those of the step's part. */
export async function deleteOwnedRows(client: PoolClient, runId: string, owned: readonly OwnedRows[]): Promise<void> {
  for (const { table, where = {}, part } of owned) {
    const columns = Object.keys(where);
    const inPart = part ? ` AND ${partPredicate(part.column, part)}` : '';
    await client.query(`DELETE FROM ${table} WHERE run_id = $1${columns.map((c, i) => ` AND ${c} = $${i + 2}`).join('')}${inPart}`, [runId, ...columns.map((c) => where[c])]);
  }
}

export function defineStage<Input extends StageInput, Result extends object>(definition: StageDefinition<Input, Result>): Stage<Input, Result> {
  return {
    async run({ db, config: app }, input, progress = () => undefined) {
      const { context } = input;
      const step = definition.step(input);
      const log = stageLogger(context.runId, step.key);
      const started = new Date();
      const heap = heapWatch();
      const result = await inTransaction(db, async (client) => {
        await deleteOwnedRows(client, context.runId, step.owns);
        return definition.run({ input, context, client, db, app, progress, log });
      }, `${context.runId}:${step.key}`);
      await definition.afterCommit?.(db, result);
      const finished = new Date();
      const ms = finished.getTime() - started.getTime();
      await recordStageTiming(db, context.runId, step.key, { startedAt: started.toISOString(), finishedAt: finished.toISOString(), ms, rows: definition.rows(result), worker: WORKER });
      const timed: Timed<Result> = { ...result, ms };
      log.info({ ...(timed as Record<string, unknown>), heap: heap() }, `${step.key} done`);
      return timed;
    },
  };
}

/**
 * The Temporal activity of a stage step (`name`: its activity type), heartbeating with its latest
 * progress: on one of the worker's threads when it has them, else on this one.
 */
export function stageActivity<Input extends StageInput, Result extends object>(deps: ActivityDeps, name: string, load: () => Promise<Stage<Input, Result>>): (input: Input) => Promise<Timed<Result>> {
  const { steps } = deps;
  if (!steps) return async (input) => { const stage = await load(); return withHeartbeat((progress) => stage.run(deps, input, progress)); };
  return (input) => withHeartbeat(async (progress, cancelled) => await steps.run(name, input, progress, cancelled) as Timed<Result>);
}
