/** The run model: one row per run in `runs`, with status, stage timings and row counts. */
import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import type { SourceConfig } from '../config/sources';
import type { ActivityDeps } from './deps';

/** Stable digest of a config: key order does not change it. */
export function configDigest(config: SourceConfig): string {
  const canonical = (value: unknown): unknown =>
    Array.isArray(value) ? value.map(canonical)
      : value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, canonical(v)]))
      : value;
  return createHash('sha256').update(JSON.stringify(canonical(config))).digest('hex').slice(0, 16);
}

export interface StageTiming {
  startedAt: string;
  finishedAt: string;
  ms: number;
  rows: number;
}

/** Merges one stage's timing into the run row; parallel activities each add their own key. */
export async function recordStageTiming(db: Knex | Knex.Transaction, runId: string, stage: string, timing: StageTiming): Promise<void> {
  await db('runs').where({ run_id: runId }).update({
    stage_timings: db.raw(`stage_timings || jsonb_build_object(?::text, ?::jsonb)`, [stage, JSON.stringify(timing)]),
  });
}

export async function recordSourceCounts(db: Knex | Knex.Transaction, runId: string, source: string, counts: Record<string, number | string>): Promise<void> {
  await db('runs').where({ run_id: runId }).update({
    source_counts: db.raw(`jsonb_set(source_counts, ARRAY[?::text], coalesce(source_counts -> ?::text, '{}'::jsonb) || ?::jsonb)`, [source, source, JSON.stringify(counts)]),
  });
}

export function createRunActivities({ db }: ActivityDeps) {
  return {
    /** Creates the run, or resets it for a new attempt (a re-run replaces, never duplicates). */
    async beginRun(input: { runId: string; asOf: string; sourceConfig: SourceConfig; workflowId: string }): Promise<void> {
      const row = {
        run_id: input.runId,
        as_of: input.asOf,
        status: 'running',
        current_stage: null,
        workflow_id: input.workflowId,
        config_digest: configDigest(input.sourceConfig),
        source_config: JSON.stringify(input.sourceConfig),
        started_at: new Date(),
        finished_at: null,
        stage_timings: '{}',
        source_counts: '{}',
        error: null,
      };
      await db('runs').insert({ ...row, attempt: 1 }).onConflict('run_id').merge({ ...row, attempt: db.raw('runs.attempt + 1') });
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
