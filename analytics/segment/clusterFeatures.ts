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
import type { CustomerFeatures } from '../profile/features';
import { festivalLift } from '../profile/festivals';
import type { FeatureDescriptor } from './explain';

export interface ClusterFeature extends FeatureDescriptor {
  /** The feature's value; null when unknown for this customer (imputed with the mean). */
  value: (c: CustomerFeatures) => number | null;
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
const share = (c: CustomerFeatures, channels: readonly string[]) => channels.reduce((s, ch) => s + (c.channelShares[ch] ?? 0), 0);

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
  { key: 'price_index', name: { en: 'price position (log vs category median)', zh: '价格档位(相对品类中位数, 对数)' }, value: (c) => c.priceIndex ?? null, logScale: false, perOrder: true },
  { key: 'units_per_line', name: { en: 'units per line', zh: '每行件数' }, unit: { en: 'units', zh: '件' }, value: (c) => c.unitsPerLine ?? null, logScale: false, perOrder: true },
];

/** A feature carries information when at least two customers have different known values. */
function varies(values: readonly (number | null)[]): boolean {
  let first: number | null = null;
  for (const v of values) {
    if (v === null) continue;
    if (first === null) first = v;
    else if (v !== first) return true;
  }
  return false;
}

/**
 * The features the data carry, their raw rows (for rules; unknowns imputed with the feature's
 * mean) and their log-scaled version (for k-means, before standardizing).
 */
export function clusterFeatureRows(customers: readonly CustomerFeatures[]): { features: ClusterFeature[]; raw: number[][]; scaled: number[][] } {
  const columns = CLUSTER_FEATURES.map((f) => ({ feature: f, values: customers.map((c) => f.value(c)) })).filter((col) => varies(col.values));
  const filled = columns.map(({ values }) => {
    const known = values.filter((v): v is number => v !== null);
    const mean = known.reduce((s, v) => s + v, 0) / known.length;
    return values.map((v) => v ?? mean);
  });
  const raw = customers.map((_, i) => filled.map((column) => column[i]));
  const means = filled.map((column) => column.reduce((s, v) => s + v, 0) / column.length);
  const scaled = raw.map((row, i) => row.map((x, j) => {
    const { logScale, perOrder } = columns[j].feature;
    const n = customers[i].frequency;
    const shrunk = perOrder ? (n * x + PRIOR_ORDERS * means[j]) / (n + PRIOR_ORDERS) : x;
    return logScale ? Math.log1p(Math.max(0, shrunk)) : shrunk;
  }));
  return { features: columns.map((c) => c.feature), raw, scaled };
}
