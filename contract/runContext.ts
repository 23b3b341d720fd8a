/**
 * The run context: what every activity of a run needs to know about the run, resolved once when
 * it begins (beginRun, activities/runs.ts) and passed to each activity as it is. Nothing reads a
 * run's settings back from the database or validates a config section again. Small: ids, dates
 * and settings — never data.
 */
import { asOfCutoff } from '../analytics/calendar';
import type { SourceConfig, SourceSpec } from '../config/sources';

/**
 * The latest earlier run (smaller as-of) that succeeded: the one a run compares itself with
 * (KPIs, segment migration, voice topics by segment, the rise of negative comments). A run
 * being (re-)run is not succeeded until it ends.
 */
export interface PreviousRun {
  runId: string;
  asOf: string;
  /** Its config's time zone, and the end of its as-of day there (ISO instant). */
  timeZone: string;
  cutoff: string;
}

/** How a run splits its heavy stages into parts (contract/stages.ts, partCount). */
export interface Chunking {
  /** The most parts a split stage has. */
  parts: number;
  /** The fewest accepted order lines per part: a small run is split into fewer parts, or none. */
  minOrderLinesPerPart: number;
}

export interface RunContext {
  runId: string;
  /** YYYY-MM-DD: the run sees rows dated on or before this day in `timeZone`. */
  asOf: string;
  /** The config's time zone: the run's days, weeks and months are local there. */
  timeZone: string;
  /** The first instant after the as-of day in `timeZone` (ISO): the run sees rows strictly before it. */
  cutoff: string;
  previousRun: PreviousRun | null;
  /** The source config, validated and defaulted (its valuation, voice and forecast sections included). */
  config: SourceConfig;
  /** The worker settings that split its heavy stages; absent in runs begun before stages had parts (they run whole). */
  chunking?: Chunking;
}

/** The context of a run from its validated config and its previous run (found by beginRun). */
export function runContext(run: { runId: string; asOf: string; config: SourceConfig; previousRun: { runId: string; asOf: string; timeZone: string } | null; chunking?: Chunking }): RunContext {
  const { runId, asOf, config, previousRun, chunking } = run;
  return {
    runId,
    asOf,
    timeZone: config.timezone,
    cutoff: asOfCutoff(asOf, config.timezone).toISOString(),
    previousRun: previousRun && { ...previousRun, cutoff: asOfCutoff(previousRun.asOf, previousRun.timeZone).toISOString() },
    config,
    ...(chunking ? { chunking } : {}),
  };
}

/**
 * Where extract stops reading a source: the end of the as-of day in the source's own time zone
 * when it declares one (its naive timestamps are local there), else the run's cutoff.
 */
export function sourceCutoff(context: RunContext, source: SourceSpec): string {
  return source.timezone ? asOfCutoff(context.asOf, source.timezone).toISOString() : context.cutoff;
}
