/**
 * BG/NBD formulas with fixed parameters (no optimizer): Fader, Hardie & Lee 2005, "Counting
 * your customers the easy way", Marketing Science 24(2). Published values are for the CDNOW
 * estimates r = 0.243, α = 4.414, a = 0.793, b = 2.426.
 */
import {
  bgNbdLogLikelihood,
  bgNbdLogLikelihoodGradient,
  compressHistories,
  ConditionalPurchaseCurves,
  conditionalExpectedPurchases,
  expectedPurchases,
  probabilityAlive,
  type BgNbdParams,
  type CustomerHistory,
} from '../../../analytics/clv/bgnbd';

const CDNOW: BgNbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const single = (params: BgNbdParams, x: number, t_x: number, T: number) => bgNbdLogLikelihood(params, compressHistories([{ frequency: x, recency: t_x, T }]));

describe('bgNbdLogLikelihood (FHL 2005 eq. 6)', () => {
  it('reduces to (α/(α+T))^r for a customer without repeat purchases', () => {
    // r = 0.5, α = 2, T = 6: (2/8)^0.5 = 0.5
    expect(single({ r: 0.5, alpha: 2, a: 1.3, b: 0.7 }, 0, 0, 6)).toBeCloseTo(Math.log(0.5), 14);
  });

  it('matches a hand-worked customer with one repeat purchase', () => {
    // r = α = a = b = 1, x = 1, t_x = 0.5, T = 1:
    // L = Γ(2)/Γ(1) · 1 · [B(1,2)/B(1,1) · 2^−2 + B(2,1)/B(1,1) · 1.5^−2]
    //   = 1/2 · 1/4 + 1/2 · 4/9 = 0.125 + 0.2222… = 0.3472222…
    expect(single({ r: 1, alpha: 1, a: 1, b: 1 }, 1, 0.5, 1)).toBeCloseTo(Math.log(0.125 + 2 / 9), 14);
  });

  it('gives the same total over unique rows with counts as over the raw customers', () => {
    const histories: CustomerHistory[] = [
      { frequency: 0, recency: 0, T: 30 },
      { frequency: 2, recency: 10, T: 30 },
      { frequency: 0, recency: 0, T: 30 },
      { frequency: 2, recency: 10, T: 30 },
      { frequency: 5, recency: 28.5, T: 35 },
    ];
    const data = compressHistories(histories);
    expect(data.rows).toBe(3);
    expect(Array.from(data.weight)).toEqual([2, 2, 1]);
    const oneByOne = histories.reduce((s, h) => s + single(CDNOW, h.frequency, h.recency, h.T), 0);
    expect(bgNbdLogLikelihood(CDNOW, data)).toBeCloseTo(oneByOne, 10);
  });

  it('has an analytic gradient equal to central differences', () => {
    const data = compressHistories([
      { frequency: 0, recency: 0, T: 38 },
      { frequency: 1, recency: 3, T: 38 },
      { frequency: 7, recency: 30, T: 36 },
      { frequency: 40, recency: 31, T: 32 },
    ]);
    const theta = [0.3, 3.9, 0.7, 2.9];
    const at = (t: number[]) => bgNbdLogLikelihood({ r: t[0], alpha: t[1], a: t[2], b: t[3] }, data);
    const { gradient } = bgNbdLogLikelihoodGradient({ r: 0.3, alpha: 3.9, a: 0.7, b: 2.9 }, data);
    theta.forEach((value, i) => {
      const h = 1e-6 * value;
      const up = theta.map((t, j) => (j === i ? t + h : t));
      const down = theta.map((t, j) => (j === i ? t - h : t));
      expect(gradient[i]).toBeCloseTo((at(up) - at(down)) / (2 * h), 5);
    });
  });

  it('stays finite for a heavy buyer (lifetimes#25)', () => {
    expect(Number.isFinite(single(CDNOW, 2000, 38, 39))).toBe(true);
  });

  it('returns NaN for inadmissible parameters', () => {
    expect(single({ ...CDNOW, r: -1 }, 0, 0, 1)).toBeNaN();
  });

  it('rejects invalid histories up front, naming the function and row', () => {
    expect(() => compressHistories([{ frequency: 1, recency: 5, T: 4 }], 'fitBgNbd')).toThrow('fitBgNbd: row 0: recency (t_x = 5) is larger than T (4)');
    expect(() => compressHistories([{ frequency: -1, recency: 0, T: 4, customerId: 'c9' }], 'fitBgNbd')).toThrow(
      'fitBgNbd: row 0 (customer c9): frequency (x) must be a non-negative integer, got -1',
    );
    expect(() => compressHistories([{ frequency: 0, recency: 2, T: 4 }])).toThrow(/recency \(t_x = 2\) must be 0 when frequency is 0/);
    expect(() => compressHistories([])).toThrow(/no customers to fit/);
  });
});

