/**
 * Seeded data with planted structure, the known answers for the segmentation tests and the
 * load for the benchmark: Gaussian blobs around given centres, and order lines from planted
 * customer archetypes (clusters should recover the archetypes).
 *
 * Order lines: each customer draws an archetype, then a tenure and a recency (uniform in the archetype's
 * ranges), a number of orders (1 + Poisson(meanOrders − 1)) spread uniformly between the first
 * and last order, 1–`maxLinesPerOrder` lines per order with log-normal amounts around the
 * archetype's line value, and channel/category from the archetype's preferences.
 */
import { MS_PER_DAY } from '../calendar';
import type { OrderRow } from '../profile/features';
import { type Uniform, mulberry32, normalVariate, randomInt } from '../random';

export interface Archetype {
  name: string;
  weight: number;
  tenureDays: [number, number];
  recencyDays: [number, number];
  meanOrders: number;
  lineValue: number;
  channels: readonly string[];
  categories: readonly string[];
}

/** Four well-separated archetypes: frequent big spenders, bargain regulars, newcomers, lapsed. */
export const DEFAULT_ARCHETYPES: readonly Archetype[] = [
  { name: 'vip', weight: 0.15, tenureDays: [500, 720], recencyDays: [0, 20], meanOrders: 16, lineValue: 400, channels: ['app', 'store'], categories: ['beauty', 'fashion', 'electronics'] },
  { name: 'regular', weight: 0.3, tenureDays: [300, 600], recencyDays: [10, 60], meanOrders: 6, lineValue: 40, channels: ['mini_program', 'app'], categories: ['grocery', 'household'] },
  { name: 'newcomer', weight: 0.25, tenureDays: [0, 45], recencyDays: [0, 45], meanOrders: 1.3, lineValue: 120, channels: ['web', 'mini_program'], categories: ['fashion', 'grocery'] },
  { name: 'lapsed', weight: 0.3, tenureDays: [500, 720], recencyDays: [300, 480], meanOrders: 2.5, lineValue: 90, channels: ['store', 'web'], categories: ['household', 'electronics'] },
];

export interface SimulationOptions {
  customers: number;
  asOf: Date;
  seed?: number;
  archetypes?: readonly Archetype[];
  maxLinesPerOrder?: number;
}

export interface SimulatedOrders {
  orders: OrderRow[];
  /** Index into the archetypes, per customer in id order (customer `c000001` is index 0). */
  archetypeOf: Int32Array;
  customerIds: string[];
}

function poisson(uniform: Uniform, mean: number): number {
  if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * normalVariate(uniform)));
  const limit = Math.exp(-mean); // Knuth's multiplication method
  let k = 0;
  for (let p = uniform(); p > limit; p *= uniform()) k++;
  return k;
}

const between = (uniform: Uniform, [lo, hi]: [number, number]) => lo + (hi - lo) * uniform();
const oneOf = <T>(uniform: Uniform, items: readonly T[]): T => items[randomInt(uniform, items.length)];

function drawArchetype(uniform: Uniform, archetypes: readonly Archetype[], totalWeight: number): number {
  let u = uniform() * totalWeight;
  for (let a = 0; a < archetypes.length; a++) if ((u -= archetypes[a].weight) < 0) return a;
  return archetypes.length - 1;
}

/** @throws RangeError for a non-positive customer count. */
export function simulateOrders(options: SimulationOptions): SimulatedOrders {
  const { customers, asOf, seed = 1, archetypes = DEFAULT_ARCHETYPES, maxLinesPerOrder = 3 } = options;
  if (!(Number.isInteger(customers) && customers > 0)) throw new RangeError(`simulateOrders: customers must be a positive integer, got ${customers}`);
  const uniform = mulberry32(seed);
  const totalWeight = archetypes.reduce((s, a) => s + a.weight, 0);
  const orders: OrderRow[] = [];
  const archetypeOf = new Int32Array(customers);
  const customerIds: string[] = [];
  let orderNumber = 0;
  for (let c = 0; c < customers; c++) {
    const a = drawArchetype(uniform, archetypes, totalWeight);
    const type = archetypes[a];
    const customerId = `c${String(c + 1).padStart(6, '0')}`;
    archetypeOf[c] = a;
    customerIds.push(customerId);
    const recency = between(uniform, type.recencyDays);
    const tenure = Math.max(recency, between(uniform, type.tenureDays));
    const count = 1 + poisson(uniform, type.meanOrders - 1);
    for (let o = 0; o < count; o++) {
      const age = count === 1 ? recency : o === 0 ? tenure : o === count - 1 ? recency : between(uniform, [recency, tenure]);
      // Between 08:00 and 22:00 UTC on the day `age` whole days before the day before asOf.
      const orderedAt = new Date(asOf.getTime() - (Math.floor(age) + 1) * MS_PER_DAY + (8 * 3600 + randomInt(uniform, 14 * 3600)) * 1000);
      const orderId = `o${++orderNumber}`;
      const channel = oneOf(uniform, type.channels);
      const lines = 1 + randomInt(uniform, maxLinesPerOrder);
      for (let l = 0; l < lines; l++) {
        const amount = Math.round(type.lineValue * Math.exp(0.4 * normalVariate(uniform) - 0.08) * 100) / 100;
        orders.push({ customerId, orderedAt, amount, orderId, channel, category: oneOf(uniform, type.categories) });
      }
    }
  }
  return { orders, archetypeOf, customerIds };
}

/**
 * `perCluster` rows around each centre with independent N(0, sd²) noise per coordinate, in
 * cluster order; `labels` holds the planted cluster of each row.
 */
export function plantedBlobs(centres: readonly (readonly number[])[], perCluster: number, sd: number, seed = 1): { rows: number[][]; labels: number[] } {
  const uniform = mulberry32(seed);
  const rows: number[][] = [];
  const labels: number[] = [];
  centres.forEach((centre, c) => {
    for (let i = 0; i < perCluster; i++) {
      rows.push(centre.map((x) => x + sd * normalVariate(uniform)));
      labels.push(c);
    }
  });
  return { rows, labels };
}
