import { adjustedRandIndex } from '../../../analytics/segment/ari';
import { customerFeatures } from '../../../analytics/profile/features';
import { segmentCustomers } from '../../../analytics/segment/segmentCustomers';
import { segmentProfiles } from '../../../analytics/segment/segmentProfiles';
import { DEFAULT_ARCHETYPES, simulateOrders } from '../../../analytics/segment/simulate';

describe('segmentCustomers on customers simulated from planted archetypes', () => {
  const asOf = new Date('2025-01-01T00:00:00Z');
  const simulated = simulateOrders({ customers: 800, asOf, seed: 12 });
  const result = segmentCustomers(simulated.orders, { asOf, seed: 3, comparisonSampleSize: 300 });
  const planted = new Map(simulated.customerIds.map((id, i) => [id, simulated.archetypeOf[i]]));

  it('finds as many clusters as archetypes, and they recover them (ARI ≥ 0.9)', () => {
    expect(result.clustering.k).toBe(DEFAULT_ARCHETYPES.length);
    const ari = adjustedRandIndex(result.customers.map((c) => c.cluster), result.customers.map((c) => planted.get(c.features.customerId)!));
    expect(ari).toBeGreaterThanOrEqual(0.9);
  });

  it('explains the clusters with rules of high held-out fidelity', () => {
    expect(result.explanation.fidelity).toBeGreaterThanOrEqual(0.9);
    expect(result.explanation.rules.length).toBeGreaterThanOrEqual(result.clustering.k);
  });

  it('is reproducible under its seed', () => {
    const again = segmentCustomers(simulated.orders, { asOf, seed: 3, comparisonSampleSize: 300 });
    expect(again.customers.map((c) => c.cluster)).toEqual(result.customers.map((c) => c.cluster));
    expect(again.explanation.fidelity).toBe(result.explanation.fidelity);
  });

  it('gives every customer RFM scores, a group, a lifecycle stage and tags', () => {
    expect(result.customers).toHaveLength(800);
    const newcomer = DEFAULT_ARCHETYPES.findIndex((a) => a.name === 'newcomer');
    const newcomers = result.customers.filter((c) => planted.get(c.features.customerId) === newcomer);
    expect(newcomers.filter((c) => c.lifecycle === 'new').length / newcomers.length).toBeGreaterThan(0.9);
    for (const c of result.customers) expect(c.rfm.r).toBeGreaterThanOrEqual(1);
  });

  it('refuses too few customers', () => {
    expect(() => segmentCustomers(simulated.orders.slice(0, 10), { asOf })).toThrow(/at least 30 customers/);
  });
});

describe('segmentProfiles clustering details', () => {
  const asOf = new Date('2025-01-01T00:00:00Z');
  const simulated = simulateOrders({ customers: 400, asOf, seed: 5 });
  const features = customerFeatures(simulated.orders, { asOf });
  const result = segmentProfiles(features, { seed: 3 });

  it('summarizes every cluster: sizes add up, feature means are the members\' means, rules belong to their cluster', () => {
    const details = result.clustering!;
    expect(details.clusters).toHaveLength(result.k);
    expect(details.clusters.reduce((s, c) => s + c.customers, 0)).toBe(features.length);
    const members = result.customers.filter((c) => c.cluster === 0);
    const meanFrequency = members.reduce((s, c) => s + c.features.frequency, 0) / members.length;
    expect(details.clusters[0].featureMeans.frequency).toBeCloseTo(meanFrequency, 9);
    for (const c of details.clusters) for (const rule of c.rules) expect(rule.cluster).toBe(c.cluster);
    expect(details.ruleFidelity).toBeGreaterThan(0.8);
  });

  it('skips clustering below the minimum and says so', () => {
    const few = segmentProfiles(features.slice(0, 10));
    expect(few).toMatchObject({ k: 1, clusteringSkipped: true, clustering: null });
  });
});
