/**
 * The run model: one row per run in `runs`, with status, stage timings and row counts; and
 * the run context (contract/runContext.ts), resolved here once when a run begins.
 */
import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { parseSourceConfig, type SourceConfig } from '../config/sources';
import { runContext, type Chunking, type RunContext } from '../contract/runContext';
import { rowsNotWritten } from '../contract/stages';
import { inTransaction } from '../infra/postgres';
import type { ActivityDeps } from './deps';
import { deleteOwnedRows } from './stage';

export class RunNotFoundError extends Error {
  override name = 'RunNotFoundError';
}

/** Stable digest of a config: key order does not change it. */
export function configDigest(config: SourceConfig): string {
  const canonical = (value: unknown): unknown =>
    Array.isArray(value) ? value.map(canonical)
      : value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, canonical(v)]))
      : value;
  return createHash('sha256').update(JSON.stringify(canonical(config))).digest('hex').slice(0, 16);
}

/** The one definition of a run's previous run: the latest earlier as-of whose run succeeded. */
async function previousSucceededRun(db: Knex, asOf: string, timeZone: string): Promise<{ runId: string; asOf: string; timeZone: string } | null> {
  const row = await db('runs').where('as_of', '<', asOf).andWhere({ status: 'succeeded' }).orderBy('as_of', 'desc')
    .first('run_id', 'as_of', db.raw(`coalesce(source_config ->> 'timezone', ?) AS time_zone`, [timeZone])) as { run_id: string; as_of: string; time_zone: string } | undefined;
  return row ? { runId: row.run_id, asOf: row.as_of, timeZone: row.time_zone } : null;
}

async function resolveRunContext(db: Knex, runId: string, asOf: string, config: SourceConfig, chunking?: Chunking): Promise<RunContext> {
  return runContext({ runId, asOf, config, previousRun: await previousSucceededRun(db, asOf, config.timezone), chunking });
}

export function createRunActivities({ db, config: app }: ActivityDeps) {
  return {
    /**
     * Creates the run, or resets it for a new attempt (a re-run replaces, never duplicates), and
     * returns its context. The config is validated here, once per run: a schedule may carry a
     * config written by an older version, which the defaults complete.
     */
    async beginRun(input: { runId: string; asOf: string; sourceConfig: SourceConfig; workflowId: string }): Promise<RunContext> {
      const config = parseSourceConfig(input.sourceConfig, `source config of ${input.runId}`);
      const row = {
        run_id: input.runId,
        as_of: input.asOf,
        status: 'running',
        current_stage: null,
        workflow_id: input.workflowId,
        config_digest: configDigest(config),
        source_config: JSON.stringify(config),
        started_at: new Date(),
        finished_at: null,
        stage_timings: '{}',
        source_counts: '{}',
        error: null,
      };
      await db('runs').insert({ ...row, attempt: 1 }).onConflict('run_id').merge({ ...row, attempt: db.raw('runs.attempt + 1') });
      return resolveRunContext(db, input.runId, input.asOf, config, app.chunking);
    },

    /** The context of a recorded run, from its as-of date and the config it ran with (re-rendering its reports). */
    async runContextOf(input: { runId: string }): Promise<RunContext> {
      const run = await db('runs').where({ run_id: input.runId }).first('as_of', 'source_config') as { as_of: string; source_config: unknown } | undefined;
      if (!run) throw new RunNotFoundError(`run ${input.runId} not found`);
      return resolveRunContext(db, input.runId, run.as_of, parseSourceConfig(run.source_config, `source config of ${input.runId}`));
    },

    /**
     * Re-running a period with another source config must not show an earlier attempt's
     * results: the rows of entities the config no longer reads and of stages it skips (no voice
     * sources, no orders) are deleted before the stages run.
     */
    async clearSkipped(input: { context: RunContext }): Promise<{ tablesCleared: number }> {
      const rows = rowsNotWritten(input.context.config);
      await inTransaction(db, (client) => deleteOwnedRows(client, input.context.runId, rows));
      return { tablesCleared: rows.length };
    },

    async markStage(input: { runId: string; stage: string }): Promise<void> {
      await db('runs').where({ run_id: input.runId }).update({ current_stage: input.stage });
    },

    async finishRun(input: { runId: string }): Promise<void> {
      await db('runs').where({ run_id: input.runId }).update({ status: 'succeeded', current_stage: null, finished_at: new Date() });
    },

    async failRun(input: { runId: string; error: string; status?: 'failed' | 'cancelled' }): Promise<void> {
      await db('runs').where({ run_id: input.runId }).update({ status: input.status ?? 'failed', finished_at: new Date(), error: input.error });
    },
  };
}
