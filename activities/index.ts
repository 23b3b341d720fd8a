/**
 * All activities, built from injected dependencies (the worker calls this once): the run
 * bookkeeping (runs.ts) and every stage step (steps.ts), each its stage's logic in the one
 * envelope of stage.ts. The names are the activity types recorded in workflow histories, so
 * they never change.
 */
import type { ActivityDeps } from './deps';
import { createRunActivities } from './runs';
import { stageActivity, type Stage, type Timed } from './stage';
import { STAGE_STEPS } from './steps';

type StageActivities = {
  [Name in keyof typeof STAGE_STEPS]: (typeof STAGE_STEPS)[Name] extends Stage<infer Input, infer Result> ? (input: Input) => Promise<Timed<Result>> : never;
};

function stageActivities(deps: ActivityDeps): StageActivities {
  const entries = Object.entries(STAGE_STEPS).map(([name, stage]: [string, Stage<never, object>]) => [name, stageActivity(deps, name, stage)]);
  return Object.fromEntries(entries) as StageActivities;
}

export function createActivities(deps: ActivityDeps) {
  return { ...createRunActivities(deps), ...stageActivities(deps) };
}

export type Activities = ReturnType<typeof createActivities>;
