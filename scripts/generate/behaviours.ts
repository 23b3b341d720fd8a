/**
 * The latent customer behaviours the sample is drawn from. Each is a distinct way of
 * buying — rate, spend, channel and category mix, demographics, voice — so the segments
 * the pipeline finds can be checked against the truth recorded in the manifest.
 *
 * Purchases follow a BG/NBD-like process (Fader, Hardie & Lee 2005): while alive a customer
 * buys at rate λ ~ Gamma(rateShape, ordersPerYear / rateShape) per year, and after each
 * repeat purchase drops out with probability `dropout`; `lifetimeDays` adds a hard churn.
 */
import type { Channel } from '../../config/canonical';

export const BEHAVIOUR_NAMES = ['vip', 'festival_hunter', 'one_time', 'store_regular', 'young_app', 'lapsed', 'newcomer'] as const;
export type BehaviourName = (typeof BEHAVIOUR_NAMES)[number];

/** How a customer answers surveys: promoters praise, detractors complain, the silent never answer. */
export const VOICES = ['promoter', 'passive', 'detractor', 'silent'] as const;
export type Voice = (typeof VOICES)[number];

export interface Behaviour {
  name: BehaviourName;
  zh: string;
  /** Share of customers. */
  share: number;
  /** Mean repeat purchases per year while alive, before the size calibration scales all rates. */
  ordersPerYear: number;
  rateShape: number;
  /** Probability of dropping out after each repeat purchase. */
  dropout: number;
  /** Days after the first purchase when the customer churns for good, drawn uniformly. */
  lifetimeDays?: readonly [number, number];
  /**
   * Where first purchases fall, as fractions of the window's length from its start;
   * negative values reach into the history (customers who were already buying).
   */
  acquisition: readonly [number, number];
  /**
   * Exponent on the festival multiplier: > 1 buys mostly at festivals. Festival hunters use 3.5,
   * which puts about half of their orders in the 618 / Double 11 / Double 12 windows (against
   * about an eighth at 1); at 2.4, their first setting, it was a quarter, and k-means on the demo
   * (k by silhouette or by prediction strength) put them in one cluster with the young app users.
   */
  festivalAffinity: number;
  /** Weights of 1, 2, 3, 4 lines per order. */
  basket: readonly number[];
  /** Price tilt inside a category: > 1 cheap, < 1 premium. */
  priceTilt: number;
  /** Multiplier on a category's extra units per line. */
  bulk: number;
  channels: Readonly<Record<Channel, number>>;
  /** Weights in the order of catalog CATEGORIES (服饰, 美妆, 数码, 食品, 家居, 母婴). */
  categories: readonly number[];
  age: { mean: number; sd: number };
  female: number;
  /** Weights of city tiers 1–5. */
  tiers: readonly number[];
  voice: Readonly<Record<Voice, number>>;
  /** Probability that an order is followed by a survey answer (voiced customers only). */
  surveyRate: number;
  /** Probability that a line is returned. */
  returnRate: number;
}

const SMALL_BASKET = [0.55, 0.25, 0.13, 0.07];

