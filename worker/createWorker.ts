/** Builds a worker on the pipeline's task queue with the real activities. */
import path from 'node:path';
import { Worker, type NativeConnection } from '@temporalio/worker';
import type { Knex } from 'knex';
import { createActivities } from '../activities';
import type { AppConfig } from '../infra/config';

export async function createWorker(options: { connection: NativeConnection; db: Knex; config: AppConfig; identity?: string }): Promise<Worker> {
  const { connection, db, config } = options;
  return Worker.create({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    workflowsPath: path.join(__dirname, '..', 'workflows', 'index.ts'),
    activities: createActivities({ db, config }),
    ...(options.identity ? { identity: options.identity } : {}),
    // Stages are I/O-heavy and single-threaded in JS: a couple at a time per 2-core worker.
    maxConcurrentActivityTaskExecutions: 4,
  });
}
