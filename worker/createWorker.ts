/** Builds a worker on the pipeline's task queue with the real activities, its stage steps on `config.workerThreads` threads. */
import { Worker, type NativeConnection, type WorkflowBundleOption } from '@temporalio/worker';
import type { Knex } from 'knex';
import { createActivities } from '../activities';
import { stepPool } from '../activities/stepPool';
import type { AppConfig } from '../infra/config';
import { bundleWorkflows } from './workflowBundle';

export interface CreateWorkerOptions {
  connection: NativeConnection;
  db: Knex;
  config: AppConfig;
  identity?: string;
  /** The workflows already bundled (the integration tests bundle once for all their workers); else bundled apart (workflowBundle.ts). */
  workflowBundle?: WorkflowBundleOption;
}

export async function createWorker(options: CreateWorkerOptions): Promise<Worker> {
  const { connection, db, config } = options;
  return Worker.create({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    workflowBundle: options.workflowBundle ?? await bundleWorkflows(),
    activities: createActivities({ db, config, steps: config.workerThreads > 0 ? stepPool(config, config.workerThreads) : undefined }),
    ...(options.identity ? { identity: options.identity } : {}),
    // One step per thread: a worker takes no more than it can run, so the others on the queue take the rest.
    maxConcurrentActivityTaskExecutions: config.workerThreads || 2,
  });
}
