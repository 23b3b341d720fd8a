/**
 * Readable rules for clusters (SPEC §4, 通过一系列问题分类): a CART tree (decisionTree.ts) is
 * fitted on raw, unstandardized features to predict each customer's cluster, and each path
 * from the root to a leaf becomes one rule such as
 *   "recency ≤ 30 days and frequency > 4 orders → cluster 2".
 * Conditions on the same feature along a path are merged into one range. The rules are
 * disjoint and cover every customer, so they classify exactly like the tree.
 *
 * Fidelity = share of held-out customers (not used to fit the tree) whom the rules put in their
 * own cluster; it is computed from the rule conditions themselves, so the number reported is
 * the accuracy of the rules as printed.
 */
import type { Bilingual } from './bilingual';
import { type TreeNode, type TreeOptions, fitDecisionTree } from './decisionTree';
import { type Points, subsetPoints } from './points';
import { holdoutSplit, sampleIndices } from '../random';

export interface FeatureDescriptor {
  key: string;
  name: Bilingual;
  unit?: Bilingual;
}

/** low < x ≤ high; a null bound is open. */
export interface Condition {
  feature: number;
  low: number | null;
  high: number | null;
}

export interface ClusterRule {
  cluster: number;
  conditions: Condition[];
  text: Bilingual;
  /** Training customers the rule covers. */
  support: number;
}

export interface ClusterExplanation {
  rules: ClusterRule[];
  /** Share of held-out customers the rules assign to their own cluster. */
  fidelity: number;
  /** Per cluster: held-out customers and the share of them the rules recover. */
  perCluster: { cluster: number; holdout: number; fidelity: number }[];
  holdoutSize: number;
  tree: TreeNode;
}

export interface ExplainOptions extends TreeOptions {
  seed?: number;
  holdoutShare?: number;
  /** Training rows used to fit the tree (default 20,000). */
  trainSampleSize?: number;
}

const number = new Intl.NumberFormat('en-US', { maximumFractionDigits: 4 });

function conditionText(c: Condition, feature: FeatureDescriptor, lang: keyof Bilingual): string {
  const name = feature.name[lang];
  const unit = feature.unit ? ` ${feature.unit[lang]}` : '';
  if (c.low !== null && c.high !== null) return `${number.format(c.low)} < ${name} ≤ ${number.format(c.high)}${unit}`;
  if (c.high !== null) return `${name} ≤ ${number.format(c.high)}${unit}`;
  return `${name} > ${number.format(c.low!)}${unit}`;
}

function ruleText(conditions: Condition[], features: readonly FeatureDescriptor[]): Bilingual {
  if (conditions.length === 0) return { en: 'all customers', zh: '所有客户' };
  const join = (lang: keyof Bilingual, word: string) => conditions.map((c) => conditionText(c, features[c.feature], lang)).join(word);
  return { en: join('en', ' and '), zh: join('zh', ' 且 ') };
}

/** One rule per leaf of the tree, conditions merged per feature and listed in feature order. */
export function clusterRules(tree: TreeNode, features: readonly FeatureDescriptor[]): ClusterRule[] {
  const rules: ClusterRule[] = [];
  const walk = (node: TreeNode, bounds: Map<number, Condition>) => {
    if (node.kind === 'leaf') {
      const conditions = [...bounds.values()].sort((a, b) => a.feature - b.feature);
      rules.push({ cluster: node.label, conditions, text: ruleText(conditions, features), support: node.size });
      return;
    }
    const current = bounds.get(node.feature) ?? { feature: node.feature, low: null, high: null };
    walk(node.left, new Map(bounds).set(node.feature, { ...current, high: node.threshold }));
    walk(node.right, new Map(bounds).set(node.feature, { ...current, low: node.threshold }));
  };
  walk(tree, new Map());
  return rules.sort((a, b) => a.cluster - b.cluster || b.support - a.support);
}

/** Whether a row satisfies every condition of a rule. */
export function ruleMatches(rule: ClusterRule, row: ArrayLike<number>): boolean {
  return rule.conditions.every((c) => (c.low === null || row[c.feature] > c.low) && (c.high === null || row[c.feature] <= c.high));
}

/** The cluster of the first rule a row satisfies (−1 if none, impossible for rules from one tree). */
export function classifyByRules(rules: readonly ClusterRule[], row: ArrayLike<number>): number {
  return rules.find((rule) => ruleMatches(rule, row))?.cluster ?? -1;
}

/**
 * Fits the tree on a seeded training part, renders its rules and measures their fidelity on
 * the held-out part.
 * @param points raw feature rows (the units the rules speak in), one per customer
 * @param labels cluster of each row (0…k−1)
 * @throws RangeError when there are too few rows to hold some out or descriptors do not match columns.
 */
export function explainClusters(
  points: Points,
  labels: ArrayLike<number>,
  features: readonly FeatureDescriptor[],
  options: ExplainOptions = {},
): ClusterExplanation {
  const { seed = 1, holdoutShare = 0.3, trainSampleSize = 20_000, ...treeOptions } = options;
  if (features.length !== points.d) throw new RangeError(`explainClusters: ${features.length} feature descriptors for ${points.d} columns`);
  if (points.n < 10) throw new RangeError(`explainClusters: needs at least 10 customers, got ${points.n}`);
  const { train, holdout } = holdoutSplit(points.n, holdoutShare, seed);
  const fitRows = Array.from(sampleIndices(train.length, trainSampleSize, seed + 1), (i) => train[i]);
  const minLeafSize = treeOptions.minLeafSize ?? Math.max(5, Math.round(fitRows.length * 0.01));
  const tree = fitDecisionTree(subsetPoints(points, fitRows), fitRows.map((i) => labels[i]), { ...treeOptions, minLeafSize });
  const rules = clusterRules(tree, features);

  const tally = new Map<number, { holdout: number; recovered: number }>();
  let recovered = 0;
  for (const i of holdout) {
    const row = points.data.subarray(i * points.d, (i + 1) * points.d);
    const hit = classifyByRules(rules, row) === labels[i];
    const t = tally.get(labels[i]) ?? { holdout: 0, recovered: 0 };
    t.holdout += 1;
    t.recovered += hit ? 1 : 0;
    tally.set(labels[i], t);
    recovered += hit ? 1 : 0;
  }
  const perCluster = [...tally.entries()]
    .sort(([a], [b]) => a - b)
    .map(([cluster, t]) => ({ cluster, holdout: t.holdout, fidelity: t.recovered / t.holdout }));
  return { rules, fidelity: recovered / holdout.length, perCluster, holdoutSize: holdout.length, tree };
}
