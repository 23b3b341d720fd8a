/**
 * A worker thread's task (stepPool.ts): runs one stage step by its activity name, in the
 * thread's own PostgreSQL pool, posting progress back to the worker's event loop. Errors
 * return as data (type and message): a thread's error would reach the worker as a plain Error.
 */
import type { Knex } from 'knex';
import type { StageInput } from '../contract/stages';
import type { AppConfig } from '../infra/config';
import { createDb } from '../infra/postgres';
import type { ActivityDeps } from './deps';
import type { Stage } from './stage';
import type { StepOutcome, StepTask } from './stepPool';
import type { StageStepName } from './stepNames';
import { STAGE_STEPS } from './steps';

/** Connections per thread: a step holds its transaction and at most three readers (the forecast's two period-total queries beside its customers' purchases). */
const THREAD_POOL_MAX = 4;

const databases = new Map<string, Knex>();

/** The thread's pool for the worker's database (one per URL: the workers of a test process may differ). */
function threadDeps(app: AppConfig): ActivityDeps {
  const url = app.databaseUrl!;
  let db = databases.get(url);
  if (!db) {
    db = createDb(url, THREAD_POOL_MAX);
    databases.set(url, db);
  }
  return { db, config: app };
}

export default async function runStep(task: StepTask): Promise<StepOutcome> {
  try {
    if (!(task.step in STAGE_STEPS)) throw new Error(`no stage step ${task.step}`);
    const stage: Stage<StageInput, object> = STAGE_STEPS[task.step as StageStepName]();
    const result = await stage.run(threadDeps(task.app), task.input, (details) => task.progress.postMessage(details));
    return { ok: true, result };
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    return { ok: false, error: { name: e.name, message: e.message, stack: e.stack } };
  } finally {
    task.progress.close();
  }
}
