import { adjustedRandIndex } from '../../../analytics/segment/ari';
import { segmentCustomers } from '../../../analytics/segment/segmentCustomers';
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
