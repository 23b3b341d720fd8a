/** What every activity needs, injected once by the worker (createActivities(deps)). */
import type { Knex } from 'knex';
import type { StageInput } from '../contract/stages';
import type { AppConfig } from '../infra/config';
import type { Progress } from './heartbeat';

/** Runs a stage step, by its activity name, on one of the worker's threads (stepPool.ts). */
export interface StepRunner {
  run(step: string, input: StageInput, progress: Progress, signal: AbortSignal): Promise<object>;
}

export interface ActivityDeps {
  db: Knex;
  config: AppConfig;
  /** Absent: steps run on the calling thread (tests, offline commands). */
  steps?: StepRunner;
}
