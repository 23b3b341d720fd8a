/**
 * A worker in its own process (`worker/main.ts`) on a test task queue, for tests that kill it
 * or cut its database connections, and a polling wait for a condition.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, TEST_DATA_DIR } from './stackProcess';

/** Starts a worker process; its log goes to .data/test/<name>.log. `env` adds or overrides variables. */
export function startWorkerProcess(name: string, taskQueue: string, env: NodeJS.ProcessEnv = {}): ChildProcess {
  const log = fs.openSync(path.join(TEST_DATA_DIR, `${name}.log`), 'w');
  return spawn(path.join(ROOT, 'node_modules', '.bin', 'tsx'), ['worker/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, TEMPORAL_TASK_QUEUE: taskQueue, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', log, log],
    // Its own process group: tsx runs node as a child, and a kill must reach both.
    detached: true,
  });
}

/** Signals a worker process started above (the whole group): stops it by default. */
export function stopWorkerProcess(worker: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): void {
  if (worker.pid && worker.exitCode === null) process.kill(-worker.pid, signal);
}

/**
 * Waits until `condition` holds while the worker process is frozen (SIGSTOP) and returns with it
 * still frozen: what the condition saw cannot move on before the caller acts (a kill, a cut
 * connection), however fast the worker's step is. A completion already sent to the server gets
 * `settleMs` to land before the condition is asked again; when it no longer holds the worker
 * resumes and the wait goes on.
 */
export async function freezeWhen(worker: ChildProcess, condition: () => Promise<boolean>, timeoutMs: number, settleMs = 500): Promise<void> {
  await until(async () => {
    if (!(await condition())) return false;
    stopWorkerProcess(worker, 'SIGSTOP');
    await new Promise((r) => setTimeout(r, settleMs));
    if (await condition()) return true;
    stopWorkerProcess(worker, 'SIGCONT');
    return false;
  }, timeoutMs);
}

export async function until(condition: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}
