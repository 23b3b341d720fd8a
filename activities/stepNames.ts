/** The stage steps' activity types: the names recorded in workflow histories, so they never change. */
export const STAGE_STEP_NAMES = [
  'extractSource', 'cleanEntity', 'analyzeVoice', 'profileCustomers', 'segmentCustomers', 'describeSegments',
  'valueCustomers', 'forecastRevenue', 'forecastSeriesPart', 'summarizeForecasts', 'renderReports', 'sendReports',
  'standardizeEntity', 'applyCleanRules',
] as const;

export type StageStepName = (typeof STAGE_STEP_NAMES)[number];