describe('probabilityAlive (FHL 2005 eq. 13)', () => {
  it('is 1 without repeat purchases', () => {
    expect(probabilityAlive(CDNOW, 0, 0, 38.86)).toBe(1);
  });

  it('matches a hand-worked customer', () => {
    // x = 2, t_x = 30.43, T = 38.86 (customer 1 of CDNOW):
    // a/(b+x−1) = 0.793/3.426 = 0.231465; ((α+T)/(α+t_x))^(r+x) = (43.274/34.844)^2.243 = 1.241935^2.243 = 1.625797
    // P(alive) = 1 / (1 + 0.231465 · 1.625797) = 1 / 1.376318 = 0.726576
    expect(probabilityAlive(CDNOW, 2, 30.43, 38.86)).toBeCloseTo(0.726576, 5);
  });

  it('falls with time since the last purchase and stays in [0, 1] for heavy buyers', () => {
    expect(probabilityAlive(CDNOW, 5, 10, 38)).toBeLessThan(probabilityAlive(CDNOW, 5, 30, 38));
    const heavy = probabilityAlive(CDNOW, 500, 1, 38);
    expect(heavy).toBeGreaterThanOrEqual(0);
    expect(heavy).toBeLessThan(1e-100);
  });

  it('rejects recency larger than T', () => {
    expect(() => probabilityAlive(CDNOW, 2, 40, 38)).toThrow('probabilityAlive: customer: recency (t_x = 40) is larger than T (38)');
  });
});

describe('expectedPurchases (FHL 2005 eq. 9)', () => {
  it("matches Hardie's BG/NBD spreadsheet for CDNOW (as used by lifetimes' tests)", () => {
    // The spreadsheet holds unrounded estimates; with these 4-digit ones (shared/data/cdnow/README.md)
    // the expectations agree to 5e-4.
    const estimates = { r: 0.2426, alpha: 4.4136, a: 0.7929, b: 2.4259 };
    const times = [0.1429, 1, 3, 31.8571, 32, 78];
    const expected = [0.0078, 0.0532, 0.1506, 1.0405, 1.0437, 1.8576];
    times.forEach((t, i) => expect(Math.abs(expectedPurchases(estimates, t) - expected[i])).toBeLessThan(5e-4));
    expect(expectedPurchases(CDNOW, 0)).toBeCloseTo(0, 15);
  });

  it('rejects a negative horizon and the a = 1 singularity', () => {
    expect(() => expectedPurchases(CDNOW, -1)).toThrow(/expectedPurchases: t must be a non-negative number/);
    expect(() => expectedPurchases({ ...CDNOW, a: 1 }, 1)).toThrow(/a = 1 is a removable singularity/);
    expect(() => expectedPurchases({ ...CDNOW, b: 0 }, 1)).toThrow('expectedPurchases: parameter b must be a positive finite number, got 0');
  });
});

