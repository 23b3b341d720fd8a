/**
 * Value tiers, lifecycle stages and the five customer groups (SPEC §4), each defined by one
 * table below; every threshold is in `GroupThresholds` and can be overridden per run.
 *
 * Value tier — ABC / Pareto analysis of revenue: customers sorted by monetary value, largest
 * first; a customer's tier is decided by the cumulative revenue share of the customers before
 * him/her (ties share the tier of the first of them):
 * | tier   | cumulative share before the customer | 中文   |
 * |--------|--------------------------------------|--------|
 * | high   | < highRevenueShare (0.80)            | 高价值 |
 * | medium | < mediumRevenueShare (0.95)          | 中价值 |
 * | low    | the rest, and monetary ≤ 0           | 低价值 |
 *
 * Lifecycle stage — LIFECYCLE_RULES, first matching row wins. Group — GROUP_RULES, first
 * matching row wins; a high- or medium-value customer who is at risk or churned is reported
 * as churn risk, since that is the list worth a win-back effort; low-value ones stay low value.
 */
import type { CustomerFeatures } from '../profile/features';
import type { Bilingual } from './bilingual';

export type ValueTier = 'high' | 'medium' | 'low';
export type Lifecycle = 'new' | 'active' | 'growing' | 'at_risk' | 'churned' | 'reactivated';
export type CustomerGroup = 'churn_risk' | 'high_value' | 'growth_potential' | 'stable' | 'low_value';

export interface GroupThresholds {
  highRevenueShare: number;
  mediumRevenueShare: number;
  /** First order within this many days → new. */
  newDays: number;
  /** Last order within this many days → still active. */
  activeDays: number;
  /** No order for more than this many days → churned. */
  churnDays: number;
  /** Overdue: recency above this multiple of the customer's own mean inter-purchase time. */
  overdueMultiple: number;
  /** Relative spend trend (per period) at or above which a customer is growing. */
  growthTrend: number;
}

export const DEFAULT_GROUP_THRESHOLDS: GroupThresholds = {
  highRevenueShare: 0.8,
  mediumRevenueShare: 0.95,
  newDays: 90,
  activeDays: 90,
  churnDays: 365,
  overdueMultiple: 2,
  growthTrend: 0.1,
};

export const VALUE_TIER_NAMES: Record<ValueTier, Bilingual> = {
  high: { en: 'High value', zh: '高价值' },
  medium: { en: 'Medium value', zh: '中价值' },
  low: { en: 'Low value', zh: '低价值' },
};

export type LifecycleInput = Pick<CustomerFeatures, 'recencyDays' | 'tenureDays' | 'meanInterPurchaseDays' | 'lastGapDays' | 'spendTrendRelative'>;

interface Rule<K, I> {
  key: K;
  name: Bilingual;
  /** The rule in words, for reports and reviewers. */
  rule: string;
  test: (input: I, t: GroupThresholds) => boolean;
}

export const LIFECYCLE_RULES: readonly Rule<Lifecycle, LifecycleInput>[] = [
  { key: 'churned', name: { en: 'Churned', zh: '已流失' }, rule: 'recency > churnDays',
    test: (c, t) => c.recencyDays > t.churnDays },
  { key: 'new', name: { en: 'New', zh: '新客' }, rule: 'tenure ≤ newDays',
    test: (c, t) => c.tenureDays <= t.newDays },
  { key: 'reactivated', name: { en: 'Reactivated', zh: '回流' }, rule: 'recency ≤ activeDays and the gap before the last order > churnDays',
    test: (c, t) => c.recencyDays <= t.activeDays && (c.lastGapDays ?? 0) > t.churnDays },
  { key: 'at_risk', name: { en: 'At risk', zh: '流失预警' }, rule: 'recency > activeDays, or recency > overdueMultiple × mean inter-purchase time',
    test: (c, t) => c.recencyDays > t.activeDays || (c.meanInterPurchaseDays !== null && c.recencyDays > t.overdueMultiple * c.meanInterPurchaseDays) },
  { key: 'growing', name: { en: 'Growing', zh: '成长' }, rule: 'relative spend trend ≥ growthTrend',
    test: (c, t) => c.spendTrendRelative >= t.growthTrend },
  { key: 'active', name: { en: 'Active', zh: '活跃' }, rule: 'otherwise', test: () => true },
];

