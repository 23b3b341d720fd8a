/**
 * Fits BG/NBD and Gamma-Gamma together on one set of customer summaries, or says why not:
 * the Gamma-Gamma model fits on repeat customers alone and BG/NBD learns the purchase and
 * drop-out processes from them, so with too few repeat customers neither is identified and
 * the caller values customers without the probabilistic model.
 */
import { fitBgNbd, type BgNbdFit } from './bgnbd';
import { fitGammaGamma, type GammaGammaFit } from './gammaGamma';
import type { CustomerSummary } from './summary';

export type ValueModelsFit =
  | { fitted: true; repeatCustomers: number; bgnbd: BgNbdFit; gammaGamma: GammaGammaFit }
  | { fitted: false; repeatCustomers: number; reason: string };

/**
 * @param penalty L2 penalty on the parameters of both fits (see maximumLikelihood.ts); default 0.
 * @throws on an invalid summary (as fitBgNbd / fitGammaGamma).
 * @example fitValueModels([{ customerId: 'a', frequency: 0, recency: 0, T: 3, monetaryValue: 0 }], 50)
 * // { fitted: false, repeatCustomers: 0, reason: '0 repeat customers, fewer than the 50 needed to fit BG/NBD + Gamma-Gamma' }
 */
export function fitValueModels(customers: readonly CustomerSummary[], minRepeatCustomers: number, penalty = 0): ValueModelsFit {
  const repeatCustomers = customers.filter((c) => c.frequency > 0).length;
  if (repeatCustomers < minRepeatCustomers) {
    return { fitted: false, repeatCustomers, reason: `${repeatCustomers} repeat customers, fewer than the ${minRepeatCustomers} needed to fit BG/NBD + Gamma-Gamma` };
  }
  return { fitted: true, repeatCustomers, bgnbd: fitBgNbd(customers, { penalty }), gammaGamma: fitGammaGamma(customers, { penalty }) };
}
