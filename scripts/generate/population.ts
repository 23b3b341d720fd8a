/**
 * The customers' latent state, one typed-array slot per customer: behaviour, voice, home
 * city, purchase rate, first purchase and end of activity. Also the calibration that scales
 * every purchase rate so the expected number of order lines matches the requested size.
 */
import { CITIES } from '../../analytics/cleaning/cities';
import { BEHAVIOURS, VOICES, meanBasket } from './behaviours';
import { cumulativeAt, cumulativeIntensity, positionOf, type Calendar } from './calendar';
import { Random } from '../../analytics/random';

export interface Population {
  size: number;
  /** Index into BEHAVIOURS. */
  behaviour: Uint8Array;
  /** Index into VOICES. */
  voice: Uint8Array;
  /** Index into CITIES. */
  city: Uint8Array;
  /** Repeat purchases per day while alive, before calibration scaling. */
  rate: Float64Array;
  /** Fractional day index of the first purchase (before `calendar.windowStart` for existing customers). */
  acquiredAt: Float64Array;
  /** Fractional day index after which the customer never buys again (lifetime or window end). */
  activeUntil: Float64Array;
}

/** The customer id of a customer index: C00000001, C00000002, … */
export function customerId(index: number): string {
  return `C${String(index + 1).padStart(8, '0')}`;
}

/** Cumulative purchase intensity per behaviour (index into BEHAVIOURS), see cumulativeIntensity. */
export function behaviourIntensities(calendar: Calendar): Float64Array[] {
  return BEHAVIOURS.map((b) => cumulativeIntensity(calendar, b.festivalAffinity));
}

/** Days of history needed before a window of `windowDays` for the behaviours that start early. */
export function historyDaysFor(windowDays: number): number {
  return Math.ceil(Math.max(0, ...BEHAVIOURS.map((b) => -b.acquisition[0])) * windowDays);
}

/** New customers arrive more often as the business grows (+50 % over history and window) and at festivals. */
function acquisitionCumulative(calendar: Calendar): Float64Array {
  const cum = new Float64Array(calendar.days + 1);
  for (let i = 0; i < calendar.days; i++) {
    const growth = 1 + (0.5 * i) / calendar.days;
    cum[i + 1] = cum[i] + growth * calendar.base[i] * Math.pow(calendar.festival[i], 1.5);
  }
  return cum;
}

const BASKETS = BEHAVIOURS.map(meanBasket);
const CITIES_BY_TIER: readonly number[][] = [1, 2, 3, 4, 5].map((tier) => CITIES.flatMap((c, i) => (c.tier === tier ? [i] : [])));

/** Draws `size` customers from BEHAVIOURS for the seed. */
export function drawPopulation(seed: number, size: number, calendar: Calendar): Population {
  const rng = Random.stream(seed, 'population');
  const acquisition = acquisitionCumulative(calendar);
  const windowDays = calendar.days - calendar.windowStart;
  const pop: Population = {
    size,
    behaviour: new Uint8Array(size),
    voice: new Uint8Array(size),
    city: new Uint8Array(size),
    rate: new Float64Array(size),
    acquiredAt: new Float64Array(size),
    activeUntil: new Float64Array(size),
  };
  const shares = BEHAVIOURS.map((b) => b.share);
  for (let i = 0; i < size; i++) {
    const b = rng.categorical(shares);
    const behaviour = BEHAVIOURS[b];
    pop.behaviour[i] = b;
    pop.voice[i] = rng.categorical(VOICES.map((v) => behaviour.voice[v]));
    const tierCities = CITIES_BY_TIER[rng.categorical(behaviour.tiers)];
    pop.city[i] = tierCities[rng.int(tierCities.length)];
    pop.rate[i] = behaviour.ordersPerYear > 0 ? rng.gamma(behaviour.rateShape, behaviour.ordersPerYear / behaviour.rateShape) / 365 : 0;
    const [from, to] = behaviour.acquisition.map((f) => cumulativeAt(acquisition, calendar.windowStart + f * windowDays));
    pop.acquiredAt[i] = Math.min(positionOf(acquisition, from + (to - from) * rng.next()), calendar.days - 1e-6);
    const lifetime = behaviour.lifetimeDays ? behaviour.lifetimeDays[0] + rng.next() * (behaviour.lifetimeDays[1] - behaviour.lifetimeDays[0]) : Infinity;
    pop.activeUntil[i] = Math.min(calendar.days, pop.acquiredAt[i] + lifetime);
  }
  return pop;
}

/** Unscaled operational exposure λ · ΔM per customer, before the window and inside it. */
export interface Exposure {
  before: Float64Array;
  inside: Float64Array;
  /** 1 when the first purchase falls inside the window. */
  firstInside: Uint8Array;
}

/** The exposures of every customer, M being the behaviour's cumulative intensity. */
export function exposures(pop: Population, calendar: Calendar, intensities: Float64Array[]): Exposure {
  const out: Exposure = { before: new Float64Array(pop.size), inside: new Float64Array(pop.size), firstInside: new Uint8Array(pop.size) };
  for (let i = 0; i < pop.size; i++) {
    const cum = intensities[pop.behaviour[i]];
    const from = pop.acquiredAt[i];
    const until = pop.activeUntil[i];
    const split = Math.min(until, Math.max(from, calendar.windowStart));
    out.before[i] = pop.rate[i] * (cumulativeAt(cum, split) - cumulativeAt(cum, from));
    out.inside[i] = pop.rate[i] * (cumulativeAt(cum, until) - cumulativeAt(cum, split));
    out.firstInside[i] = from >= calendar.windowStart ? 1 : 0;
  }
  return out;
}

/**
 * Expected order lines inside the window when every rate is multiplied by `scale`. With
 * per-purchase dropout p and operational exposures Λ₀ before and Λ₁ inside the window, a
 * customer survives the history with probability e^(−pΛ₀) and then makes
 * (1 − e^(−pΛ₁)) / p repeat purchases on average (BG/NBD individual level, Fader, Hardie
 * & Lee 2005, eq. 7, with t in operational time).
 */
function expectedLines(pop: Population, exposure: Exposure, scale: number): number {
  let lines = 0;
  for (let i = 0; i < pop.size; i++) {
    const p = BEHAVIOURS[pop.behaviour[i]].dropout;
    const inside = scale * exposure.inside[i];
    const repeats = inside === 0 ? 0 : (Math.exp(-p * scale * exposure.before[i]) * (1 - Math.exp(-p * inside))) / p;
    lines += BASKETS[pop.behaviour[i]] * (exposure.firstInside[i] + repeats);
  }
  return lines;
}

/** Largest rate scale tried; beyond it dropout caps purchases anyway. */
const MAX_SCALE = 1_000;

/**
 * The rate scale whose expected line count matches `targetLines` (bisection; the count is
 * increasing in the scale). 0 when even first purchases exceed the target.
 */
export function calibrateRateScale(pop: Population, exposure: Exposure, targetLines: number): number {
  if (expectedLines(pop, exposure, 0) >= targetLines) return 0;
  let lo = 0;
  let hi = 1;
  while (hi < MAX_SCALE && expectedLines(pop, exposure, hi) < targetLines) {
    lo = hi;
    hi *= 2;
  }
  for (let iteration = 0; iteration < 50; iteration++) {
    const mid = (lo + hi) / 2;
    if (expectedLines(pop, exposure, mid) < targetLines) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
