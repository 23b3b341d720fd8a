/** One real PostgreSQL + Temporal dev server for the whole integration project. */
import { startStackProcess } from './stack-process';

export default async function globalSetup(): Promise<void> {
  process.env.LOG_LEVEL ??= 'warn';
  if (process.env.DATABASE_URL && process.env.TEMPORAL_ADDRESS) return;
  const { child, endpoints } = await startStackProcess();
  (globalThis as { __stack?: typeof child }).__stack = child;
  process.env.DATABASE_URL = endpoints.databaseUrl;
  process.env.TEMPORAL_ADDRESS = endpoints.temporalAddress;
}
