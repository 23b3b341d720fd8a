/**
 * The stage steps a worker serves, by activity type: the names recorded in workflow histories,
 * so they never change. The worker's threads (stepThread.ts) look a step up here by name.
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
};

export type StageStepName = keyof typeof STAGE_STEPS;
