/**
 * The k selection's candidate fits on two threads: the segment step's thread fits about half of
 * the candidate k while a thread of its own fits the others (chooseK.ts: each k has seeds of its
 * own, so the fits are the same wherever they run). The segmentation is synchronous, so the step
 * waits for the other thread's fits with Atomics.wait and takes them off a MessagePort with
 * receiveMessageOnPort, without its event loop. The thread is started when the step starts, so
 * that loading it overlaps reading the profiles, and ended with the step.
 */
import path from 'node:path';
import { MessageChannel, type MessagePort, Worker, isMainThread, parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { type CandidateFit, type CandidateFitter, type CandidateOptions, fitEachCandidate } from '../../analytics/segment/chooseK';
import type { Points } from '../../analytics/segment/points';

interface CandidateTask {
  sample: Points;
  ks: number[];
  options: CandidateOptions;
  /** Where the fits are posted. */
  port: MessagePort;
  /** An Int32 set to 1 (and notified) once the fits are posted. */
  done: SharedArrayBuffer;
}

type CandidateAnswer = { ok: true; fits: CandidateFit[] } | { ok: false; message: string };

/** The longest the step waits for the other thread's fits (at 20,000 sampled customers they take seconds). */
const WAIT_MS = 10 * 60_000;
/** The thread's old generation: the sample and a few models. */
const THREAD_HEAP_MB = 128;

const TASK_THREAD = path.join(__dirname, '../../infra/taskThread.cjs');

/** The other thread's side: fits the candidates it is sent, posts them, and signals. */
function serve(task: CandidateTask): void {
  let answer: CandidateAnswer;
  try {
    answer = { ok: true, fits: fitEachCandidate(task.sample, task.ks, task.options) };
  } catch (error) {
    answer = { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  task.port.postMessage(answer);
  task.port.close();
  const done = new Int32Array(task.done);
  Atomics.store(done, 0, 1);
  Atomics.notify(done, 0);
}

if (!isMainThread && (workerData as { taskFile?: string } | null)?.taskFile === __filename) {
  parentPort!.on('message', serve);
}

export interface CandidateThread {
  fitCandidates: CandidateFitter;
  close(): Promise<void>;
}

/**
 * A second thread for the candidate fits. The larger k cost the more, so the candidates are
 * dealt alternately from the largest: the other thread takes k = 8, 6, 4, 2 and this one 7, 5, 3.
 */
export function startCandidateThread(): CandidateThread {
  const worker = new Worker(TASK_THREAD, { workerData: { taskFile: __filename }, resourceLimits: { maxOldGenerationSizeMb: THREAD_HEAP_MB } });
  worker.unref();
  // A thread that fails is seen as a missing answer below; its error is not the step's.
  worker.on('error', () => undefined);
  const fitCandidates: CandidateFitter = (sample, ks, options) => {
    const dealt = [...ks].sort((a, b) => b - a);
    const there = dealt.filter((_, i) => i % 2 === 0);
    const here = dealt.filter((_, i) => i % 2 === 1);
    const { port1, port2 } = new MessageChannel();
    const done = new SharedArrayBuffer(4);
    const task: CandidateTask = { sample, ks: there, options, port: port2, done };
    worker.postMessage(task, [port2]);
    let fitsHere: CandidateFit[];
    let waited: string;
    let answer: CandidateAnswer | undefined;
    try {
      fitsHere = fitEachCandidate(sample, here, options);
      waited = Atomics.wait(new Int32Array(done), 0, 0, WAIT_MS);
      answer = receiveMessageOnPort(port1)?.message as CandidateAnswer | undefined;
    } finally {
      port1.close();
    }
    if (waited === 'timed-out' || answer === undefined) throw new Error(`candidate fits: no answer from the second thread for k = ${there.join(', ')} within ${WAIT_MS / 1000} s`);
    if (!answer.ok) throw new Error(`candidate fits on the second thread failed: ${answer.message}`);
    const byK = new Map([...fitsHere, ...answer.fits].map((f) => [f.candidate.k, f]));
    return ks.map((k) => byK.get(k)!);
  };
  return { fitCandidates, close: async () => { await worker.terminate(); } };
}
