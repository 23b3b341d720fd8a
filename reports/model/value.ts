/** The value stage's models, CAC, NPS / CSAT, profitability and CLVs: the value section of the report model. */
import type { AcquisitionCost } from '../../analytics/value/cac';

export interface ValueModelSummary {
  timeUnit: string;
  customers: number;
  repeatCustomers: number;
  fitted: boolean;
  skipReason: string | null;
  bgnbd: { r: number | null; alpha: number | null; a: number | null; b: number | null };
  gammaGamma: { p: number | null; q: number | null; v: number | null };
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
