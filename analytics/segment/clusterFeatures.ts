/**
 * The customer features k-means and the rule tree see, in one table. Money and counts are
 * heavily right-skewed, so k-means clusters log(1 + x) of them (after z-scoring); the rule tree
 * sees the raw values (a tree is unaffected by monotone transforms) so that rules read in days,
 * orders and currency.
 *
 * Monetary is not clustered: log(1 + monetary) ≈ log(1 + frequency) + log(1 + order value), so
 * a third copy would weigh spend twice. Besides recency, frequency, tenure and basket value,
 * how a customer buys separates ways of buying that RFM merges: the channel mix (a store regular
 * and an app regular with the same rhythm), age, the festival lift (festivals.ts: a 大促 stocker
 * against a customer who simply started in late October), the price position within categories
 * and units per line. A feature is used only when the data carry it: the channel shares need a
 * channel column, the age birth years, the price position and units per line the profile
 * stage's line prices and quantities (the `segment` CLI on a bare transactions file has none).
 *
 * On the demo sample (20,000 customers, seven planted behaviours) these features with k chosen by
 * prediction strength give each behaviour a cluster of its own (k = 8, ARI 0.44); with log RFM,
 * tenure, order value, channel shares and age only, the young app users and festival hunters
 * shared one cluster. Engagement (the voice stage's score) was tried as a feature in an earlier
 * setup and merged four behaviours into one cluster; it is shown on the persona cards instead
 * (activities/segment/insights.ts).
 */
import type { SegmentationFeatures } from '../profile/features';
import { festivalLift } from '../profile/festivals';
import type { FeatureDescriptor } from './explain';
import type { Points } from './points';

export interface ClusterFeature extends FeatureDescriptor {
  /** The feature's value; null when unknown for this customer (imputed with the mean). */
  value: (c: SegmentationFeatures) => number | null;
  /** Clustered as log(1 + max(0, x)). */
  logScale: boolean;
  /**
   * A mean over the customer's orders or lines, clustered shrunk toward the population mean by
   * PRIOR_ORDERS pseudo-orders: one order's store share is 0 or 1 whatever the customer's habit,
   * and unshrunk those extremes pull k-means into splitting one-order customers by noise.
   */
  perOrder: boolean;
}

/** Pseudo-orders of the population mean in a per-order feature (empirical-Bayes shrinkage). */
export const PRIOR_ORDERS = 4;

const MOBILE_CHANNELS = ['app', 'mini_program'];
const share = (c: SegmentationFeatures, channels: readonly string[]) => channels.reduce((s, ch) => s + (c.channelShares[ch] ?? 0), 0);

export const CLUSTER_FEATURES: readonly ClusterFeature[] = [
  { key: 'recency_days', name: { en: 'recency', zh: '最近购买距今' }, unit: { en: 'days', zh: '天' }, value: (c) => c.recencyDays, logScale: true, perOrder: false },
  { key: 'frequency', name: { en: 'frequency', zh: '购买次数' }, unit: { en: 'orders', zh: '次' }, value: (c) => c.frequency, logScale: true, perOrder: false },
  { key: 'tenure_days', name: { en: 'tenure', zh: '客户时长' }, unit: { en: 'days', zh: '天' }, value: (c) => c.tenureDays, logScale: false, perOrder: false },
  { key: 'average_order_value', name: { en: 'average order value', zh: '客单价' }, value: (c) => c.averageOrderValue, logScale: true, perOrder: false },
  { key: 'store_share', name: { en: 'store share of spend', zh: '门店消费占比' }, value: (c) => share(c, ['store']), logScale: false, perOrder: true },
  { key: 'mobile_share', name: { en: 'mobile share of spend', zh: '移动端消费占比' }, value: (c) => share(c, MOBILE_CHANNELS), logScale: false, perOrder: true },
  { key: 'age', name: { en: 'age', zh: '年龄' }, unit: { en: 'years', zh: '岁' }, value: (c) => c.age ?? null, logScale: false, perOrder: false },
  {
    key: 'festival_lift', name: { en: 'festival buying lift (log)', zh: '大促集中度(对数)' },
    value: (c) => festivalLift(c.festivalOrders, c.frequency, c.festivalExposure), logScale: false, perOrder: false,
  },
  { key: 'price_index', name: { en: 'price position (log vs category median)', zh: '价格档位(相对品类中位数, 对数)' }, value: (c) => c.priceIndex, logScale: false, perOrder: true },
  { key: 'units_per_line', name: { en: 'units per line', zh: '每行件数' }, unit: { en: 'units', zh: '件' }, value: (c) => c.unitsPerLine, logScale: false, perOrder: true },
];

/**
 * The features the data carry (at least two customers with different known values), their raw
 * values (for rules; unknowns imputed with the feature's known mean) and their log-scaled,
 * shrunk version (for k-means, before standardizing): points, one row per customer, built column
 * by column and kept out of the JavaScript heap (400,000 customers' rows as arrays took 85 MB).
 */
export function clusterFeatureRows(customers: readonly SegmentationFeatures[]): { features: ClusterFeature[]; raw: Points; scaled: Points } {
  const n = customers.length;
  const columns: Array<{ feature: ClusterFeature; values: Float64Array; mean: number }> = [];
  const known = new Uint8Array(n);
  for (const feature of CLUSTER_FEATURES) {
    const values = new Float64Array(n);
    let first: number | null = null;
    let varies = false;
    let knownSum = 0;
    let knownCount = 0;
    customers.forEach((c, i) => {
      const v = feature.value(c);
      known[i] = v === null ? 0 : 1;
      if (v === null) return;
      if (!Number.isFinite(v)) throw new RangeError(`clusterFeatureRows: customer ${c.customerId} has a non-finite ${feature.key}`);
      values[i] = v;
      knownSum += v;
      knownCount++;
      if (first === null) first = v;
      else if (v !== first) varies = true;
    });
    if (!varies) continue;
    const knownMean = knownSum / knownCount;
    let sum = 0;
    for (let i = 0; i < n; i++) {
      if (!known[i]) values[i] = knownMean;
      sum += values[i];
    }
    columns.push({ feature, values, mean: sum / n });
  }
  const d = columns.length;
  const raw = new Float64Array(n * d);
  const scaled = new Float64Array(n * d);
  columns.forEach(({ feature: { logScale, perOrder }, values, mean }, j) => {
    for (let i = 0; i < n; i++) {
      const x = values[i];
      raw[i * d + j] = x;
      const orders = customers[i].frequency;
      const shrunk = perOrder ? (orders * x + PRIOR_ORDERS * mean) / (orders + PRIOR_ORDERS) : x;
      scaled[i * d + j] = logScale ? Math.log1p(Math.max(0, shrunk)) : shrunk;
    }
  });
  return { features: columns.map((c) => c.feature), raw: { n, d, data: raw }, scaled: { n, d, data: scaled } };
}
