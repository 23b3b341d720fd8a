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

export const STAGES = ['extract', 'clean'] as const;
export type StageName = (typeof STAGES)[number];

export interface StageProgress {
  name: StageName;
  status: 'pending' | 'running' | 'done' | 'failed';
  /** Units of work in the stage (sources or entities) and how many are done. */
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

export interface RefreshResult {
  runId: string;
  asOf: string;
  extracted: ExtractResult[];
  cleaned: CleanResult[];
}

/** The business key of a run: one run per as-of date (re-running replaces its results). */
export function runIdFor(asOf: string): string {
  return `run-${asOf}`;
}
