/** One real PostgreSQL + Temporal dev server for the whole integration project, a lane of it per jest worker (lanes.ts). */
import path from 'node:path';
import { prepareLanes } from './lanes';
import { startStackProcess, TEST_DATA_DIR } from './stackProcess';
import { writeWorkflowBundle } from './workflowBundle';

export default async function globalSetup(globalConfig: { maxWorkers: number }): Promise<void> {
  process.env.LOG_LEVEL ??= 'warn';
  // Reports and mail of test runs stay out of the checkout's out/.
  process.env.OUT_DIR ??= path.join(TEST_DATA_DIR, 'out');
  if (process.env.DATABASE_URL && process.env.TEMPORAL_ADDRESS) {
    await writeWorkflowBundle();
  } else {
    // The stack clears the test data dir before it starts; the bundle is written there while the services come up.
    const stack = startStackProcess();
    const bundled = writeWorkflowBundle();
    bundled.catch(() => undefined); // awaited once the stack is up; a failed stack is the error to report
    const { child, endpoints } = await stack;
    (globalThis as { __stack?: typeof child }).__stack = child;
    await bundled.catch((error: unknown) => {
      child.kill('SIGTERM');
      throw error;
    });
    process.env.DATABASE_URL = endpoints.databaseUrl;
    process.env.TEMPORAL_ADDRESS = endpoints.temporalAddress;
    if (endpoints.smtpUrl) process.env.SMTP_URL ??= endpoints.smtpUrl;
  }
  await prepareLanes(globalConfig.maxWorkers, process.env.DATABASE_URL, process.env.TEMPORAL_ADDRESS, process.env.OUT_DIR);
}
