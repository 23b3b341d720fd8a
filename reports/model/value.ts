/** The value stage's models, CAC, NPS / CSAT, profitability and CLVs: the value section of the report model. */
import type { BgNbdParams } from '../../analytics/clv/bgnbdLikelihood';
import type { GammaGammaParams } from '../../analytics/clv/gammaGamma';
import type { AcquisitionCost } from '../../analytics/value/cac';
import type { TimeUnit } from '../../analytics/clv/summary';

/** A fit's diagnostics as the value stage stores them. */
export interface StoredFitDiagnostics {
  logLikelihood: number;
  converged: boolean;
  iterations: number;
  gradientNorm: number;
}

/**
 * The value stage's models of a run as stored (activities/value/store.ts writes and reads them):
 * the parameters and diagnostics, null when the models were not fitted (skipReason says why).
 */
export interface ValueModelSummary {
  timeUnit: TimeUnit;
  customers: number;
  repeatCustomers: number;
  fitted: boolean;
  skipReason: string | null;
  bgnbd: (BgNbdParams & StoredFitDiagnostics & { uniqueRows: number }) | null;
  gammaGamma: (GammaGammaParams & StoredFitDiagnostics) | null;
  frequencyMonetaryCorrelation: number | null;
}

export interface SurveyScore {
  /** overall | customer_group | rfm_segment | month */
  grouping: string;
  key: string;
  npsResponses: number;
  nps: number | null;
  npsSmallSample: boolean;
  csatResponses: number;
  csat: number | null;
  csatSmallSample: boolean;
}

export interface SegmentProfit {
  grouping: string;
  segment: string;
  transactions: number;
  averageProfitPerTransaction: number;
  marketingCost: number;
  grossProfit: number;
  netProfit: number;
  marketingRoi: number | null;
}

export interface ValueSection {
  model: ValueModelSummary;
  acquisitionCosts: AcquisitionCost[];
  surveyScores: SurveyScore[];
  profitability: SegmentProfit[];
  /** Every customer's CLV (probabilistic when fitted, else the finance formula), for the distribution chart. */
  clv: number[];
  clvKind: 'probabilistic' | 'simple';
}
