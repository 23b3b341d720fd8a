/**
 * All activities, built from injected dependencies (the worker calls this once). Each stage
 * step is its stage's logic in the one envelope of stage.ts; the names are the activity
 * types recorded in workflow histories, so they never change.
 */
import { cleanStage } from './clean';
import type { ActivityDeps } from './deps';
import { extractStage } from './extract';
import { forecastStage } from './forecast';
import { profileStage } from './profile';
import { renderStage } from './publish';
import { sendStage } from './publish/deliver';
import { createRunActivities } from './runs';
import { segmentStage } from './segment';
import { describeSegmentsStage } from './segment/insights';
import { stageActivity } from './stage';
import { valueStage } from './value';
import { voiceStage } from './voice';

export function createActivities(deps: ActivityDeps) {
  return {
    ...createRunActivities(deps),
    extractSource: stageActivity(deps, extractStage),
    cleanEntity: stageActivity(deps, cleanStage),
    analyzeVoice: stageActivity(deps, voiceStage),
    profileCustomers: stageActivity(deps, profileStage),
    segmentCustomers: stageActivity(deps, segmentStage),
    describeSegments: stageActivity(deps, describeSegmentsStage),
    valueCustomers: stageActivity(deps, valueStage),
    forecastRevenue: stageActivity(deps, forecastStage),
    renderReports: stageActivity(deps, renderStage),
    sendReports: stageActivity(deps, sendStage),
  };
}

export type Activities = ReturnType<typeof createActivities>;
