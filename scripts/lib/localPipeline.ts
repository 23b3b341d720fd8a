/**
 * The whole pipeline in one process for the demo and the benchmarks: the local stack
 * (embedded PostgreSQL + Temporal dev server), a database handle, a Temporal client and a
 * worker, all closed in reverse order when `body` ends.
 */
import type { Client } from '@temporalio/client';
import type { Worker } from '@temporalio/worker';
import type { Knex } from 'knex';
import type { AppConfig } from '../../infra/config';
import { createDb } from '../../infra/postgres';
import { configForEndpoints, startLocalStack, type LocalStack, type StackOptions } from '../../infra/stack';
import { connectClient, connectWorker } from '../../infra/temporal';
import { createWorker } from '../../worker/createWorker';

export interface LocalPipeline {
  stack: LocalStack;
  db: Knex;
  client: Client;
  worker: Worker;
}

export async function withLocalPipeline<T>(config: AppConfig, ports: StackOptions, body: (pipeline: LocalPipeline) => Promise<T>): Promise<T> {
  const stack = await startLocalStack(config, ports);
  const db = createDb(stack.databaseUrl);
  try {
    const connection = await connectWorker(config, stack.temporalAddress);
    const client = await connectClient(config, stack.temporalAddress);
    try {
      const worker = await createWorker({ connection, db, config: configForEndpoints(config, stack) });
      return await body({ stack, db, client, worker });
    } finally {
      await client.connection.close();
      await connection.close();
    }
  } finally {
    await db.destroy();
    await stack.stop();
  }
}
