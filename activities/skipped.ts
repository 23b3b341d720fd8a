/**
 * Re-running a period with a different source config must not show an earlier attempt's
 * results: a stage the new config skips (no voice sources, no orders) and an entity it no
 * longer reads would otherwise leave their old rows for the run, and the reports would show
 * them. Called once per run, right after beginRun, with what the workflow will skip.
 */
import type { EntityName } from '../config/canonical';
import { deleteRunRows, inTransaction } from '../infra/copy';
import type { StageName } from '../contract/results';
import type { ActivityDeps } from './deps';
import { FORECAST_TABLES } from './forecast';
import { TRACK_RECORD_TABLE } from './forecast/trackRecord';
import { PROFILE_TABLES } from './profile';
import { SEGMENT_TABLES } from './segment';
import { INSIGHT_TABLES } from './segment/insights';
import { VALUE_TABLES } from './value/store';
import { VOICE_TABLES } from './voice';
import { VOICE_BY_SEGMENT_TABLES } from './segment/voiceBySegment';

/** Tables a stage replaces for its run, from the lists the stages delete themselves (segment_voice and voice_warnings are written by the segment stage). */
export const STAGE_RESULT_TABLES: Readonly<Partial<Record<StageName, readonly string[]>>> = {
  voice: VOICE_TABLES,
  profile: PROFILE_TABLES,
  segment: [...SEGMENT_TABLES, ...INSIGHT_TABLES, ...VOICE_BY_SEGMENT_TABLES],
  value: VALUE_TABLES,
  forecast: [...FORECAST_TABLES, TRACK_RECORD_TABLE],
};

/** Staging and clean tables of an entity (order lines also make clean_orders). */
const entityTables = (entity: EntityName) => [`stg_${entity}`, `clean_${entity}`, ...(entity === 'order_lines' ? ['clean_orders'] : [])];

export interface ClearSkippedInput {
  runId: string;
  /** Entities the run's config does not read. */
  absentEntities: EntityName[];
  /** Stages the run skips. */
  skippedStages: StageName[];
}

export function createSkippedActivities({ db }: ActivityDeps) {
  return {
    async clearSkipped(input: ClearSkippedInput): Promise<{ tablesCleared: number }> {
      const tables = [...input.absentEntities.flatMap(entityTables), ...input.skippedStages.flatMap((s) => STAGE_RESULT_TABLES[s] ?? [])];
      await inTransaction(db, async (client) => {
        await deleteRunRows(client, tables, input.runId);
        if (input.absentEntities.length > 0) {
          for (const table of ['quarantine', 'dq_summary']) await client.query(`DELETE FROM ${table} WHERE run_id = $1 AND entity = ANY($2)`, [input.runId, input.absentEntities]);
        }
      });
      return { tablesCleared: tables.length };
    },
  };
}
