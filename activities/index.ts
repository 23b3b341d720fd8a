/** All activities, built from injected dependencies (the worker calls this once). */
import { createCleanActivities } from './clean';
import type { ActivityDeps } from './deps';
import { createDeliverActivities } from './deliver';
import { createExtractActivities } from './extract';
import { createProfileActivities } from './profile';
import { createPublishActivities } from './publish';
import { createRunActivities } from './runs';
import { createSegmentActivities } from './segment';

export function createActivities(deps: ActivityDeps) {
  return {
    ...createRunActivities(deps),
    ...createExtractActivities(deps),
    ...createCleanActivities(deps),
    ...createProfileActivities(deps),
    ...createSegmentActivities(deps),
    ...createPublishActivities(deps),
    ...createDeliverActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
