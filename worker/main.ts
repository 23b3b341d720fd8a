/**
 * The worker process: `npm run worker`. Connects to the stack named by the environment
 * (or the running local stack) and serves the task queue until stopped. Run several to
 * share the work.
 */
import { loadConfig } from '../infra/config';
import { checkPiiSalt } from '../infra/credentials';
import { logger } from '../infra/logging';
import { createDb, migrateToLatest } from '../infra/postgres';
import { configForEndpoints, resolveEndpoints } from '../infra/stack';
import { connectWorker } from '../infra/temporal';
import { createWorker } from './createWorker';

async function run(): Promise<void> {
  const config = loadConfig();
  const endpoints = await resolveEndpoints(config);
  const saltWarning = checkPiiSalt(config, endpoints);
  if (saltWarning) logger.warn(saltWarning);
  const db = createDb(endpoints.databaseUrl);
  // Migrations are idempotent and take knex's migration lock: safe with several workers.
  await migrateToLatest(db);
  const connection = await connectWorker(config, endpoints.temporalAddress);
  const worker = await createWorker({ connection, db, config: configForEndpoints(config, endpoints) });
  logger.info({ taskQueue: config.temporal.taskQueue, address: endpoints.temporalAddress }, 'worker started');
  try {
    await worker.run();
  } finally {
    await connection.close();
    await db.destroy();
  }
}

run().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
