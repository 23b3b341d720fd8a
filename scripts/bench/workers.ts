/**
 * Worker processes for the benchmarks: `worker/main.ts` run by node with tsx's loader (one
 * process, so its pid is the one to sample), against the benchmark's stack, with its output in
 * a log file. Resolves once the worker polls its task queue.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { StackEndpoints } from '../../infra/stack';

export interface BenchWorker {
  pid: number;
  /** Its output (the SDK's warnings among it). */
  log: string;
  stop(): Promise<void>;
}

const READY = 'worker started';

export async function startBenchWorker(options: { root: string; endpoints: StackEndpoints; taskQueue: string; outDir: string; threads: number; log: string }): Promise<BenchWorker> {
  const { root, endpoints } = options;
  const out = fs.openSync(options.log, 'w');
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'worker/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: endpoints.databaseUrl,
      TEMPORAL_ADDRESS: endpoints.temporalAddress,
      TEMPORAL_TASK_QUEUE: options.taskQueue,
      SMTP_URL: endpoints.smtpUrl ?? '',
      OUT_DIR: options.outDir,
      WORKER_THREADS: String(options.threads),
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', out, out],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 120_000;
  while (!fs.readFileSync(options.log, 'utf8').includes(READY)) {
    if (child.exitCode !== null) throw new Error(`the worker exited (${child.exitCode}) before it started: see ${options.log}`);
    if (Date.now() > deadline) throw new Error(`the worker did not start within 2 minutes: see ${options.log}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    pid: child.pid!,
    log: options.log,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      fs.closeSync(out);
    },
  };
}

/** Lines of a worker's log that report a workflow task over Temporal's 5-second warning. */
export function slowWorkflowTaskWarnings(log: string): number {
  return fs.readFileSync(log, 'utf8').split('\n').filter((l) => l.includes('Workflow task duration exceeded')).length;
}

export const workerLogPath = (dataDir: string, label: string) => path.join(dataDir, `bench-worker-${label}.log`);

/** The heap of the thread that ran a step, as its log line reports it (activities/stage.ts). */
export interface StepHeap {
  peakUsedMb: number;
  usedMb: number;
  totalMb: number;
  mallocedMb: number;
}

/** Per step key, the heap its thread reported in the worker's log. */
export function stepHeaps(log: string): Map<string, StepHeap> {
  const heaps = new Map<string, StepHeap>();
  for (const line of fs.readFileSync(log, 'utf8').split('\n')) {
    if (!line.includes('"heap"')) continue;
    try {
      const entry = JSON.parse(line) as { stage?: string; heap?: StepHeap };
      if (entry.stage && entry.heap) heaps.set(entry.stage, entry.heap);
    } catch {
      // a line the worker did not write as JSON
    }
  }
  return heaps;
}
