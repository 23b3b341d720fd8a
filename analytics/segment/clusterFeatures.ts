/**
 * The customer features k-means and the rule tree see, in one table. Money and counts are
 * heavily right-skewed, so k-means clusters log(1 + x) of them (after z-scoring); the rule tree
 * sees the raw values (a tree is unaffected by monotone transforms) so that rules read in days,
 * orders and currency.
 *
 * Besides RFM, tenure and basket size, the channel mix and age separate ways of buying that
 * RFM alone merges (a store regular and an app regular with the same rhythm). A feature is
 * used only when the data carry it: the channel shares need a channel column, the age needs
 * birth years (the `segment` CLI on a bare transactions file has neither).
 *
 * Engagement (the voice stage's score) was tried as a ninth feature on the demo sample: the
 * silhouette then chose k = 4 and merged four planted behaviours into one cluster (ARI 0.34, but
 * only 3 of 7 behaviours kept a cluster of their own, against 5 of 7 at k = 7 without it).
 * It is shown on the persona cards instead (segment-insights.ts).
 */
import type { CustomerFeatures } from '../profile/features';
import type { FeatureDescriptor } from './explain';

export interface ClusterFeature extends FeatureDescriptor {
  /** The feature's value; null when unknown for this customer (imputed with the mean). */
  value: (c: CustomerFeatures) => number | null;
  /** Clustered as log(1 + max(0, x)). */
  logScale: boolean;
}

const MOBILE_CHANNELS = ['app', 'mini_program'];
const share = (c: CustomerFeatures, channels: readonly string[]) => channels.reduce((s, ch) => s + (c.channelShares[ch] ?? 0), 0);

export const CLUSTER_FEATURES: readonly ClusterFeature[] = [
  { key: 'recency_days', name: { en: 'recency', zh: '最近购买距今' }, unit: { en: 'days', zh: '天' }, value: (c) => c.recencyDays, logScale: true },
  { key: 'frequency', name: { en: 'frequency', zh: '购买次数' }, unit: { en: 'orders', zh: '次' }, value: (c) => c.frequency, logScale: true },
  { key: 'monetary', name: { en: 'monetary', zh: '消费金额' }, value: (c) => c.monetary, logScale: true },
  { key: 'tenure_days', name: { en: 'tenure', zh: '客户时长' }, unit: { en: 'days', zh: '天' }, value: (c) => c.tenureDays, logScale: false },
  { key: 'average_order_value', name: { en: 'average order value', zh: '客单价' }, value: (c) => c.averageOrderValue, logScale: true },
  { key: 'store_share', name: { en: 'store share of spend', zh: '门店消费占比' }, value: (c) => share(c, ['store']), logScale: false },
  { key: 'mobile_share', name: { en: 'mobile share of spend', zh: '移动端消费占比' }, value: (c) => share(c, MOBILE_CHANNELS), logScale: false },
  { key: 'age', name: { en: 'age', zh: '年龄' }, unit: { en: 'years', zh: '岁' }, value: (c) => c.age ?? null, logScale: false },
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
  const scaled = raw.map((row) => row.map((x, j) => (columns[j].feature.logScale ? Math.log1p(Math.max(0, x)) : x)));
  return { features: columns.map((c) => c.feature), raw, scaled };
}
