/**
 * Keeps a long activity's heartbeat going while it waits on PostgreSQL (a set-based
 * statement can run longer than the heartbeat timeout) and reports its latest progress.
 * A worker that dies stops heartbeating, so Temporal retries the stage elsewhere.
 */
import { Context } from '@temporalio/activity';

const HEARTBEAT_EVERY_MS = 5_000;

export async function withHeartbeat<T>(work: (progress: (details: Record<string, unknown>) => void) => Promise<T>): Promise<T> {
  const context = Context.current();
  let details: Record<string, unknown> = {};
  const timer = setInterval(() => context.heartbeat(details), HEARTBEAT_EVERY_MS);
  try {
    return await work((next) => { details = next; });
  } finally {
    clearInterval(timer);
  }
}
