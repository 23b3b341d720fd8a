/**
 * All activities, built from injected dependencies (the worker calls this once): the run
 * bookkeeping (runs.ts) and every stage step (steps.ts), each its stage's logic in the one
 * envelope of stage.ts. The names are the activity types recorded in workflow histories, so
 * they never change.
 */
import type { ActivityDeps } from './deps';
import { createRunActivities } from './runs';
import { stageActivity, type Stage, type Timed } from './stage';
import { STAGE_STEP_NAMES, type StageStepName } from './stepNames';
import type { STAGE_STEPS } from './steps';

type StageActivities = {
  [Name in keyof typeof STAGE_STEPS]: ReturnType<(typeof STAGE_STEPS)[Name]> extends Stage<infer Input, infer Result> ? (input: Input) => Promise<Timed<Result>> : never;
};

/**
 * The stages' modules, loaded when this thread runs a step itself. A worker with threads hands
 * every step to them by name and never loads the stages here: about 80 MB of RSS less in a
 * process that only talks to Temporal.
 */
async function stageStep(name: StageStepName): Promise<Stage<never, object>> {
  return (await import('./steps')).STAGE_STEPS[name]();
}

function stageActivities(deps: ActivityDeps): StageActivities {
  return Object.fromEntries(STAGE_STEP_NAMES.map((name) => [name, stageActivity(deps, name, () => stageStep(name))])) as StageActivities;
}

export function createActivities(deps: ActivityDeps) {
  return { ...createRunActivities(deps), ...stageActivities(deps) };
}

export type Activities = ReturnType<typeof createActivities>;
