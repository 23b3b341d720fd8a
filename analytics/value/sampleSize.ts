/** Survey scores from fewer responses than this are flagged `smallSample` (a common rule of thumb for NPS/CSAT reporting). */
export const DEFAULT_MIN_SAMPLE = 30;

export interface SampleOptions {
  /** Responses below this count are flagged `smallSample`; default DEFAULT_MIN_SAMPLE. */
  minSample?: number;
}

/** Checks every score is an integer in [low, high]; the error names `caller` and the index. */
export function assertScores(caller: string, scores: readonly number[], low: number, high: number): void {
  scores.forEach((s, i) => {
    if (!(Number.isInteger(s) && s >= low && s <= high)) throw new RangeError(`${caller}: score ${i} must be an integer from ${low} to ${high}, got ${s}`);
  });
}
