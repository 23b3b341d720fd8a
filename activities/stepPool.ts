/**
 * The worker's threads: every stage step runs on one of them (stepThread.ts), so the worker's
 * own event loop only talks to Temporal — heartbeats and workflow tasks never wait behind
 * clustering, rendering or a row loop — and one worker uses as many cores as it has threads.
 * Progress comes back over a MessagePort; an error comes back as its type and message, and is
 * raised as an ApplicationFailure of that type, so the workflow's retry policy sees the step's
 * own error (a SourceSchemaError stays non-retryable). Cancelling the activity ends the
 * step's thread: its connections close and PostgreSQL rolls its transaction back.
 */
import path from 'node:path';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { ApplicationFailure } from '@temporalio/activity';
import type { StageInput } from '../contract/stages';
import type { AppConfig } from '../infra/config';
import { cpuPool, type CpuPool } from '../infra/cpuPool';
import type { StepRunner } from './deps';

export interface StepTask {
  /** The step's activity name (steps.ts). */
  step: string;
  input: StageInput;
  /** The worker's settings (its database URL among them). */
  app: AppConfig;
  /** Where the thread posts the step's progress. */
  progress: MessagePort;
}

export interface StepError {
  name: string;
  message: string;
  stack?: string;
}

export type StepOutcome = { ok: true; result: object } | { ok: false; error: StepError };

const pools = new Map<number, CpuPool<StepTask, StepOutcome>>();

/** The process's step threads (one pool per process: the workers of one process share it). */
function threadPool(threads: number): CpuPool<StepTask, StepOutcome> {
  let pool = pools.get(threads);
  if (!pool) {
    pool = cpuPool<StepTask, StepOutcome>(path.join(__dirname, 'stepThread.ts'), () => {
      throw new Error('stage steps run on worker threads only');
    }, threads);
    pools.set(threads, pool);
  }
  return pool;
}

/** Runs steps on `threads` threads against `app`'s database. */
export function stepPool(app: AppConfig, threads: number): StepRunner {
  if (!app.databaseUrl) throw new Error('stepPool: the worker config names no database URL for its threads');
  const pool = threadPool(threads);
  return {
    async run(step, input, progress, signal) {
      const channel = new MessageChannel();
      channel.port1.on('message', (details: Record<string, unknown>) => progress(details));
      try {
        const outcome = await pool.run({ step, input, app, progress: channel.port2 }, { transferList: [channel.port2], signal });
        if (outcome.ok) return outcome.result;
        const failure = ApplicationFailure.create({ type: outcome.error.name, message: outcome.error.message });
        if (outcome.error.stack) failure.stack = outcome.error.stack;
        throw failure;
      } finally {
        channel.port1.close();
      }
    },
  };
}
