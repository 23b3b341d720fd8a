/**
 * The stage steps a worker serves, by activity type (stepNames.ts), each loaded when first run:
 * the worker's threads (stepThread.ts) look a step up here by name, and a thread loads only the
 * stages it runs. All of them took about 100 MB of RSS per thread, the publish stage's report
 * libraries 40 MB of it, held through every stage before it. The worker's own thread loads
 * this module only when it runs steps itself (activities/index.ts).
 *
 * Loaded with `require`, not `import()`: a step thread registers tsx for `require` only
 * (infra/taskThread.cjs), and Node's ES module loader cannot resolve an extensionless TypeScript path.
 */
import type { StageStepName } from './stepNames';

/* eslint-disable @typescript-eslint/no-require-imports */
export const STAGE_STEPS = {
  extractSource: () => (require('./extract') as typeof import('./extract')).extractStage,
  cleanEntity: () => (require('./clean') as typeof import('./clean')).cleanStage,
  standardizeEntity: () => (require('./clean') as typeof import('./clean')).standardizeStage,
  applyCleanRules: () => (require('./clean') as typeof import('./clean')).cleanRulesStage,
  analyzeVoice: () => (require('./voice') as typeof import('./voice')).voiceStage,
  profileCustomers: () => (require('./profile') as typeof import('./profile')).profileStage,
  segmentCustomers: () => (require('./segment') as typeof import('./segment')).segmentStage,
  describeSegments: () => (require('./segment/insights') as typeof import('./segment/insights')).describeSegmentsStage,
  valueCustomers: () => (require('./value') as typeof import('./value')).valueStage,
  forecastRevenue: () => (require('./forecast') as typeof import('./forecast')).forecastStage,
  forecastSeriesPart: () => (require('./forecast') as typeof import('./forecast')).forecastPartStage,
  summarizeForecasts: () => (require('./forecast') as typeof import('./forecast')).forecastSummaryStage,
  renderReports: () => (require('./publish') as typeof import('./publish')).renderStage,
  sendReports: () => (require('./publish/deliver') as typeof import('./publish/deliver')).sendStage,
} satisfies Record<StageStepName, unknown>;
/* eslint-enable @typescript-eslint/no-require-imports */
