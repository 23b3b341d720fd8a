/** Builds a worker on the pipeline's task queue with the real activities, its stage steps on `config.workerThreads` threads. */
import path from 'node:path';
import { Worker, type NativeConnection } from '@temporalio/worker';
import type { Knex } from 'knex';
import { createActivities } from '../activities';
import { stepPool } from '../activities/stepPool';
import type { AppConfig } from '../infra/config';

export async function createWorker(options: { connection: NativeConnection; db: Knex; config: AppConfig; identity?: string }): Promise<Worker> {
  const { connection, db, config } = options;
  return Worker.create({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    workflowsPath: path.join(__dirname, '..', 'workflows', 'index.ts'),
    activities: createActivities({ db, config, steps: config.workerThreads > 0 ? stepPool(config, config.workerThreads) : undefined }),
    ...(options.identity ? { identity: options.identity } : {}),
    // One step per thread: a worker takes no more than it can run, so the others on the queue take the rest.
    maxConcurrentActivityTaskExecutions: config.workerThreads || 2,
  });
}
