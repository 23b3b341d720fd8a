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

/** Stops a worker process started above (the whole group). */
export function stopWorkerProcess(worker: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): void {
  if (worker.pid && worker.exitCode === null) process.kill(-worker.pid, signal);
}

export async function until(condition: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}
