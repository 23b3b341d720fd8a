/**
 * More workers make a refresh faster: the heavy stages of a run split into parts (steps of one
 * wave, contract/stages.ts) that two worker processes on one task queue share. The run records
 * which worker ran each part, and its results equal those of one worker running each stage whole.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadSourceConfigFile } from '../../config/load';
import type { StageTiming } from '../../activities/stage';
import { runIdFor } from '../../contract/refresh';
import { generateSampleData } from '../../scripts/generate';
import { startRefresh } from '../../scripts/lib/refresh';
import { openHarness, withWorker, type Harness } from '../support/pipeline';
import { runDigests, runRowCounts } from '../support/runRows';
import { startWorkerProcess, stopWorkerProcess } from '../support/workerProcess';

const TASK_QUEUE = 'test-stage-parts';
const AS_OF = '2025-11-30';
const RUN_ID = runIdFor(AS_OF);
const PARTS = 4;

let harness: Harness;
let sourcesPath: string;

beforeAll(async () => {
  harness = await openHarness(TASK_QUEUE);
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parts-sample-'));
  sourcesPath = (await generateSampleData({ seed: 13, customers: 300, lines: 3000, start: '2025-03-01', end: AS_OF, outDir, db: harness.db })).sourcesPath;
});
afterAll(() => harness.close());

async function stageTimings(): Promise<Record<string, StageTiming>> {
  return ((await harness.db('runs').where({ run_id: RUN_ID }).first('stage_timings')) as { stage_timings: Record<string, StageTiming> }).stage_timings;
}

it('splits the heavy stages between two worker processes, with the results of one worker running them whole', async () => {
  const sourceConfig = loadSourceConfigFile(sourcesPath);
  // One worker, every stage whole.
  const whole = { ...harness, config: { ...harness.config, chunking: { parts: 1, minOrderLinesPerPart: 1 } } };
  await withWorker(whole, async () => (await startRefresh(harness.client, harness.config, { asOf: AS_OF, sourceConfig })).result());
  expect(Object.keys(await stageTimings())).toContain('profile');
  const expected = { counts: await runRowCounts(harness.db, RUN_ID), digests: await runDigests(harness.db, RUN_ID) };
  expect(expected.counts.customer_profiles).toBeGreaterThan(200);

  // Two workers of three threads each. A split stage's parts are scheduled at once, beside at most
  // two steps of other stages (voice beside the profile parts; the segments' descriptions and the
  // values beside the forecast's): a worker takes no more tasks than it has threads free, so
  // neither can take every part and the other takes the rest.
  const env = { STAGE_PARTS: String(PARTS), STAGE_PART_MIN_ORDER_LINES: '1', WORKER_THREADS: '3' };
  const workers = [startWorkerProcess('parts-1', TASK_QUEUE, env), startWorkerProcess('parts-2', TASK_QUEUE, env)];
  try {
    await (await startRefresh(harness.client, harness.config, { asOf: AS_OF, sourceConfig })).result();
  } finally {
    for (const worker of workers) stopWorkerProcess(worker);
  }
  const timings = await stageTimings();
  const partsByStage = new Map<string, StageTiming[]>();
  for (const [key, timing] of Object.entries(timings)) {
    const parted = /^(\w+):(\d+)\/(\d+)$/.exec(key);
    if (parted) partsByStage.set(parted[1], [...(partsByStage.get(parted[1]) ?? []), timing]);
  }
  expect([...partsByStage.keys()].sort()).toEqual(['forecast', 'profile']);
  for (const [stage, parts] of partsByStage) {
    expect({ stage, parts: parts.length }).toEqual({ stage, parts: PARTS });
    // Both worker processes ran parts of the stage (this process's worker had stopped).
    const ran = new Set(parts.map((t) => t.worker));
    expect({ stage, workers: ran.size }).toEqual({ stage, workers: 2 });
    expect([...ran].some((worker) => worker.startsWith(`${process.pid}@`))).toBe(false);
  }
  expect(timings.profile).toBeUndefined();
  expect(timings.forecast).toBeUndefined();
  expect(timings['forecast:summary']).toBeDefined();
  expect({ counts: await runRowCounts(harness.db, RUN_ID), digests: await runDigests(harness.db, RUN_ID) }).toEqual(expected);
}, 600_000);
