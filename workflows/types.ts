/**
 * Types shared by workflows, activities and clients. Everything here travels through
 * Temporal, so it is small: ids, dates, counts and timings — never datasets.
 */
import type { EntityName } from '../config/canonical';
import type { SourceConfig } from '../config/sources';

export interface RefreshInput {
  /** The run sees data dated on or before this day (YYYY-MM-DD, in the config's time zone). */
  asOf: string;
  sourceConfig: SourceConfig;
}

export const STAGES = ['extract', 'clean', 'profile', 'segment'] as const;
export type StageName = (typeof STAGES)[number];

export interface StageProgress {
  name: StageName;
  status: 'pending' | 'running' | 'done' | 'failed';
  /** Units of work in the stage (sources, entities, or 1 for profile / segment; 0 when skipped) and how many are done. */
  total: number;
  done: number;
}

export interface RefreshProgress {
  runId: string;
  asOf: string;
  status: 'running' | 'succeeded' | 'failed';
  stages: StageProgress[];
}

export interface ExtractResult {
  source: string;
  entity: EntityName;
  /** Staging table holding the rows (claim check). */
  table: string;
  read: number;
  /** Rows dated after the run's as-of date: not read into the run. */
  afterAsOf: number;
  ms: number;
}

export interface CleanResult {
  entity: EntityName;
  table: string;
  read: number;
  accepted: number;
  quarantined: number;
  ms: number;
}

export interface ProfileResult {
  /** Customers profiled (rows in customer_profiles for the run). */
  customers: number;
  ms: number;
}

export interface SegmentResult {
  /** Customers segmented (rows in customer_segments for the run). */
  customers: number;
  /** Chosen number of clusters; 1 when clustering was skipped, 0 with no customers. */
  k: number;
  /** Mean silhouette of the chosen k; null when clustering was skipped. */
  silhouette: number | null;
  /** True when there were too few customers to cluster (everyone in cluster 0). */
  clusteringSkipped: boolean;
  seed: number;
  ms: number;
}

export interface RefreshResult {
  runId: string;
  asOf: string;
  extracted: ExtractResult[];
  cleaned: CleanResult[];
  /** Null when the run has no order lines (the stage is skipped). */
  profiled: ProfileResult | null;
  segmented: SegmentResult | null;
}

/** The business key of a run: one run per as-of date (re-running replaces its results). */
export function runIdFor(asOf: string): string {
  return `run-${asOf}`;
}

/** The workflow id of a period's refresh: manual runs, scheduled runs and backfills share it, so one period never runs twice at once. */
export function refreshWorkflowId(asOf: string): string {
  return `refresh-${asOf}`;
}
