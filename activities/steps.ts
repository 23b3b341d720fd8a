/**
 * The stage steps a worker serves, by activity type (stepNames.ts). The worker's threads
 * (stepThread.ts) look a step up here by name; the worker's own thread loads this module only
 * when it runs steps itself (activities/index.ts).
 */
import { cleanStage } from './clean';
import { extractStage } from './extract';
import { forecastPartStage, forecastStage, forecastSummaryStage } from './forecast';
import { profileStage } from './profile';
import { renderStage } from './publish';
import { sendStage } from './publish/deliver';
import { segmentStage } from './segment';
import { describeSegmentsStage } from './segment/insights';
import { valueStage } from './value';
import { voiceStage } from './voice';
import type { StageStepName } from './stepNames';

export const STAGE_STEPS = {
  extractSource: extractStage,
  cleanEntity: cleanStage,
  analyzeVoice: voiceStage,
  profileCustomers: profileStage,
  segmentCustomers: segmentStage,
  describeSegments: describeSegmentsStage,
  valueCustomers: valueStage,
  forecastRevenue: forecastStage,
  forecastSeriesPart: forecastPartStage,
  summarizeForecasts: forecastSummaryStage,
  renderReports: renderStage,
  sendReports: sendStage,
} satisfies Record<StageStepName, unknown>;
