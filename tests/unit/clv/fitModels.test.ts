import { conditionalExpectedPurchases, fitBgNbd, probabilityAlive } from '../../../analytics/clv/bgnbd';
import { fitValueModels } from '../../../analytics/clv/fitModels';
import { fitGammaGamma } from '../../../analytics/clv/gammaGamma';
import { simulateCustomers } from '../../../analytics/clv/simulate';
import { summarizeTransactions } from '../../support/clvSummaries';
import { CHURN_RISK_THRESHOLDS } from '../../../analytics/value/churnRisk';
import { customerValues, customerValuesInChunks, customerValuesOrFallback, type CustomerValue } from '../../../analytics/value/customerValue';

describe('fitValueModels', () => {
  const customers = simulateCustomers({
    customers: 2000,
    bgnbd: { r: 0.24, alpha: 4.41, a: 0.79, b: 2.43 },
    gammaGamma: { p: 6.25, q: 3.74, v: 15.44 },
    minT: 27,
    maxT: 39,
    seed: 7,
  });
  const repeat = customers.filter((c) => c.frequency > 0).length;

  it('fits both models, exactly as fitting each alone, with enough repeat customers', () => {
    const fit = fitValueModels(customers, repeat);
    if (!fit.fitted) throw new Error(fit.reason);
    expect(fit.repeatCustomers).toBe(repeat);
    expect(fit.bgnbd).toEqual(fitBgNbd(customers));
    expect(fit.gammaGamma).toEqual(fitGammaGamma(customers));
  });

  it('says why it does not fit with fewer repeat customers than the minimum', () => {
    expect(fitValueModels(customers, repeat + 1)).toEqual({
      fitted: false,
      repeatCustomers: repeat,
      reason: `${repeat} repeat customers, fewer than the ${repeat + 1} needed to fit BG/NBD + Gamma-Gamma`,
    });
  });
});

const VALUE_OPTIONS = { timeUnit: 'week' as const, horizon: 52, annualDiscountRate: 0.1, margin: 1, expectedLifetimeYears: 3, churnThresholds: CHURN_RISK_THRESHOLDS };

describe('fitValueModels with a penalty', () => {
  // Forty clockwork buyers: 0–4 repeat purchases at fixed spacing. Every customer looks
  // alike in drop-out, so the unpenalised BG/NBD likelihood runs off along a → ∞, b → ∞
  // (a Beta with no spread): the predictions then use the fixed-p limit (bgnbdPredict.ts).
  const clockwork = summarizeTransactions(
    Array.from({ length: 40 }, (_, k) => k + 1).flatMap((i) =>
      Array.from({ length: (i % 5) + 1 }, (_, j) => ({
        customerId: `W${i}`,
        date: new Date(Date.UTC(2024, 0, 2 + ((i * 7) % 180)) + j * (20 + (i % 7) * 5) * 86_400_000).toISOString().slice(0, 10),
        amount: 50 + ((i * 37) % 100) + j * 10,
      }))).filter((t) => t.date <= '2024-12-31'),
    { calibrationEnd: '2024-12-31' },
  );
  const bgnbdOf = (penalty: number) => {
    const fit = fitValueModels(clockwork, 10, penalty);
    if (!fit.fitted) throw new Error(fit.reason);
    return fit.bgnbd;
  };

  it('keeps the drop-out Beta finite where plain maximum likelihood lets it run off', () => {
    expect(bgnbdOf(0).a).toBeGreaterThan(1e5);
    const penalised = bgnbdOf(0.001);
    expect(penalised.a).toBeLessThan(10);
    expect(penalised.b).toBeLessThan(10);
    expect(Number.isFinite(probabilityAlive(penalised, 2, 10, 40))).toBe(true);
    expect(Number.isFinite(conditionalExpectedPurchases(penalised, 52, 2, 10, 40))).toBe(true);
  });

  it('values customers with the fixed-p limit where the unpenalised fit ran off: finite, not a fallback', () => {
    const fit = fitValueModels(clockwork, 10, 0);
    const inputs = clockwork.map((c) => ({ ...c, totalSpend: c.monetaryValue * (c.frequency + 1), acquisitionCost: 0 }));
    const { fit: used, values } = customerValuesOrFallback(inputs, fit, VALUE_OPTIONS);
    expect(used.fitted).toBe(true);
    for (const value of values) expect(Number.isFinite(value.expectedPurchases)).toBe(true);
  });

  it('values customers without a model whose predictions cannot be evaluated, and says why', () => {
    const fit = fitValueModels(clockwork, 10, 0.001);
    if (!fit.fitted) throw new Error(fit.reason);
    const singular = { ...fit, bgnbd: { ...fit.bgnbd, a: 1 } }; // eq. 9/10's removable singularity
    const inputs = clockwork.map((c) => ({ ...c, totalSpend: c.monetaryValue * (c.frequency + 1), acquisitionCost: 0 }));
    expect(() => customerValues(inputs, { bgnbd: singular.bgnbd, gammaGamma: singular.gammaGamma }, VALUE_OPTIONS)).toThrow(RangeError);
    const { fit: used, values } = customerValuesOrFallback(inputs, singular, VALUE_OPTIONS);
    expect(used.fitted).toBe(false);
    if (!used.fitted) expect(used.reason).toMatch(/^degenerate fit .*valuation\.penalty/);
    expect(values).toEqual(customerValues(inputs, null, VALUE_OPTIONS));
  });
});

