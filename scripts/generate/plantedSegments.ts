/**
 * How well the segments found match the behaviours the generator planted: the adjusted Rand
 * index of clusters against behaviours, and per behaviour the cluster holding most of its
 * customers with that cluster's purity (the share of the cluster that behaviour makes up), and
 * whether the behaviour is visible as a distinct segment: it is the most common behaviour of that
 * cluster and no other behaviour has its main cluster there.
 */
import { adjustedRandIndex } from '../../analytics/segment/ari';
import type { Manifest } from './manifest';

export interface PlantedMatch {
  behaviour: string;
  zh: string;
  customers: number;
  /** The cluster holding most of the behaviour's customers, and the share it holds. */
  cluster: number;
  recall: number;
  /** Share of that cluster's customers who have this behaviour. */
  purity: number;
  distinct: boolean;
}

/** Index of a generated customer id (`C00000042` → 41). */
const indexOf = (customerId: string) => Number(customerId.slice(1)) - 1;

export function plantedVsFound(latent: Manifest['latent'], assignments: readonly { customerId: string; cluster: number }[]): { ari: number; matches: PlantedMatch[] } {
  const behaviourOf = assignments.map((a) => latent.behaviourCodes[indexOf(a.customerId)]);
  const ari = adjustedRandIndex(assignments.map((a) => a.cluster), behaviourOf);
  const clusterSize = new Map<number, number>();
  for (const a of assignments) clusterSize.set(a.cluster, (clusterSize.get(a.cluster) ?? 0) + 1);
  const counts = latent.behaviours.map((b) => {
    const byCluster = new Map<number, number>();
    assignments.forEach((a, i) => {
      if (behaviourOf[i] === b.code) byCluster.set(a.cluster, (byCluster.get(a.cluster) ?? 0) + 1);
    });
    return byCluster;
  });
  const main = counts.map((byCluster) => [...byCluster.entries()].sort(([ca, a], [cb, c]) => c - a || ca - cb)[0] ?? [-1, 0]);
  const matches = latent.behaviours.map((b, i): PlantedMatch => {
    const [cluster, n] = main[i];
    const customers = [...counts[i].values()].reduce((s, v) => s + v, 0);
    const largestThere = counts.every((other) => (other.get(cluster) ?? 0) <= n);
    const alone = main.every(([c], j) => j === i || c !== cluster);
    return {
      behaviour: b.name, zh: b.zh, customers, cluster,
      recall: customers > 0 ? n / customers : 0, purity: n > 0 ? n / clusterSize.get(cluster)! : 0, distinct: n > 0 && largestThere && alone,
    };
  });
  return { ari, matches };
}