describe('conditionalExpectedPurchases (FHL 2005 eq. 10)', () => {
  it('gives 1.226 for the customer in FHL 2005 §5 (x = 2, t_x = 30.43, T = 38.86, next 39 weeks)', () => {
    expect(conditionalExpectedPurchases(CDNOW, 39, 2, 30.43, 38.86)).toBeCloseTo(1.226, 3);
  });

  it('equals the unconditional expectation for a customer just acquired', () => {
    expect(conditionalExpectedPurchases(CDNOW, 52, 0, 0, 0)).toBeCloseTo(expectedPurchases(CDNOW, 52), 12);
  });

  it('stays finite and non-negative for heavy buyers over long horizons (lifetimes#332)', () => {
    const value = conditionalExpectedPurchases(CDNOW, 5000, 300, 38, 38.86);
    expect(Number.isFinite(value)).toBe(true);
    expect(value).toBeGreaterThan(300); // alive, buying ~8 a week: many more purchases ahead
  });

  // When every customer drops out alike, the fit drives a and b to 10⁵–10⁶ with p = a/(a+b) fixed.
  // Then p is known, λ ~ Gamma(r+x, α+T) and a customer alive at T buys (1 − e^{−λpt})/p in
  // (T, T+t] (FHL 2005 eq. 7), whose mean over λ is (1 − ((α+T)/(α+T+pt))^{r+x})/p.
  const fixedP = (r: number, alpha: number, p: number, t: number, x: number, T: number) =>
    (1 - ((alpha + T) / (alpha + T + p * t)) ** (r + x)) / p;

  it('stays finite when a and b are huge, and tends to the fixed-p expectation', () => {
    const params = { r: 0.243, alpha: 4.414, a: 1.7e5, b: 3.4e6 };
    const p = (params.a - 1) / (params.a + params.b + 2 - 1);
    const alive = probabilityAlive(params, 2, 30.43, 38.86);
    for (const t of [1, 39, 520]) {
      expect(conditionalExpectedPurchases(params, t, 2, 30.43, 38.86)).toBeCloseTo(fixedP(0.243, 4.414, p, t, 2, 38.86) * alive, 10);
    }
    expect(conditionalExpectedPurchases(params, 52, 0, 0, 0)).toBeCloseTo(fixedP(0.243, 4.414, (params.a - 1) / (params.a + params.b - 1), 52, 0, 0), 10);
  });

  it('agrees with eq. 10 where the series still serves: within O(1/a) of the limit at the switch', () => {
    // Same p = 1/20 on both sides of a = 1000, where eq. 10's series gives way to the limit.
    const below = { r: 0.243, alpha: 4.414, a: 999, b: 999 * 19 };
    const above = { r: 0.243, alpha: 4.414, a: 1001, b: 1001 * 19 };
    for (const t of [1, 39, 2000]) {
      const series = conditionalExpectedPurchases(below, t, 2, 30.43, 38.86);
      const limit = conditionalExpectedPurchases(above, t, 2, 30.43, 38.86);
      expect(Number.isFinite(series)).toBe(true);
      expect(Math.abs(series - limit) / limit).toBeLessThan(1e-3);
    }
  });

  it('has no NaN where (1−z)^(a−1) underflows and the series overflows (a in the hundreds, long horizon)', () => {
    const params = { r: 0.243, alpha: 4.414, a: 500, b: 9500 };
    const value = conditionalExpectedPurchases(params, 2000, 2, 30.43, 38.86);
    const limit = fixedP(0.243, 4.414, 499 / 10001, 2000, 2, 38.86) * probabilityAlive(params, 2, 30.43, 38.86);
    expect(Math.abs(value - limit) / limit).toBeLessThan(5e-3); // O(1/a) apart, not NaN
  });
});

describe('ConditionalPurchaseCurves', () => {
  const times = [0, 1, 13, 39, 52];
  // Customers sharing (x, T) with different t_x, a one-time buyer, a heavy buyer.
  const customers = [[2, 30.43, 38.86], [2, 10, 38.86], [2, 38.86, 38.86], [0, 0, 38.86], [0, 0, 5], [300, 38, 38.86], [7, 20, 52]] as const;

  it('gives conditionalExpectedPurchases at every time, to the last bit, for customers sharing (x, T) or not', () => {
    const curves = new ConditionalPurchaseCurves(CDNOW, times);
    for (const [x, t_x, T] of customers) {
      expect([...curves.at(x, t_x, T)]).toEqual(times.map((t) => (t === 0 ? 0 : conditionalExpectedPurchases(CDNOW, t, x, t_x, T))));
    }
  });

  it('gives the same values after its cache of (x, T) pairs fills and starts again', () => {
    const small = new ConditionalPurchaseCurves(CDNOW, times, 2);
    const large = new ConditionalPurchaseCurves(CDNOW, times);
    for (const [x, t_x, T] of [...customers, ...customers]) expect(small.at(x, t_x, T)).toEqual(large.at(x, t_x, T));
  });

  it('checks the model and times up front and each history as conditionalExpectedPurchases does', () => {
    expect(() => new ConditionalPurchaseCurves({ ...CDNOW, a: 1 }, times)).toThrow(RangeError);
    expect(() => new ConditionalPurchaseCurves(CDNOW, [1, -2])).toThrow(/t must be a non-negative number, got -2/);
    expect(() => new ConditionalPurchaseCurves(CDNOW, times).at(2, 40, 38.86)).toThrow(/recency \(t_x = 40\) is larger than T/);
  });
});
