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

const pools = new Map<string, CpuPool<StepTask, StepOutcome>>();

/**
 * A step thread ends once idle this long, and the next step starts a fresh one, which loads the
 * modules of the stages it runs (steps.ts) in about a second. A thread the run has no step for
 * (while the other runs the order lines' clean, or the forecast's series) then gives its heap and
 * modules back while the other step runs, and between two refreshes a worker holds no step thread.
 * Far longer than the gap between one step and the next the workflow hands out (under a second).
 */
const STEP_THREAD_IDLE_MS = 5_000;

/** The process's step threads (one pool per process: the workers of one process share it), each heap bounded to `heapMb`. */
function threadPool(threads: number, heapMb: number): CpuPool<StepTask, StepOutcome> {
  const key = `${threads}:${heapMb}`;
  let pool = pools.get(key);
  if (!pool) {
    pool = cpuPool<StepTask, StepOutcome>(path.join(__dirname, 'stepThread.ts'), () => {
      throw new Error('stage steps run on worker threads only');
    }, threads, heapMb, STEP_THREAD_IDLE_MS);
    pools.set(key, pool);
  }
  return pool;
}

/** Runs steps on `threads` threads against `app`'s database. */
export function stepPool(app: AppConfig, threads: number): StepRunner {
  if (!app.databaseUrl) throw new Error('stepPool: the worker config names no database URL for its threads');
  const pool = threadPool(threads, app.stepThreadHeapMb);
  return {
    async run(step, input, progress, signal) {
      const channel = new MessageChannel();
      channel.port1.on('message', (details: Record<string, unknown>) => progress(details));
      try {
        const outcome = await pool.run({ step, input, app, progress: channel.port2 }, { transferList: [channel.port2], signal }).catch((error: unknown) => {
          if ((error as { code?: unknown }).code !== 'ERR_WORKER_OUT_OF_MEMORY') throw error;
          throw ApplicationFailure.create({ type: 'StepThreadOutOfMemory', message: `step ${step} needed more than the step thread's ${app.stepThreadHeapMb} MB heap (STEP_THREAD_HEAP_MB)` });
        });
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
