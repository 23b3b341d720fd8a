/**
 * The customer features k-means and the rule tree see, in one table. Money and counts are
 * heavily right-skewed, so k-means clusters log(1 + x) of them (after z-scoring); the rule tree
 * sees the raw values (a tree is unaffected by monotone transforms) so that rules read in days,
 * orders and currency.
 */
import type { CustomerFeatures } from '../profile/features';
import type { FeatureDescriptor } from './explain';

export interface ClusterFeature extends FeatureDescriptor {
  value: (c: CustomerFeatures) => number;
  /** Clustered as log(1 + max(0, x)). */
  logScale: boolean;
}

export const CLUSTER_FEATURES: readonly ClusterFeature[] = [
  { key: 'recency_days', name: { en: 'recency', zh: '最近购买距今' }, unit: { en: 'days', zh: '天' }, value: (c) => c.recencyDays, logScale: true },
  { key: 'frequency', name: { en: 'frequency', zh: '购买次数' }, unit: { en: 'orders', zh: '次' }, value: (c) => c.frequency, logScale: true },
  { key: 'monetary', name: { en: 'monetary', zh: '消费金额' }, value: (c) => c.monetary, logScale: true },
  { key: 'tenure_days', name: { en: 'tenure', zh: '客户时长' }, unit: { en: 'days', zh: '天' }, value: (c) => c.tenureDays, logScale: false },
  { key: 'average_order_value', name: { en: 'average order value', zh: '客单价' }, value: (c) => c.averageOrderValue, logScale: true },
];

/** Raw feature rows (for rules) and their log-scaled version (for k-means, before standardizing). */
export function clusterFeatureRows(customers: readonly CustomerFeatures[]): { raw: number[][]; scaled: number[][] } {
  const raw = customers.map((c) => CLUSTER_FEATURES.map((f) => f.value(c)));
  const scaled = raw.map((row) => row.map((x, j) => (CLUSTER_FEATURES[j].logScale ? Math.log1p(Math.max(0, x)) : x)));
  return { raw, scaled };
}
