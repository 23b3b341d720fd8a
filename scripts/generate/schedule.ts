/**
 * When every order happens: each customer's first purchase, then repeat purchases as an
 * inhomogeneous Poisson process (time-changed through the behaviour's cumulative
 * intensity, so seasonality shapes them) until dropout or churn. Purchases in the history
 * before the window are simulated (they decide who is still alive) but not kept. Orders
 * come back sorted by time in compact typed arrays — no per-order objects.
 */
import { CHANNELS } from '../../config/canonical';
import { BEHAVIOURS } from './behaviours';
import { SECONDS_PER_DAY } from '../../analytics/calendar';
import { cumulativeAt, positionOf, type Calendar } from './calendar';
import { drawChannel, drawSecondOfDay } from './channels';
import type { Population } from './population';
import { Random } from '../../analytics/random';

export interface Schedule {
  /** Orders inside the window. */
  size: number;
  /** Local seconds of each order, ascending. */
  at: Float64Array;
  /** Customer index of each order. */
  customer: Uint32Array;
  /** Index into CHANNELS of each order. */
  channel: Uint8Array;
  /** Per customer: local seconds of the first order ever (before the window for existing customers). */
  firstAt: Float64Array;
  /** Per customer: index into CHANNELS of the first order (the acquisition channel). */
  firstChannel: Uint8Array;
  /** Per customer: 1 when still buying at the end of the window (neither dropped out nor churned). */
  alive: Uint8Array;
}

/** Double submits closer than this are near-duplicates for the cleaning (the generated source config's setting). */
export const NEAR_DUPLICATE_WINDOW_MINUTES = 10;

/** Longer than the near-duplicate window: two genuine orders of a customer are never taken for a double submit. */
const GENUINE_ORDER_GAP_SECONDS = (NEAR_DUPLICATE_WINDOW_MINUTES + 5) * 60;

/** Every customer's orders for a calibrated rate `scale`. */
export function buildSchedule(seed: number, pop: Population, calendar: Calendar, intensities: Float64Array[], scale: number): Schedule {
  const rng = Random.stream(seed, 'schedule');
  const at: number[] = [];
  const customer: number[] = [];
  const channel: number[] = [];
  const firstAt = new Float64Array(pop.size);
  const firstChannel = new Uint8Array(pop.size);
  const alive = new Uint8Array(pop.size);
  // The customer's order times so far: a genuine order never falls within the cleaning's
  // double-submit window of another (festival hunters place several orders on Double 11 day).
  let placed: number[] = [];
  const place = (i: number, position: number, first: boolean) => {
    const day = Math.min(calendar.days - 1, Math.floor(position));
    const festival = calendar.festival[day];
    const c = drawChannel(rng, BEHAVIOURS[pop.behaviour[i]], festival);
    let second = (calendar.firstDay + day) * SECONDS_PER_DAY + drawSecondOfDay(rng, CHANNELS[c], festival);
    while (placed.some((t) => Math.abs(t - second) <= GENUINE_ORDER_GAP_SECONDS)) second += GENUINE_ORDER_GAP_SECONDS + 1;
    placed.push(second);
    if (first) {
      firstAt[i] = second;
      firstChannel[i] = c;
    }
    if (day < calendar.windowStart) return;
    at.push(second);
    customer.push(i);
    channel.push(c);
  };
  for (let i = 0; i < pop.size; i++) {
    const behaviour = BEHAVIOURS[pop.behaviour[i]];
    placed = [];
    place(i, pop.acquiredAt[i], true);
    const rate = scale * pop.rate[i];
    if (rate <= 0) continue;
    const cum = intensities[pop.behaviour[i]];
    const limit = cumulativeAt(cum, pop.activeUntil[i]);
    let exposure = cumulativeAt(cum, pop.acquiredAt[i]);
    for (;;) {
      exposure += rng.exponential(rate);
      if (exposure >= limit) {
        alive[i] = pop.activeUntil[i] >= calendar.days ? 1 : 0;
        break;
      }
      place(i, positionOf(cum, exposure), false);
      if (rng.chance(behaviour.dropout)) break;
    }
  }
  const order = timeOrder(at, calendar.firstDay * SECONDS_PER_DAY);
  return {
    size: order.length,
    at: Float64Array.from(order, (k) => at[k]),
    customer: Uint32Array.from(order, (k) => customer[k]),
    channel: Uint8Array.from(order, (k) => channel[k]),
    firstAt,
    firstChannel,
    alive,
  };
}

/**
 * A planted forecast risk (SPEC §6 风险预警): in the window's last weeks the web channel
 * loses half of its repeat orders — a channel whose revenue drops, which the forecast
 * stage's risk warnings should report.
 */
export const PLANTED_CHANNEL_DROP = { channel: 'web', lastDays: 42, share: 0.5 } as const;

/**
 * The orders the planted drop removes (1 = not placed), decided after the schedule is built
 * and from a stream of its own: the schedule and every draw made from it stay as they were
 * without the drop. writeOrders still draws a dropped order's basket, fault, returns and
 * survey answer, so no later draw moves, but writes none of its order rows; the customer's
 * survey answer, reviews and engagement stay as drawn.
 */
export function plantChannelDrop(seed: number, schedule: Schedule, calendar: Calendar): Uint8Array {
  const rng = Random.stream(seed, 'planted-channel-drop');
  const web = CHANNELS.indexOf(PLANTED_CHANNEL_DROP.channel);
  const from = calendar.firstDay + calendar.days - PLANTED_CHANNEL_DROP.lastDays;
  const dropped = new Uint8Array(schedule.size);
  for (let k = 0; k < schedule.size; k++) {
    const repeat = schedule.at[k] !== schedule.firstAt[schedule.customer[k]];
    if (repeat && schedule.channel[k] === web && Math.floor(schedule.at[k] / SECONDS_PER_DAY) >= from && rng.chance(PLANTED_CHANNEL_DROP.share)) dropped[k] = 1;
  }
  return dropped;
}

/**
 * Indices of `at` sorted by time, ties by index. Each (time, index) pair is packed into one
 * exactly representable double — (at − origin) · 2^k + index — so a plain numeric sort of
 * a Float64Array does the work; a comparator sort remains for sizes that do not fit.
 */
function timeOrder(at: readonly number[], origin: number): Uint32Array {
  const n = at.length;
  const shift = 2 ** Math.ceil(Math.log2(n + 1));
  const span = at.reduce((max, t) => Math.max(max, t - origin), 0);
  if ((span + 1) * shift > Number.MAX_SAFE_INTEGER) {
    return Uint32Array.from({ length: n }, (_, k) => k).sort((a, b) => at[a] - at[b] || a - b);
  }
  const keys = new Float64Array(n);
  for (let k = 0; k < n; k++) keys[k] = (at[k] - origin) * shift + k;
  keys.sort();
  return Uint32Array.from(keys, (key) => key % shift);
}