export const BEHAVIOURS: readonly Behaviour[] = [
  {
    name: 'vip', zh: '高价值常客', share: 0.06, ordersPerYear: 16, rateShape: 4, dropout: 0.01, acquisition: [-0.6, 0.5],
    festivalAffinity: 1, basket: [0.35, 0.3, 0.2, 0.15], priceTilt: 0.45, bulk: 1.2,
    channels: { app: 0.45, web: 0.2, store: 0.2, mini_program: 0.15 }, categories: [0.25, 0.3, 0.25, 0.05, 0.1, 0.05],
    age: { mean: 38, sd: 7 }, female: 0.62, tiers: [0.55, 0.3, 0.1, 0.04, 0.01],
    voice: { promoter: 0.6, passive: 0.25, detractor: 0.07, silent: 0.08 }, surveyRate: 0.06, returnRate: 0.05,
  },
  {
    name: 'festival_hunter', zh: '大促囤货族', share: 0.14, ordersPerYear: 5, rateShape: 2, dropout: 0.04, acquisition: [-0.3, 1],
    festivalAffinity: 3.5, basket: [0.45, 0.3, 0.15, 0.1], priceTilt: 2.2, bulk: 1.5,
    channels: { app: 0.5, web: 0.15, store: 0.05, mini_program: 0.3 }, categories: [0.25, 0.1, 0.1, 0.25, 0.2, 0.1],
    age: { mean: 30, sd: 7 }, female: 0.58, tiers: [0.15, 0.3, 0.3, 0.15, 0.1],
    voice: { promoter: 0.25, passive: 0.45, detractor: 0.15, silent: 0.15 }, surveyRate: 0.03, returnRate: 0.06,
  },
  {
    name: 'one_time', zh: '一次性买家', share: 0.24, ordersPerYear: 0, rateShape: 1, dropout: 1, acquisition: [0, 1],
    festivalAffinity: 1.2, basket: [0.7, 0.2, 0.07, 0.03], priceTilt: 1.2, bulk: 1,
    channels: { app: 0.3, web: 0.35, store: 0.15, mini_program: 0.2 }, categories: [1, 1, 1, 1, 1, 1],
    age: { mean: 35, sd: 12 }, female: 0.5, tiers: [0.2, 0.25, 0.25, 0.18, 0.12],
    voice: { promoter: 0.15, passive: 0.35, detractor: 0.2, silent: 0.3 }, surveyRate: 0.1, returnRate: 0.08,
  },
  {
    name: 'store_regular', zh: '门店老主顾', share: 0.14, ordersPerYear: 12, rateShape: 3, dropout: 0.015, acquisition: [-0.6, 0.7],
    festivalAffinity: 0.5, basket: SMALL_BASKET, priceTilt: 1.3, bulk: 1.3,
    channels: { app: 0.04, web: 0.03, store: 0.88, mini_program: 0.05 }, categories: [0.1, 0.05, 0.03, 0.45, 0.2, 0.17],
    age: { mean: 56, sd: 9 }, female: 0.55, tiers: [0.1, 0.3, 0.3, 0.2, 0.1],
    voice: { promoter: 0.45, passive: 0.35, detractor: 0.08, silent: 0.12 }, surveyRate: 0.02, returnRate: 0.02,
  },
  {
    name: 'young_app', zh: '年轻移动端用户', share: 0.15, ordersPerYear: 9, rateShape: 2, dropout: 0.03, acquisition: [-0.2, 1],
    festivalAffinity: 1.3, basket: SMALL_BASKET, priceTilt: 1.6, bulk: 0.8,
    channels: { app: 0.62, web: 0.05, store: 0.03, mini_program: 0.3 }, categories: [0.35, 0.3, 0.2, 0.1, 0.05, 0],
    age: { mean: 23, sd: 3 }, female: 0.55, tiers: [0.4, 0.4, 0.12, 0.06, 0.02],
    voice: { promoter: 0.3, passive: 0.35, detractor: 0.1, silent: 0.25 }, surveyRate: 0.04, returnRate: 0.1,
  },
  {
    name: 'lapsed', zh: '首年后流失', share: 0.15, ordersPerYear: 7, rateShape: 2, dropout: 0.02, lifetimeDays: [250, 420], acquisition: [0, 0.45],
    festivalAffinity: 1, basket: SMALL_BASKET, priceTilt: 1.2, bulk: 1,
    channels: { app: 0.35, web: 0.35, store: 0.1, mini_program: 0.2 }, categories: [0.25, 0.2, 0.15, 0.15, 0.15, 0.1],
    age: { mean: 40, sd: 11 }, female: 0.5, tiers: [0.25, 0.3, 0.25, 0.12, 0.08],
    voice: { promoter: 0.03, passive: 0.17, detractor: 0.55, silent: 0.25 }, surveyRate: 0.12, returnRate: 0.12,
  },
  {
    name: 'newcomer', zh: '近期新客', share: 0.12, ordersPerYear: 10, rateShape: 2, dropout: 0.05, acquisition: [0.91, 1],
    festivalAffinity: 1, basket: SMALL_BASKET, priceTilt: 1.3, bulk: 1,
    channels: { app: 0.45, web: 0.15, store: 0.1, mini_program: 0.3 }, categories: [0.25, 0.2, 0.15, 0.15, 0.1, 0.15],
    age: { mean: 28, sd: 6 }, female: 0.55, tiers: [0.3, 0.35, 0.2, 0.1, 0.05],
    voice: { promoter: 0.4, passive: 0.35, detractor: 0.1, silent: 0.15 }, surveyRate: 0.08, returnRate: 0.06,
  },
];

/** Expected lines per order of a behaviour (baskets hold 1–4 lines). */
export function meanBasket(behaviour: Behaviour): number {
  const total = behaviour.basket.reduce((a, b) => a + b, 0);
  return behaviour.basket.reduce((sum, w, i) => sum + w * (i + 1), 0) / total;
}
