/** All activities, built from injected dependencies (the worker calls this once). */
import { createCleanActivities } from './clean';
import type { ActivityDeps } from './deps';
import { createExtractActivities } from './extract';
import { createRunActivities } from './runs';

export function createActivities(deps: ActivityDeps) {
  return {
    ...createRunActivities(deps),
    ...createExtractActivities(deps),
    ...createCleanActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
