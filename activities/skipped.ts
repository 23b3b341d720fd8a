/**
 * Re-running a period with a different source config must not show an earlier attempt's
 * results: a stage the new config skips (no voice sources, no orders) and an entity it no
 * longer reads would otherwise leave their old rows for the run, and the reports would show
 * them. Called once per run, right after beginRun, with what the workflow will skip.
 */
import type { EntityName } from '../config/canonical';
import { inTransaction } from '../infra/copy';
import type { StageName } from '../workflows/types';
import type { ActivityDeps } from './deps';

/** Tables a stage replaces for its run (segment_voice and voice_warnings are written by the segment stage). */
export const STAGE_RESULT_TABLES: Readonly<Partial<Record<StageName, readonly string[]>>> = {
  voice: ['comment_sentiment', 'comment_topics', 'customer_voice'],
  profile: ['customer_profiles'],
  segment: ['customer_segments', 'segment_summary', 'segment_clustering', 'segment_clusters', 'segment_personas', 'segment_crosstabs',
    'segment_migration', 'segment_moves_into_risk', 'product_affinity', 'segment_voice', 'voice_warnings'],
  value: ['value_models', 'customer_value', 'acquisition_costs', 'survey_scores', 'segment_profitability'],
  forecast: ['forecast_series', 'forecast_scores', 'forecast_points', 'forecast_track_record'],
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
        for (const table of tables) await client.query(`DELETE FROM ${table} WHERE run_id = $1`, [input.runId]);
        if (input.absentEntities.length > 0) {
          for (const table of ['quarantine', 'dq_summary']) await client.query(`DELETE FROM ${table} WHERE run_id = $1 AND entity = ANY($2)`, [input.runId, input.absentEntities]);
        }
      });
      return { tablesCleared: tables.length };
    },
  };
}
