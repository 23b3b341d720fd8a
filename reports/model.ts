/**
 * The typed model every report is built from (STYLE: reports are pure builders from a typed
 * model). The publish activity loads it from PostgreSQL for one run; the workbook, chart and
 * PDF builders only read it. A section whose stage produced no rows for the run is `null`
 * and the reports say "not computed in this run" — never a made-up number.
 */
import type { Bilingual } from '../analytics/segment/bilingual';
import type { CrossTab } from '../analytics/segment/describe';
import type { PersonaCard } from '../analytics/segment/personas';
import type { AcquisitionCost } from '../analytics/value/cac';

export type KpiFormat = 'integer' | 'currency' | 'percent' | 'decimal';

export interface Kpi {
  key: string;
  label: Bilingual;
  format: KpiFormat;
  /** This run's value; null when the stage that computes it did not run. */
  value: number | null;
  /** The same figure in the previous run (by as_of); null when there is none. */
  previous: number | null;
}

export interface ReportWarning {
  level: 'warning' | 'info';
  message: Bilingual;
}

export interface RunInfo {
  runId: string;
  asOf: string;
  status: string;
  timeZone: string;
}

export interface SegmentRow {
  segment: string;
  name: Bilingual;
  customers: number;
  customerShare: number;
  revenue: number;
  revenueShare: number;
  medianRecencyDays: number;
  medianFrequency: number;
  medianMonetary: number;
}

export interface Persona {
  name: Bilingual;
  card: PersonaCard;
}

export interface NamedCrossTab {
  title: Bilingual;
  table: CrossTab;
}

export interface CustomerRow {
  customerId: string;
  rfmSegment: Bilingual;
  r: number;
  f: number;
  m: number;
  group: Bilingual;
  lifecycle: Bilingual;
  valueTier: Bilingual;
  tags: string[];
  recencyDays: number;
  frequency: number;
  monetary: number;
  averageOrderValue: number;
  firstOrderDate: string;
  lastOrderDate: string;
  topChannel: string | null;
  topCategory: string | null;
  city: string | null;
  ageBand: string | null;
  /** From the value stage; null when it did not run. */
  clv: number | null;
  pAlive: number | null;
  churnRisk: string | null;
}

export interface RfmCell {
  r: number;
  f: number;
  customers: number;
  revenue: number;
}

export interface DataQualityRule {
  entity: string;
  source: string;
  rule: string;
  description: Bilingual;
  action: string;
  rows: number;
}

export interface SourceAccount {
  source: string;
  entity: string;
  read: number;
  afterAsOf: number;
  accepted: number;
  quarantined: number;
}

export interface QuarantineSample {
  entity: string;
  source: string;
  rowNo: number;
  reason: string;
  column: string | null;
  detail: string | null;
  /** The raw source values as JSON text. */
  raw: string;
}

export interface DataQuality {
  sources: SourceAccount[];
  rules: DataQualityRule[];
  quarantineTotal: number;
  quarantineSample: QuarantineSample[];
}

export interface RevenueMonth {
  /** YYYY-MM in the run's time zone. */
  month: string;
  revenue: number;
  orders: number;
  customers: number;
}

export interface ForecastSeries {
  seriesId: string;
  frequency: string;
  /** revenue, orders or active_customers. */
  measure: string;
  dimension: string;
  member: string;
  periods: number;
  lastPeriod: string;
  /** Picked candidate and its fitted model; null when the series was too short to forecast. */
  chosen: string | null;
  model: string | null;
  /** Why this forecast (the pooled candidates and their backtest MASE against seasonal naive's). */
  reason: string | null;
  backtestOrigins: number;
  notes: string[];
}

export interface ForecastPoint {
  seriesId: string;
  period: string;
  /** YYYY-MM-DD. */
  periodStart: string;
  kind: 'actual' | 'forecast';
  step: number | null;
  value: number;
  lo80: number | null;
  hi80: number | null;
  lo95: number | null;
  hi95: number | null;
}

export interface ForecastScore {
  seriesId: string;
  candidate: string;
  chosen: boolean;
  mase: number | null;
  smape: number | null;
  bias: number | null;
  coverage80: number | null;
  coverage95: number | null;
}

