/**
 * Where and when orders are placed: the channel of an order (stores lose share on online
 * festival days) and its time of day (stores keep opening hours, the app peaks late in the
 * evening, the web in office hours, and big festivals start with a midnight rush).
 */
import { CHANNELS, type Channel } from '../../config/canonical';
import type { Behaviour } from './behaviours';
import type { Random } from '../../analytics/random';

/** Relative orders per hour 0–23. */
const HOURS: Readonly<Record<Channel, readonly number[]>> = {
  store: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0.3, 1, 1, 0.9, 0.9, 0.9, 0.9, 0.9, 1, 1.2, 1.2, 1.2, 0.5, 0.05, 0],
  app: [0.4, 0.25, 0.05, 0.05, 0.05, 0.05, 0.1, 0.4, 0.4, 0.6, 0.6, 0.6, 0.9, 0.9, 0.6, 0.6, 0.6, 0.6, 0.7, 1, 1, 1.5, 1.5, 0.9],
  web: [0.2, 0.1, 0.05, 0.05, 0.05, 0.05, 0.1, 0.3, 0.6, 1, 1, 1, 0.8, 1, 1, 1, 1, 0.9, 0.7, 0.6, 0.6, 0.6, 0.5, 0.3],
  mini_program: [0.3, 0.15, 0.05, 0.05, 0.05, 0.05, 0.1, 0.5, 0.6, 0.6, 0.7, 0.9, 1.4, 1.2, 0.6, 0.6, 0.6, 0.6, 0.8, 1, 1.1, 1.2, 1, 0.6],
};

/** Midnight weight multiplier for online channels on a big festival day (双十一 零点抢购). */
const MIDNIGHT_RUSH = 12;
/** Festival multiplier from which stores lose share to online channels, and what they keep. */
const ONLINE_FESTIVAL = 2;
const STORE_FESTIVAL_SHARE = 0.3;
/** Festival multiplier from which the day opens with a midnight rush (618, 双十一). */
const RUSH_FESTIVAL = 3;

const STORE = CHANNELS.indexOf('store');

/** Channel weights of a behaviour on ordinary days and on online festival days, in CHANNELS order. */
const channelWeights = new Map<Behaviour, { ordinary: number[]; festival: number[] }>();

/** Index into CHANNELS of an order's channel. */
export function drawChannel(rng: Random, behaviour: Behaviour, festival: number): number {
  let weights = channelWeights.get(behaviour);
  if (!weights) {
    const ordinary = CHANNELS.map((c) => behaviour.channels[c]);
    weights = { ordinary, festival: ordinary.map((w, i) => (i === STORE ? w * STORE_FESTIVAL_SHARE : w)) };
    channelWeights.set(behaviour, weights);
  }
  return rng.categorical(festival >= ONLINE_FESTIVAL ? weights.festival : weights.ordinary);
}

function withMidnightRush(hours: readonly number[]): number[] {
  return hours.map((w, h) => (h === 0 ? w * MIDNIGHT_RUSH : w));
}

/** Stores open at nine, so only online channels have the rush. */
const RUSH_HOURS: Readonly<Record<Channel, readonly number[]>> = {
  store: HOURS.store,
  app: withMidnightRush(HOURS.app),
  web: withMidnightRush(HOURS.web),
  mini_program: withMidnightRush(HOURS.mini_program),
};

/** Seconds after local midnight of an order on `channel` on a day with the given festival multiplier. */
export function drawSecondOfDay(rng: Random, channel: Channel, festival: number): number {
  const hour = rng.categorical((festival >= RUSH_FESTIVAL ? RUSH_HOURS : HOURS)[channel]);
  return hour * 3_600 + rng.int(3_600);
}
