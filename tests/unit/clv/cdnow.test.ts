/**
 * Fits on the real CDNOW sample against published values (shared/data/cdnow/README.md):
 * BG/NBD — Fader, Hardie & Lee 2005, "Counting your customers the easy way" (r 0.243, α 4.414,
 * a 0.793, b 2.426, LL −9582.4); Gamma-Gamma — FHL 2005 "RFM and CLV" (p 6.25, q 3.74, γ 15.44
 * on 946 repeat buyers). To 4 digits as lifetimes 0.11 reproduces them on this file with the
 * days/7 convention: r 0.2426, α 4.4136, a 0.7929, b 2.4259; p 6.2496, q 3.7442, v 15.4435.
 */
import { fitBgNbd } from '../../../analytics/clv/bgnbd';
import { fitGammaGamma } from '../../../analytics/clv/gammaGamma';
import { summarizeTransactions, type CustomerSummary } from '../../../analytics/clv/summary';
import { CDNOW_CALIBRATION_END, readCdnowTransactions } from './cdnow';

let summary: CustomerSummary[] = [];
beforeAll(async () => {
  summary = summarizeTransactions(await readCdnowTransactions(), { calibrationEnd: CDNOW_CALIBRATION_END, timeUnit: 'week' });
});
/** |actual − published| within half a unit of the last published digit. */
const toPublished = (actual: number, published: number, decimals: number) => expect(Math.abs(actual - published)).toBeLessThanOrEqual(0.5 * 10 ** -decimals);

describe('CDNOW, calibration to 1997-09-30 in weeks', () => {
  it('BG/NBD matches the published estimates and log-likelihood', () => {
    const fit = fitBgNbd(summary);
    expect(fit.converged).toBe(true);
    expect(fit.starts).toBeGreaterThanOrEqual(3);
    expect(fit.customers).toBe(2357);
    expect(fit.uniqueRows).toBeLessThan(fit.customers); // fitted over unique rows
    toPublished(fit.r, 0.2426, 4);
    toPublished(fit.alpha, 4.4136, 4);
    toPublished(fit.a, 0.7929, 4);
    toPublished(fit.b, 2.4259, 4);
    toPublished(fit.logLikelihood, -9582.4, 1);
  });

  it('Gamma-Gamma matches the published estimates on 946 repeat buyers', () => {
    const fit = fitGammaGamma(summary);
    expect(fit.converged).toBe(true);
    expect(fit.customers).toBe(946);
    expect(fit.skippedWithoutRepeat).toBe(2357 - 946);
    toPublished(fit.p, 6.2496, 4);
    toPublished(fit.q, 3.7442, 4);
    toPublished(fit.v, 15.4435, 4);
    // lifetimes' documentation reports corr(frequency, monetary) ≈ 0.11 on CDNOW: weak, as the model assumes.
    toPublished(fit.frequencyMonetaryCorrelation, 0.11, 2);
  });

  it('shrinks the estimates under an L2 penalty (as lifetimes\' penalizer_coef)', () => {
    const plain = fitBgNbd(summary);
    const penalised = fitBgNbd(summary, { penalty: 0.1 });
    expect(penalised.r).toBeLessThan(plain.r);
    expect(penalised.alpha).toBeLessThan(plain.alpha);
    expect(penalised.logLikelihood).toBeLessThan(plain.logLikelihood);
  });
});
