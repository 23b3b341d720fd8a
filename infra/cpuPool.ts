/**
 * Worker threads for CPU-bound work (piscina), so that long computations run on every core
 * and never block the event loop of the process that hands them out. A task module's
 * default export is the function each thread runs: `(task) => result`, plain data in and
 * out (structured clone). Each thread loads the TypeScript task module through tsx's
 * register hook (taskThread.cjs), so tasks load the same under the tsx CLI, under jest and
 * in a worker started by any other runner.
 *
 * With `threads: 0` tasks run inline in this thread (tests, or a single-core machine).
 */
import { availableParallelism } from 'node:os';
import path from 'node:path';
import type { Transferable } from 'node:worker_threads';
import Piscina from 'piscina';

export interface CpuTaskOptions {
  /** Objects moved to the thread rather than copied (a MessagePort for progress). */
  transferList?: Transferable[];
  /** Aborting ends the task's thread (the pool starts a fresh one). */
  signal?: AbortSignal;
}

export interface CpuPool<Task, Result> {
  run(task: Task, options?: CpuTaskOptions): Promise<Result>;
  /** Threads used (0: inline). */
  threads: number;
  close(): Promise<void>;
}

/** Threads by default: every core, at most `max`. */
export function defaultThreads(max = Number.POSITIVE_INFINITY): number {
  return Math.max(1, Math.min(max, availableParallelism()));
}

const TASK_THREAD = path.join(__dirname, 'taskThread.cjs');

/**
 * A pool running `taskFile`'s default export. `inline` is the same function, used when
 * threads is 0. `heapMb` bounds each thread's old-generation heap: without it a thread's
 * heap may grow to the process's default limit before V8 collects it, and every thread
 * keeps what it grew to. With `idleMs` the threads start when tasks come and end once idle that
 * long (a pool kept between steps: a thread costs about half a CPU-second to load its modules).
 */
export function cpuPool<Task, Result>(taskFile: string, inline: (task: Task) => Result | Promise<Result>, threads = defaultThreads(), heapMb?: number, idleMs?: number): CpuPool<Task, Result> {
  if (!Number.isInteger(threads) || threads < 0) throw new Error(`cpuPool: threads must be an integer ≥ 0, got ${threads}`);
  if (threads === 0) {
    return { threads, run: async (task) => inline(task), close: async () => undefined };
  }
  const pool = new Piscina<Task, Result>({
    filename: TASK_THREAD,
    workerData: { taskFile },
    minThreads: idleMs === undefined ? threads : 0,
    maxThreads: threads,
    idleTimeout: idleMs ?? Number.POSITIVE_INFINITY,
    ...(heapMb === undefined ? {} : { resourceLimits: { maxOldGenerationSizeMb: heapMb } }),
    // Tasks wait on I/O: an idle thread keeps its event loop (database pools, timers) running.
    atomics: 'disabled',
  });
  return { threads, run: (task, options) => pool.run(task, options), close: () => pool.destroy() };
}
