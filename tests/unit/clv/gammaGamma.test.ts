/**
 * Gamma-Gamma formulas with fixed parameters: Fader, Hardie & Lee 2005, "RFM and CLV: using
 * iso-value curves for customer base analysis", JMR 42(4); Fader & Hardie 2013, "The
 * Gamma-Gamma model of monetary value".
 */
import {
  expectedAverageSpend,
  fitGammaGamma,
  gammaGammaLogLikelihood,
  gammaGammaLogLikelihoodGradient,
} from '../../../analytics/clv/gammaGamma';

const CDNOW = { p: 6.25, q: 3.74, v: 15.44 };

describe('gammaGammaLogLikelihood', () => {
  it('matches hand-worked customers', () => {
    // L = Γ(px+q)/(Γ(px)Γ(q)) · γ^q · m^(px−1) · x^(px) / (γ + m x)^(px+q)
    // p = q = γ = 1, x = 1, m = 2: 1 · 1 · 2^0 · 1 / 3^2 = 1/9
    expect(gammaGammaLogLikelihood({ p: 1, q: 1, v: 1 }, [{ frequency: 1, monetaryValue: 2 }])).toBeCloseTo(Math.log(1 / 9), 14);
    // p = 2, q = 3, γ = 4, x = 2, m = 3: Γ(7)/(Γ(4)Γ(3)) = 720/12 = 60; 4^3 · 3^3 · 2^4 = 27648; 10^7
    // L = 60 · 27648 / 10^7 = 0.165888
    expect(gammaGammaLogLikelihood({ p: 2, q: 3, v: 4 }, [{ frequency: 2, monetaryValue: 3 }])).toBeCloseTo(Math.log(0.165888), 13);
  });

  it('skips customers without repeat purchases', () => {
    const one = [{ frequency: 1, monetaryValue: 2 }];
    expect(gammaGammaLogLikelihood(CDNOW, [...one, { frequency: 0, monetaryValue: 0 }])).toBe(gammaGammaLogLikelihood(CDNOW, one));
  });

  it('has an analytic gradient equal to central differences', () => {
    const customers = [
      { frequency: 1, monetaryValue: 12 },
      { frequency: 3, monetaryValue: 40 },
      { frequency: 3, monetaryValue: 25.5 },
      { frequency: 17, monetaryValue: 31 },
    ];
    const theta = [5, 3, 14];
    const at = (t: number[]) => gammaGammaLogLikelihood({ p: t[0], q: t[1], v: t[2] }, customers);
    const { gradient } = gammaGammaLogLikelihoodGradient({ p: 5, q: 3, v: 14 }, customers);
    theta.forEach((value, i) => {
      const h = 1e-6 * value;
      const up = theta.map((t, j) => (j === i ? t + h : t));
      const down = theta.map((t, j) => (j === i ? t - h : t));
      expect(gradient[i]).toBeCloseTo((at(up) - at(down)) / (2 * h), 5);
    });
  });
});

describe('fitGammaGamma input checks', () => {
  it('refuses non-positive spend of a repeat customer, naming it (lifetimes#211, #378)', () => {
    expect(() => fitGammaGamma([{ frequency: 2, monetaryValue: -5, customerId: 'c7' }])).toThrow(
      /fitGammaGamma: row 0 \(customer c7\): monetary value must be > 0 for a repeat customer, got -5 .*not net profit/,
    );
    expect(() => fitGammaGamma([{ frequency: 0, monetaryValue: 0 }])).toThrow('fitGammaGamma: no repeat customers (frequency > 0) to fit');
  });
});

describe('expectedAverageSpend (Fader & Hardie 2013 eq. 5)', () => {
  it('is the population mean pγ/(q−1) without repeat purchases', () => {
    // 6.25 · 15.44 / 2.74 = 96.5 / 2.74 = 35.218978…
    expect(expectedAverageSpend(CDNOW, 0, 0)).toBeCloseTo(96.5 / 2.74, 12);
  });

  it('shrinks a customer mean towards the population mean', () => {
    // x = 2, m = 20: p(γ + x m)/(px + q − 1) = 6.25 · 55.44 / 15.24 = 346.5 / 15.24 = 22.736220…
    expect(expectedAverageSpend(CDNOW, 2, 20)).toBeCloseTo(346.5 / 15.24, 12);
    expect(expectedAverageSpend(CDNOW, 200, 20)).toBeCloseTo(20, 0); // many purchases: own mean dominates
  });

  it('rejects q ≤ 1 for a customer without repeat purchases, and non-positive spend', () => {
    expect(() => expectedAverageSpend({ p: 1, q: 0.5, v: 1 }, 0, 0)).toThrow(/expectedAverageSpend: px \+ q − 1 must be > 0/);
    expect(() => expectedAverageSpend(CDNOW, 1, 0)).toThrow(/expectedAverageSpend: monetary value must be > 0 when x > 0/);
  });
});
