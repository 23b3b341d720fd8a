/**
 * The shared integration-test harness: config pointing at the suite's stack, a knex
 * handle, a Temporal client, and an in-process worker around a test body (on the workflows the
 * globalSetup bundled once).
 */
import { Client } from '@temporalio/client';
import type { Knex } from 'knex';
import { loadConfig, type AppConfig } from '../../infra/config';
import { createDb } from '../../infra/postgres';
import { connectClient, connectWorker } from '../../infra/temporal';
import { createWorker } from '../../worker/createWorker';
import { testWorkflowBundle } from './workflowBundle';

export interface Harness {
  config: AppConfig;
  db: Knex;
  client: Client;
  close(): Promise<void>;
}

export async function openHarness(taskQueue: string): Promise<Harness> {
  const config = loadConfig({ ...process.env, TEMPORAL_TASK_QUEUE: taskQueue, LOG_LEVEL: 'warn' });
  const db = createDb(config.databaseUrl!);
  const client = await connectClient(config, config.temporal.address!);
  return {
    config,
    db,
    client,
    close: async () => {
      await client.connection.close();
      await db.destroy();
    },
  };
}

/** Runs `body` while an in-process worker serves the harness's task queue. */
export async function withWorker<T>(harness: Harness, body: () => Promise<T>): Promise<T> {
  const connection = await connectWorker(harness.config, harness.config.temporal.address!);
  const workflowBundle = testWorkflowBundle();
  const worker = await createWorker({ connection, db: harness.db, config: harness.config, ...(workflowBundle ? { workflowBundle } : {}) });
  try {
    return await worker.runUntil(body());
  } finally {
    await connection.close();
  }
}
