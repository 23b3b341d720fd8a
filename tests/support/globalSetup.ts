/** One real PostgreSQL + Temporal dev server for the whole integration project. */
import path from 'node:path';
import { startStackProcess, TEST_DATA_DIR } from './stackProcess';

export default async function globalSetup(): Promise<void> {
  process.env.LOG_LEVEL ??= 'warn';
  // Reports and mail of test runs stay out of the checkout's out/.
  process.env.OUT_DIR ??= path.join(TEST_DATA_DIR, 'out');
  if (process.env.DATABASE_URL && process.env.TEMPORAL_ADDRESS) return;
  const { child, endpoints } = await startStackProcess();
  (globalThis as { __stack?: typeof child }).__stack = child;
  process.env.DATABASE_URL = endpoints.databaseUrl;
  process.env.TEMPORAL_ADDRESS = endpoints.temporalAddress;
  if (endpoints.smtpUrl) process.env.SMTP_URL ??= endpoints.smtpUrl;
}
