/**
 * Turns dated observations of one series into a regular series: sorted, one value per
 * period, missing periods filled explicitly and listed (FIELD-NOTES: "missing periods
 * filled explicitly and reported"). Filling is linear interpolation between the
 * neighbouring observed values, or zero when asked (e.g. "no orders that week").
 */
import { formatPeriod, type Period, type PeriodKind } from '../calendar';

export interface Observation {
  period: Period;
  value: number;
  /** Where it came from (e.g. a CSV line), for error messages. */
  source: string;
}

export type GapFill = 'interpolate' | 'zero';

export interface RegularSeries {
  kind: PeriodKind;
  /** Ordinal of the first period and the step between periods (days for dates, else 1). */
  start: number;
  step: number;
  values: number[];
  /** Labels of the periods that were missing and filled. */
  filled: string[];
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/**
 * @throws when periods mix notations or repeat, naming the observations at fault.
 * @example regularSeries([Jan 10, Mar 30]).values // [10, 20, 30], filled ['2024-02']
 */
export function regularSeries(observations: readonly Observation[], fill: GapFill = 'interpolate'): RegularSeries {
  if (observations.length === 0) throw new Error('regularSeries: no observations');
  const kind = observations[0].period.kind;
  const mixed = observations.find((o) => o.period.kind !== kind);
  if (mixed) {
    throw new Error(`${mixed.source}: period '${formatPeriod(mixed.period)}' is a ${mixed.period.kind}, but the series started with ${kind}s`);
  }
  const sorted = [...observations].sort((a, b) => a.period.ordinal - b.period.ordinal);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].period.ordinal === sorted[i - 1].period.ordinal) {
      throw new Error(`${sorted[i].source}: period '${formatPeriod(sorted[i].period)}' repeats ${sorted[i - 1].source}`);
    }
  }
  const start = sorted[0].period.ordinal;
  // Dates may step by several days (weekly series labelled by a fixed weekday).
  const step =
    kind === 'day' ? sorted.slice(1).reduce((g, o, i) => gcd(g, o.period.ordinal - sorted[i].period.ordinal), 0) || 1 : 1;
  const length = (sorted[sorted.length - 1].period.ordinal - start) / step + 1;
  const values = new Array<number>(length).fill(Number.NaN);
  for (const o of sorted) values[(o.period.ordinal - start) / step] = o.value;
  const filled: string[] = [];
  let previous = 0;
  for (let i = 1; i < length; i++) {
    if (!Number.isNaN(values[i])) {
      for (let j = previous + 1; j < i; j++) {
        values[j] = fill === 'zero' ? 0 : values[previous] + ((values[i] - values[previous]) * (j - previous)) / (i - previous);
        filled.push(formatPeriod({ kind, ordinal: start + j * step }));
      }
      previous = i;
    }
  }
  return { kind, start, step, values, filled };
}

/** The period `k` steps after the start of a regular series (k = n gives the first future one). */
export function periodAt(series: Pick<RegularSeries, 'kind' | 'start' | 'step'>, k: number): Period {
  return { kind: series.kind, ordinal: series.start + k * series.step };
}

/** Usual season length of a notation: 12 months, 52 weeks, 7 days (52 for weekly dates). */
export function defaultSeason(kind: PeriodKind, stepDays = 1): number {
  if (kind === 'month') return 12;
  if (kind === 'week') return 52;
  return stepDays === 7 ? 52 : stepDays === 1 ? 7 : 1;
}
