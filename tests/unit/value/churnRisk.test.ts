import { churnRisk, CHURN_RISK_THRESHOLDS } from '../../../analytics/value/churnRisk';

describe('churnRisk', () => {
  const customers = [
    // t_x/x = 10/2 = 5; gap 40 − 10 = 30 → ratio 6 ≥ 3 → high (P(alive) 0.9 alone would be low)
    { customerId: 'overdue', frequency: 2, recency: 10, T: 40, pAlive: 0.9 },
    // t_x/x = 36/4 = 9; gap 4 → ratio 0.44; P(alive) 0.5 < 0.7 → medium
    { customerId: 'doubtful', frequency: 4, recency: 36, T: 40, pAlive: 0.5 },
    // ratio 0.25, P(alive) 0.95 → low
    { customerId: 'regular', frequency: 8, recency: 38, T: 39, pAlive: 0.95 },
    // P(alive) 0.2 < 0.3 → high
    { customerId: 'gone', frequency: 3, recency: 30, T: 39, pAlive: 0.2 },
    // one-time buyer: gap T = 20 over the median t_x/x of the others (median of 5, 9, 4.75, 10 = 7) → 2.857 ≥ 1.5 → medium
    { customerId: 'once', frequency: 0, recency: 0, T: 20, pAlive: 1 },
  ];

  it('bands by the worse of P(alive) and the gap ratio, worked by hand', () => {
    const risks = churnRisk(customers);
    expect(risks.map((r) => [r.customerId, r.band])).toEqual([
      ['overdue', 'high'],
      ['doubtful', 'medium'],
      ['regular', 'low'],
      ['gone', 'high'],
      ['once', 'medium'],
    ]);
    expect(risks[0]).toEqual({ customerId: 'overdue', pAlive: 0.9, timeSinceLastPurchase: 30, interPurchaseTime: 5, gapRatio: 6, band: 'high' });
    expect(risks[4].interPurchaseTime).toBe(7);
    expect(risks[4].gapRatio).toBeCloseTo(20 / 7, 12);
  });

  it('takes a typical inter-purchase time and thresholds from the caller', () => {
    const [once] = churnRisk([customers[4]], { typicalInterPurchaseTime: 4 }); // 20 / 4 = 5 ≥ 3
    expect(once.band).toBe('high');
    const [doubtful] = churnRisk([customers[1]], { thresholds: { ...CHURN_RISK_THRESHOLDS, mediumBelowPAlive: 0.4 } });
    expect(doubtful.band).toBe('low');
  });

  it('has no gap signal for a one-time buyer when nobody repeated', () => {
    expect(churnRisk([customers[4]])[0]).toMatchObject({ interPurchaseTime: null, gapRatio: null, band: 'low' });
  });

  it('rejects P(alive) outside [0, 1] and recency beyond T', () => {
    expect(() => churnRisk([{ ...customers[0], pAlive: 1.2 }])).toThrow('churnRisk: customer 0 (overdue): pAlive must be in [0, 1], got 1.2');
    expect(() => churnRisk([{ ...customers[0], recency: 50 }])).toThrow(/recency 50 is larger than T 40/);
  });
});
