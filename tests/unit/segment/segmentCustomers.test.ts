import { adjustedRandIndex } from '../../../analytics/segment/ari';
import { segmentCustomers } from '../../../analytics/segment/segmentCustomers';
import { DEFAULT_ARCHETYPES, simulatedFeatures, simulateOrders } from '../../../analytics/segment/simulate';

describe('segmentCustomers on customers simulated from planted archetypes', () => {
  const asOf = new Date('2025-01-01T00:00:00Z');
  const simulated = simulateOrders({ customers: 800, asOf, seed: 12 });
  const features = simulatedFeatures(simulated, asOf);
  const result = segmentCustomers(features, { seed: 3, comparisonSampleSize: 300 });
  const customers = [...result.customers];
  const planted = new Map(simulated.customerIds.map((id, i) => [id, simulated.archetypeOf[i]]));

  it('finds as many clusters as archetypes, and they recover them (ARI ≥ 0.9)', () => {
    expect(result.k).toBe(DEFAULT_ARCHETYPES.length);
    const ari = adjustedRandIndex(customers.map((c) => c.cluster), customers.map((c) => planted.get(c.features.customerId)!));
    expect(ari).toBeGreaterThanOrEqual(0.9);
  });

  it('explains the clusters with rules of high held-out fidelity', () => {
    const details = result.clustering!;
    expect(details.ruleFidelity).toBeGreaterThanOrEqual(0.9);
    expect(details.clusters.flatMap((c) => c.rules).length).toBeGreaterThanOrEqual(result.k);
    expect(details.ruleHoldoutSize).toBeGreaterThan(0);
  });

  it('compares k-means with the alternative methods on a sample', () => {
    const { alternatives } = result.clustering!;
    expect(alternatives.sampleSize).toBe(300);
    expect(alternatives.hierarchical.k).toBe(result.k);
    // Well-separated archetypes: Ward's hierarchical clustering finds much the same groups.
    expect(alternatives.hierarchical.ariVsKmeans).toBeGreaterThan(0.7);
  });

  it('is reproducible under its seed', () => {
    const again = segmentCustomers(features, { seed: 3, comparisonSampleSize: 300 });
    expect([...again.customers].map((c) => c.cluster)).toEqual(customers.map((c) => c.cluster));
    expect(again.clustering!.ruleFidelity).toBe(result.clustering!.ruleFidelity);
  });

  it('gives every customer RFM scores, a group, a lifecycle stage and tags', () => {
    expect(result.customers).toHaveLength(800);
    const newcomer = DEFAULT_ARCHETYPES.findIndex((a) => a.name === 'newcomer');
    const newcomers = customers.filter((c) => planted.get(c.features.customerId) === newcomer);
    expect(newcomers.filter((c) => c.lifecycle === 'new').length / newcomers.length).toBeGreaterThan(0.9);
    for (const c of customers) expect(c.rfm.r).toBeGreaterThanOrEqual(1);
  });

  it('chooses k by silhouette when asked', () => {
    const bySilhouette = segmentCustomers(features, { seed: 3, comparisonSampleSize: 300, criterion: 'silhouette' });
    const { candidates } = bySilhouette.clustering!;
    expect(bySilhouette.clustering!.criterion).toBe('silhouette');
    expect(bySilhouette.silhouette).toBe(Math.max(...candidates.map((c) => c.silhouette)));
  });
});

describe('segmentCustomers clustering details', () => {
  const asOf = new Date('2025-01-01T00:00:00Z');
  const features = simulatedFeatures(simulateOrders({ customers: 400, asOf, seed: 5 }), asOf);
  const result = segmentCustomers(features, { seed: 3 });

  it('summarizes every cluster: sizes add up, feature means are the members\' means, rules belong to their cluster', () => {
    const details = result.clustering!;
    expect(details.criterion).toBe('prediction_strength');
    expect(details.clusters).toHaveLength(result.k);
    expect(details.clusters.reduce((s, c) => s + c.customers, 0)).toBe(features.length);
    const members = [...result.customers].filter((c) => c.cluster === 0);
    const meanFrequency = members.reduce((s, c) => s + c.features.frequency, 0) / members.length;
    expect(details.clusters[0].featureMeans.frequency).toBeCloseTo(meanFrequency, 9);
    for (const c of details.clusters) for (const rule of c.rules) expect(rule.cluster).toBe(c.cluster);
    expect(details.ruleFidelity).toBeGreaterThan(0.8);
  });

  it('skips clustering below the minimum and says so, and segments no one without customers', () => {
    const few = segmentCustomers(features.slice(0, 10));
    expect(few).toMatchObject({ k: 1, clusteringSkipped: true, clustering: null });
    expect([...few.customers].map((c) => c.cluster)).toEqual(new Array(10).fill(0));
    const none = segmentCustomers([]);
    expect(none).toMatchObject({ k: 0, clusteringSkipped: true });
    expect(none.customers).toHaveLength(0);
  });
});
