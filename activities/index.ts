/** All activities, built from injected dependencies (the worker calls this once). */
import { createCleanActivities } from './clean';
import type { ActivityDeps } from './deps';
import { createDeliverActivities } from './publish/deliver';
import { createExtractActivities } from './extract';
import { createForecastActivities } from './forecast';
import { createProfileActivities } from './profile';
import { createPublishActivities } from './publish';
import { createRunActivities } from './runs';
import { createSegmentActivities } from './segment';
import { createSegmentInsightActivities } from './segment/insights';
import { createSkippedActivities } from './skipped';
import { createValueActivities } from './value';
import { createVoiceActivities } from './voice';

export function createActivities(deps: ActivityDeps) {
  return {
    ...createRunActivities(deps),
    ...createSkippedActivities(deps),
    ...createExtractActivities(deps),
    ...createCleanActivities(deps),
    ...createProfileActivities(deps),
    ...createSegmentActivities(deps),
    ...createSegmentInsightActivities(deps),
    ...createValueActivities(deps),
    ...createForecastActivities(deps),
    ...createVoiceActivities(deps),
    ...createPublishActivities(deps),
    ...createDeliverActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
