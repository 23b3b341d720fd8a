/**
 * What each stage's activities return to the workflow. Small: counts, timings, names and
 * checksums — never datasets (the data stays in the run's tables).
 */
import type { EntityName } from '../config/canonical';
import type { RuleTally } from './stages';

export interface ExtractResult {
  source: string;
  entity: EntityName;
  /** Staging table holding the rows (claim check). */
  table: string;
  read: number;
  /** Rows dated after the run's as-of date: not read into the run. */
  afterAsOf: number;
  /** Rows read from the source by this run (0 when the raw store already held them: an unchanged file, a backfilled week). */
  extracted: number;
  /** Staged rows taken from the raw store, read by an earlier run's extraction. */
  fromStore: number;
  ms: number;
}

/** An entity's sources standardized: rows read, and how often each rule fixed one (for the rules step's summary). */
export interface StandardizeResult {
  entity: EntityName;
  read: number;
  tallies: RuleTally[];
  ms: number;
}

export interface CleanResult {
  entity: EntityName;
  table: string;
  read: number;
  accepted: number;
  quarantined: number;
  ms: number;
}

export interface VoiceResult {
  /** Comments scored (survey comments and reviews) and how many came out negative. */
  comments: number;
  negative: number;
  /** Keyword rows written to comment_topics. */
  topics: number;
  /** Customers with a customer_voice row, and how many got each voice tag. */
  customers: number;
  tagged: Record<string, number>;
  /** Run whose segments grouped the per-segment topics; null on a first run. */
  previousRun: string | null;
  ms: number;
}

export interface ProfileResult {
  /** Customers profiled (rows in customer_profiles for the run). */
  customers: number;
  ms: number;
}

export interface SegmentResult {
  /** Customers segmented (rows in customer_segments for the run). */
  customers: number;
  /** Chosen number of clusters; 1 when clustering was skipped, 0 with no customers. */
  k: number;
  /** Mean silhouette of the chosen k; null when clustering was skipped. */
  silhouette: number | null;
  /** True when there were too few customers to cluster (everyone in cluster 0). */
  clusteringSkipped: boolean;
  seed: number;
  ms: number;
}

export interface SegmentInsightsResult {
  customers: number;
  /** The run the migration matrix compares with; null for the first run. */
  previousRunId: string | null;
  /** Customers who moved into an at-risk segment since the previous run (both dimensions). */
  movedIntoRisk: number;
  /** Frequently-bought-together pairs stored (category and product level, all segments). */
  affinityPairs: number;
  ms: number;
}

export interface ValueResult {
  /** Customers valued (rows in customer_value for the run). */
  customers: number;
  repeatCustomers: number;
  /** Fitted parameters; null when the models were not fitted (see skipReason). */
  bgnbd: { r: number; alpha: number; a: number; b: number; logLikelihood: number; converged: boolean } | null;
  gammaGamma: { p: number; q: number; v: number; converged: boolean; frequencyMonetaryCorrelation: number | null } | null;
  skipReason: string | null;
  /** Rows in acquisition_costs, survey_scores and segment_profitability. */
  acquisitionCells: number;
  surveyScores: number;
  profitabilityRows: number;
  ms: number;
}

/** Backtest MASE of a total series' chosen model next to seasonal naive's (null where undefined). */
export interface TotalSeriesAccuracy {
  chosen: string;
  mase: number | null;
  snaiveMase: number | null;
}

export interface CustomerBacktestSummary {
  seriesId: string;
  origins: number;
  mase: number | null;
  fitMs: number;
  forecastMs: number;
}

export interface ForecastStageResult {
  /** Series stored (rows in forecast_series for the run) and how many of them were forecast. */
  series: number;
  forecast: number;
  /** Chosen candidate → number of series. */
  models: Record<string, number>;
  /** The total weekly and monthly series, when forecast. */
  total: { week?: TotalSeriesAccuracy; month?: TotalSeriesAccuracy };
  /** Earlier runs' forecasts scored against this run's actuals (rows in forecast_track_record). */
  trackRecord: number;
  /** Forecast risk warnings stored for the run (rows in forecast_risk_warnings). */
  riskWarnings: number;
  /** The customer-based forecast: rows in forecast_customer_based, and why it is empty or what it leaves out. */
  /** Rows of forecast_customer_based; its backtest per total revenue series (origins scored, MASE, time spent). */
  customerBased: { rows: number; notes: string[]; backtests: CustomerBacktestSummary[] };
  ms: number;
}

/** A part of the forecast stage: the series whose id hashes to it (contract/stages.ts), with their backtests. */
export type ForecastSeriesResult = Pick<ForecastStageResult, 'series' | 'forecast' | 'models' | 'total' | 'ms'> & { backtests: CustomerBacktestSummary[] };

/** The forecast stage's summary after its parts: track record, risk warnings, customer-based forecast. */
export type ForecastSummaryResult = Pick<ForecastStageResult, 'trackRecord' | 'riskWarnings' | 'ms'> & { customerBased: Omit<ForecastStageResult['customerBased'], 'backtests'> };

/** The forecast stage's result from its parts and summary (the parts ran side by side: its time is the slowest part's and the summary's). */
export function forecastOfParts(parts: readonly ForecastSeriesResult[], summary: ForecastSummaryResult): ForecastStageResult {
  const models: Record<string, number> = {};
  for (const part of parts) for (const [model, n] of Object.entries(part.models)) models[model] = (models[model] ?? 0) + n;
  return {
    series: parts.reduce((n, p) => n + p.series, 0),
    forecast: parts.reduce((n, p) => n + p.forecast, 0),
    models,
    total: Object.assign({}, ...parts.map((p) => p.total)) as ForecastStageResult['total'],
    trackRecord: summary.trackRecord,
    riskWarnings: summary.riskWarnings,
    customerBased: { ...summary.customerBased, backtests: parts.flatMap((p) => p.backtests) },
    ms: Math.max(...parts.map((p) => p.ms)) + summary.ms,
  };
}

export type ArtifactKind = 'workbook' | 'pdf' | 'crm_csv' | 'mail';

/** A report file under OUT_DIR, as recorded in report_artifacts. */
export interface ReportArtifact {
  kind: ArtifactKind;
  path: string;
  bytes: number;
  sha256: string;
}

export interface RenderResult {
  artifacts: ReportArtifact[];
  /** Rows in crm_export for the run. */
  crmRows: number;
  charts: number;
  ms: number;
}

export interface DeliveryResult {
  deliveryId: number;
  messageId: string;
  recipients: string[];
  accepted: string[];
  /** True when these reports had already been mailed for the run (a retried workflow): nothing was sent. */
  alreadyDelivered: boolean;
}

export interface PublishResult extends RenderResult {
  delivery: DeliveryResult;
}
