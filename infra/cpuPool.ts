/**
 * Worker threads for CPU-bound work (piscina), so that long computations run on every core
 * and never block the event loop of the process that hands them out. A task module's
 * default export is the function each thread runs: `(task) => result`, plain data in and
 * out (structured clone). Threads inherit the parent's execArgv, so tsx's loader reaches
 * them in development and TypeScript task modules load as they are.
 *
 * With `threads: 0` tasks run inline in this thread (tests, or a single-core machine).
 */
import { availableParallelism } from 'node:os';
import Piscina from 'piscina';

export interface CpuPool<Task, Result> {
  run(task: Task): Promise<Result>;
  /** Threads used (0: inline). */
  threads: number;
  close(): Promise<void>;
}

/** Threads by default: every core, at most `max`. */
export function defaultThreads(max = Number.POSITIVE_INFINITY): number {
  return Math.max(1, Math.min(max, availableParallelism()));
}

/**
 * A pool running `taskFile`'s default export. `inline` is the same function, used when
 * threads is 0.
 */
export function cpuPool<Task, Result>(taskFile: string, inline: (task: Task) => Result, threads = defaultThreads()): CpuPool<Task, Result> {
  if (!Number.isInteger(threads) || threads < 0) throw new Error(`cpuPool: threads must be an integer ≥ 0, got ${threads}`);
  if (threads === 0) {
    return { threads, run: async (task) => inline(task), close: async () => undefined };
  }
  const pool = new Piscina<Task, Result>({ filename: taskFile, minThreads: threads, maxThreads: threads });
  return { threads, run: (task) => pool.run(task), close: () => pool.destroy() };
}