export interface TrackRecordRow {
  forecastRunId: string;
  seriesId: string;
  period: string;
  step: number;
  forecast: number;
  actual: number;
  error: number;
  inside80: boolean;
  inside95: boolean;
}

export interface ForecastSection {
  series: ForecastSeries[];
  points: ForecastPoint[];
  scores: ForecastScore[];
  trackRecord: TrackRecordRow[];
}

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

/** Comments of one language or source (survey | review) and their negative share. */
export interface SentimentBreakdown {
  key: string;
  comments: number;
  negative: number;
  negativeShare: number;
}

export interface TopicKeyword {
  /** all | month | segment */
  grouping: string;
  groupKey: string;
  /** `all` or YYYY-MM */
  period: string;
  kind: 'praise' | 'complaint';
  rank: number;
  term: string;
  weight: number;
  comments: number;
}

export interface SegmentNegativeShare {
  segment: string;
  name: Bilingual;
  comments: number;
  negativeShare: number;
  /** The share in the previous run that tracked it; null when there is none or the segment was absent. */
  previousShare: number | null;
}

export interface VoiceWarningRow {
  kind: 'high_value_negative' | 'negative_share_rise';
  /** A customer id (pseudonymous, as on the Customers sheet) or an RFM segment. */
  subject: string;
  detail: string;
  value: number | null;
  previous: number | null;
}

export interface VoiceSection {
  comments: number;
  negative: number;
  /** Negative comments ÷ comments; null with no comments. */
  negativeShare: number | null;
  meanScore: number | null;
  byLanguage: SentimentBreakdown[];
  bySource: SentimentBreakdown[];
  topics: TopicKeyword[];
  segments: SegmentNegativeShare[];
  /** The run that the previous shares come from; null when none tracked them. */
  previousRunId: string | null;
  /** Customers per voice tag, every tag listed (0 when none carries it). */
  tagCounts: { tag: string; customers: number }[];
  warnings: VoiceWarningRow[];
}

export interface ClusterRow {
  cluster: number;
  customers: number;
  customerShare: number;
  revenueShare: number;
  featureMeans: Record<string, number>;
  rules: { zh: string; en: string; support: number }[];
  ruleFidelity: number | null;
}

export interface MigrationCell {
  from: string;
  to: string;
  customers: number;
  shareOfFrom: number;
}

export interface AffinityPair {
  itemA: string;
  itemB: string;
  orders: number;
  support: number;
  confidenceAB: number;
  confidenceBA: number;
  lift: number;
}

export interface SegmentInsights {
  /** Null when the run was not clustered. */
  clustering: {
    k: number;
    /** How k was chosen (prediction_strength or silhouette); null on runs that did not record it. */
    criterion: string | null;
    silhouette: number | null;
    /** Prediction strength of the chosen k; null on runs that did not compute it. */
    predictionStrength: number | null;
    ruleFidelity: number | null;
    featureKeys: string[];
    clusters: ClusterRow[];
  } | null;
  /** customer_group migration since the previous run; null without a previous run. */
  migration: { previousRunId: string; cells: MigrationCell[]; movedIntoRisk: number } | null;
  categoryAffinity: AffinityPair[];
  productAffinity: AffinityPair[];
}

/** Stages whose results the reports show once they exist for the run. */
export type PendingStage = 'forecast' | 'value' | 'voice';

export interface ReportModel {
  run: RunInfo;
  previousRun: { runId: string; asOf: string } | null;
  kpis: Kpi[];
  warnings: ReportWarning[];
  segments: SegmentRow[];
  personas: Persona[];
  crossTabs: NamedCrossTab[];
  /** The scored list, largest spend first, at most `customersLimit` rows (the CRM CSV has all). */
  customers: CustomerRow[];
  customersTotal: number;
  customersLimit: number;
  rfmGrid: RfmCell[];
  dataQuality: DataQuality;
  revenueHistory: RevenueMonth[];
  /** Null when the forecast stage has no results for the run. */
  forecast: ForecastSection | null;
  /** Null when the value stage has no results for the run. */
  value: ValueSection | null;
  /** Null when the voice stage has no results for the run. */
  voice: VoiceSection | null;
  segmentInsights: SegmentInsights;
  /** Stages with no results for this run: their sheets say "not computed in this run". */
  notComputed: PendingStage[];
}