describe('customer values in chunks', () => {
  const customers = simulateCustomers({ customers: 300, bgnbd: { r: 0.8, alpha: 6, a: 0.7, b: 3.5 }, gammaGamma: { p: 6, q: 4, v: 15 }, minT: 20, maxT: 52, seed: 7 });
  const withSpend = customers.map((c) => ({ ...c, totalSpend: c.monetaryValue * (c.frequency + 1) }));
  const cost = () => 25;
  const fit = fitValueModels(withSpend, 10, 0.001);
  /** Collects what the chunks hand over, as the value stage writes it. */
  const collector = () => {
    const taken: CustomerValue[] = [];
    let restarts = 0;
    return { taken, restarts: () => restarts, sink: {
      take: async (values: CustomerValue[], start: number) => { expect(start).toBe(taken.length); taken.push(...values); },
      restart: async () => { restarts++; taken.length = 0; },
    } };
  };

  it('hand over the values of one call over all the customers, one-time buyers with the typical gap of all', async () => {
    if (!fit.fitted) throw new Error(fit.reason);
    const all = customerValuesOrFallback(withSpend.map((c) => ({ ...c, acquisitionCost: 25 })), fit, VALUE_OPTIONS);
    const got = collector();
    expect(await customerValuesInChunks(withSpend, cost, fit, VALUE_OPTIONS, got.sink, 7)).toBe(fit);
    expect(got.taken).toEqual(all.values);
    expect(got.restarts()).toBe(0);
    // Chunks of 7 hold one-time buyers whose own chunk's repeat buyers have another median gap.
    expect(got.taken.some((v, i) => withSpend[i].frequency === 0 && v.churn.interPurchaseTime !== null)).toBe(true);
  });

  it('value every customer without the models when a later chunk fails on them, as one call does', async () => {
    // A repeat buyer with no spend: Gamma-Gamma cannot value it (RangeError) with the models fitted.
    const broken = withSpend.map((c, i) => (i === 250 ? { ...c, frequency: 2, recency: Math.min(c.T, 10), monetaryValue: 0 } : c));
    const all = customerValuesOrFallback(broken.map((c) => ({ ...c, acquisitionCost: 25 })), fit, VALUE_OPTIONS);
    expect(all.fit.fitted).toBe(false);
    const got = collector();
    const used = await customerValuesInChunks(broken, cost, fit, VALUE_OPTIONS, got.sink, 100);
    expect(got.restarts()).toBe(1);
    expect(used).toEqual(all.fit);
    expect(got.taken).toEqual(all.values);
  });
});
