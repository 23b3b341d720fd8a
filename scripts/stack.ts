/**
 * `npm run stack`: the local stack for development — embedded PostgreSQL, a Temporal dev
 * server (Web UI printed) and a worker — running until Ctrl-C. Other terminals then use
 * `npm run cli -- refresh …`. With `--no-worker` it only serves PostgreSQL and Temporal
 * (the test suite uses that: a machine-readable STACK_READY line names the stack file, which holds
 * the endpoints; credentials are never printed).
 */
import { Command } from 'commander';
import { loadConfig } from '../infra/config';
import { createDb } from '../infra/postgres';
import { redactUrl } from '../infra/credentials';
import { configForEndpoints, DEFAULT_STACK_PORTS, stackFile, startLocalStack } from '../infra/stack';
import { connectWorker } from '../infra/temporal';
import { createWorker } from '../worker/createWorker';

const options = new Command('stack')
  .option('--no-worker', 'do not run a worker in this process')
  .option('--pg-port <port>', 'embedded PostgreSQL port', String(DEFAULT_STACK_PORTS.pgPort))
  .option('--temporal-port <port>', 'Temporal dev server port', String(DEFAULT_STACK_PORTS.temporalPort))
  .option('--ui-port <port>', 'Temporal Web UI port', String(DEFAULT_STACK_PORTS.uiPort))
  .option('--stop-when-stdin-closes', 'stop when standard input closes (the process that started the stack ended, however it ended)')
  .parse(process.argv)
  .opts<{ worker: boolean; pgPort: string; temporalPort: string; uiPort: string; stopWhenStdinCloses?: boolean }>();

async function run(): Promise<void> {
  const config = loadConfig();
  const stack = await startLocalStack(config, { pgPort: Number(options.pgPort), temporalPort: Number(options.temporalPort), uiPort: Number(options.uiPort) });
  // Endpoints with credentials stay in the 0600 stack file; the line names it and shows them masked.
  console.log(`STACK_READY ${JSON.stringify({ stackFile: stackFile(config), databaseUrl: redactUrl(stack.databaseUrl), temporalAddress: stack.temporalAddress, uiUrl: stack.uiUrl, smtpUrl: stack.smtpUrl && redactUrl(stack.smtpUrl) })}`);
  if (stack.uiUrl) console.error(`Temporal Web UI: ${stack.uiUrl}`);

  let stopWorker: (() => void) | undefined;
  let workerDone: Promise<void> = new Promise<void>((resolve) => { stopWorker = resolve; });
  const db = createDb(stack.databaseUrl);
  if (options.worker) {
    const connection = await connectWorker(config, stack.temporalAddress);
    const worker = await createWorker({ connection, db, config: configForEndpoints(config, stack) });
    stopWorker = () => worker.shutdown();
    workerDone = worker.run().finally(() => connection.close());
    console.error(`worker serving task queue ${config.temporal.taskQueue}; Ctrl-C to stop`);
  }
  const shutdown = () => stopWorker?.();
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  if (options.stopWhenStdinCloses) process.stdin.once('close', shutdown).resume();
  await workerDone;
  await db.destroy();
  await stack.stop();
}

run().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
