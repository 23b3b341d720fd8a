import { fitBgNbd } from '../../../analytics/clv/bgnbd';
import { fitValueModels } from '../../../analytics/clv/fitModels';
import { fitGammaGamma } from '../../../analytics/clv/gammaGamma';
import { simulateCustomers } from '../../../analytics/clv/simulate';

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