export interface GroupInput {
  tier: ValueTier;
  lifecycle: Lifecycle;
}

export const GROUP_RULES: readonly Rule<CustomerGroup, GroupInput>[] = [
  { key: 'churn_risk', name: { en: 'Churn risk', zh: '流失风险' }, rule: 'lifecycle at risk or churned, and tier high or medium',
    test: (c) => (c.lifecycle === 'at_risk' || c.lifecycle === 'churned') && c.tier !== 'low' },
  { key: 'high_value', name: { en: 'High value', zh: '高价值' }, rule: 'tier high',
    test: (c) => c.tier === 'high' },
  { key: 'growth_potential', name: { en: 'Growth potential', zh: '增长潜力' }, rule: 'lifecycle new, growing or reactivated',
    test: (c) => c.lifecycle === 'new' || c.lifecycle === 'growing' || c.lifecycle === 'reactivated' },
  { key: 'stable', name: { en: 'Stable', zh: '稳定' }, rule: 'tier medium and lifecycle active',
    test: (c) => c.tier === 'medium' && c.lifecycle === 'active' },
  { key: 'low_value', name: { en: 'Low value', zh: '低价值' }, rule: 'otherwise', test: () => true },
];

function firstMatch<K, I>(rules: readonly Rule<K, I>[], input: I, t: GroupThresholds): K {
  return rules.find((r) => r.test(input, t))!.key;
}

/**
 * Pareto value tier of each customer from monetary values.
 * @example valueTiers([70, 20, 6, 4]) // → ['high', 'high', 'medium', 'low'] (shares before: 0, .7, .9, .96)
 */
export function valueTiers(monetary: readonly number[], thresholds: Partial<GroupThresholds> = {}): ValueTier[] {
  const t = { ...DEFAULT_GROUP_THRESHOLDS, ...thresholds };
  const total = monetary.reduce((s, m) => s + Math.max(0, m), 0);
  const tiers = new Array<ValueTier>(monetary.length).fill('low');
  if (!(total > 0)) return tiers;
  const order = monetary.map((_, i) => i).sort((a, b) => monetary[b] - monetary[a] || a - b);
  let before = 0;
  let blockTier: ValueTier = 'high';
  order.forEach((i, rank) => {
    if (rank === 0 || monetary[i] !== monetary[order[rank - 1]]) {
      const share = before / total;
      blockTier = share < t.highRevenueShare ? 'high' : share < t.mediumRevenueShare ? 'medium' : 'low';
    }
    tiers[i] = monetary[i] > 0 ? blockTier : 'low';
    before += Math.max(0, monetary[i]);
  });
  return tiers;
}

/** Lifecycle stage of one customer (LIFECYCLE_RULES). */
export function lifecycleStage(customer: LifecycleInput, thresholds: Partial<GroupThresholds> = {}): Lifecycle {
  return firstMatch(LIFECYCLE_RULES, customer, { ...DEFAULT_GROUP_THRESHOLDS, ...thresholds });
}

/** Customer group from tier and lifecycle (GROUP_RULES). */
export function customerGroup(input: GroupInput): CustomerGroup {
  return firstMatch(GROUP_RULES, input, DEFAULT_GROUP_THRESHOLDS);
}

/** Bilingual name of a lifecycle stage or group. */
export function lifecycleName(stage: Lifecycle): Bilingual {
  return LIFECYCLE_RULES.find((r) => r.key === stage)!.name;
}

export function groupName(group: CustomerGroup): Bilingual {
  return GROUP_RULES.find((r) => r.key === group)!.name;
}
