/** Builds a worker on the pipeline's task queue with the real activities, its stage steps on `config.workerThreads` threads. */
import path from 'node:path';
import { Worker, type NativeConnection, type WorkflowBundlePath } from '@temporalio/worker';
import type { Knex } from 'knex';
import { createActivities } from '../activities';
import { stepPool } from '../activities/stepPool';
import type { AppConfig } from '../infra/config';

export interface CreateWorkerOptions {
  connection: NativeConnection;
  db: Knex;
  config: AppConfig;
  identity?: string;
  /** The workflows already bundled (the integration tests bundle once for all their workers); else bundled here. */
  workflowBundle?: WorkflowBundlePath;
}

/** The workflows' source, bundled by the SDK for its sandbox. */
export const WORKFLOWS_PATH = path.join(__dirname, '..', 'workflows', 'index.ts');

export async function createWorker(options: CreateWorkerOptions): Promise<Worker> {
  const { connection, db, config } = options;
  return Worker.create({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    ...(options.workflowBundle ? { workflowBundle: options.workflowBundle } : { workflowsPath: WORKFLOWS_PATH }),
    activities: createActivities({ db, config, steps: config.workerThreads > 0 ? stepPool(config, config.workerThreads) : undefined }),
    ...(options.identity ? { identity: options.identity } : {}),
    // One step per thread: a worker takes no more than it can run, so the others on the queue take the rest.
    maxConcurrentActivityTaskExecutions: config.workerThreads || 2,
  });
}
