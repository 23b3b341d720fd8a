/**
 * The refresh workflow's contract with its clients: what starts a run, the progress it reports
 * and what it returns. A run is identified by its as-of date.
 */
import type { SourceConfig } from '../config/sources';
import type {
  CleanResult, ExtractResult, ForecastStageResult, ProfileResult, PublishResult, SegmentInsightsResult, SegmentResult, ValueResult, VoiceResult,
} from './results';
import type { StageName } from './stages';

export interface RefreshInput {
  /** The run sees data dated on or before this day (YYYY-MM-DD, in the config's time zone). */
  asOf: string;
  /** Validated (config/sources.ts); beginRun validates it again, since a schedule may carry a config an older version wrote. */
  sourceConfig: SourceConfig;
  /** Re-extract every source whole, ignoring watermarks and stored file extractions (`refresh --full`). */
  full?: boolean;
}

export interface StageProgress {
  name: StageName;
  status: 'pending' | 'running' | 'done' | 'failed' | 'cancelled';
  /** Activity calls in the stage (one per source, per entity, …; 0 when skipped) and how many are done. */
  total: number;
  done: number;
}

export interface RefreshProgress {
  runId: string;
  asOf: string;
  status: 'running' | 'succeeded' | 'failed';
  stages: StageProgress[];
}

export interface RefreshResult {
  runId: string;
  asOf: string;
  extracted: ExtractResult[];
  cleaned: CleanResult[];
  /** Null when the run has no survey, review or engagement source (the stage is skipped). */
  voiced: VoiceResult | null;
  /** Null when the run has no order lines (the stage is skipped). */
  profiled: ProfileResult | null;
  segmented: SegmentResult | null;
  segmentInsights: SegmentInsightsResult | null;
  valued: ValueResult | null;
  forecasted: ForecastStageResult | null;
  published: PublishResult;
}

/** The business key of a run: one run per as-of date (re-running replaces its results). */
export function runIdFor(asOf: string): string {
  return `run-${asOf}`;
}

/** The workflow id of a period's refresh: manual runs, scheduled runs and backfills share it, so one period never runs twice at once. */
export function refreshWorkflowId(asOf: string): string {
  return `refresh-${asOf}`;
}
