/**
 * Keeps a long activity's heartbeat going while its step works (on a worker thread, or waiting
 * on PostgreSQL: a set-based statement can run longer than the heartbeat timeout) and reports
 * its latest progress. A worker that dies stops heartbeating, so Temporal retries the stage
 * elsewhere; a cancelled activity's signal aborts the step. The one place an activity touches
 * Temporal's activity context (the stage envelope, stage.ts).
 */
import { Context } from '@temporalio/activity';

const HEARTBEAT_EVERY_MS = 5_000;

/** Reports a step's latest progress (the next heartbeat's details). */
export type Progress = (details: Record<string, unknown>) => void;

export async function withHeartbeat<T>(work: (progress: Progress, cancelled: AbortSignal) => Promise<T>): Promise<T> {
  const context = Context.current();
  let details: Record<string, unknown> = {};
  const timer = setInterval(() => context.heartbeat(details), HEARTBEAT_EVERY_MS);
  try {
    return await work((next) => { details = next; }, context.cancellationSignal);
  } finally {
    clearInterval(timer);
  }
}
