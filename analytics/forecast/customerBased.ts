/**
 * Customer-based aggregate forecast (SPEC §6): revenue per future period = Σ over segments
 * of expected purchases × expected spend per purchase. The inputs come from elsewhere —
 * typically summed BG/NBD conditional expected purchases per period and the Gamma-Gamma
 * expected spend (Fader, Hardie & Lee 2005) — and are taken as given, so this stays a thin
 * pure function with no dependency on the CLV code.
 *
 * Intervals treat each segment's purchase count in a period as Poisson with the expected
 * value λ and spends as independent with mean μ and sd σ: revenue is then compound Poisson
 * with variance λ(μ² + σ²), summed over independent segments, and a normal approximation
 * truncated at 0. Parameter uncertainty of the upstream models is not included.
 */
import { assertForecastInput, ForecastResult, normalIntervals } from './result';

/** The model's name, and the candidate name of its backtest scores (stored beside the time-series candidates', never chosen). */
export const CUSTOMER_BASED_CANDIDATE = 'customer-based';

type PerStep = number | readonly number[] | ((step: number) => number);

export interface SegmentOutlook {
  segment: string;
  /** Expected purchases by the whole segment in future period `step` (1-based). */
  expectedPurchases: Exclude<PerStep, number>;
  /** Expected spend per purchase, constant or per step. */
  expectedSpend: PerStep;
  /** Standard deviation of spend per purchase (default 0). */
  spendSd?: number;
}

function valueAt(input: PerStep, step: number, what: string, segment: string): number {
  const v = typeof input === 'number' ? input : typeof input === 'function' ? input(step) : input[step - 1];
  if (v === undefined || !Number.isFinite(v) || v < 0) {
    throw new Error(`customerBasedForecast: ${what} of segment '${segment}' at step ${step} is ${v}; expected a number ≥ 0`);
  }
  return v;
}

/**
 * @example customerBasedForecast([{ segment: 'a', expectedPurchases: [10, 20], expectedSpend: 5 }], 2).mean // [50, 100]
 */
export function customerBasedForecast(segments: readonly SegmentOutlook[], h: number): ForecastResult {
  assertForecastInput('customerBasedForecast', [0], h);
  if (segments.length === 0) throw new Error('customerBasedForecast: no segments');
  const mean = new Array<number>(h).fill(0);
  const variance = new Array<number>(h).fill(0);
  for (const s of segments) {
    const sd = s.spendSd ?? 0;
    for (let step = 1; step <= h; step++) {
      const lambda = valueAt(s.expectedPurchases, step, 'expected purchases', s.segment);
      const spend = valueAt(s.expectedSpend, step, 'expected spend', s.segment);
      mean[step - 1] += lambda * spend;
      variance[step - 1] += lambda * (spend * spend + sd * sd);
    }
  }
  const bounds = normalIntervals(mean, variance.map(Math.sqrt));
  return {
    model: CUSTOMER_BASED_CANDIDATE,
    mean,
    lo80: bounds.lo80.map((v) => Math.max(0, v)),
    hi80: bounds.hi80,
    lo95: bounds.lo95.map((v) => Math.max(0, v)),
    hi95: bounds.hi95,
    fitted: [],
    params: { segments: segments.length },
  };
}
