/**
 * Fault tolerance: a worker process killed (SIGKILL) while the clean stage runs. Temporal
 * notices the missing heartbeats, retries the activity on a second worker, and the run ends
 * with exactly the row counts of an uninterrupted run of the same period.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { temporal } from '@temporalio/proto';
import { loadSourceConfigFile } from '../../config/load';
import { generateSampleData } from '../../scripts/generate';
import { startRefresh } from '../../scripts/lib/refresh';
import { openHarness, withWorker, type Harness } from '../support/pipeline';
import { freezeWhen, startWorkerProcess, stopWorkerProcess } from '../support/workerProcess';

const TASK_QUEUE = 'test-worker-crash';
const AS_OF = '2025-12-31';
const RUN_ID = `run-${AS_OF}`;
const CLEAN_ACTIVITIES = ['standardizeEntity', 'applyCleanRules'];
// Small: the crash is timed by freezing the worker mid-clean, not by a clean long enough to catch.
const LINES = 12_000;

let harness: Harness;
let sourcesPath: string;

beforeAll(async () => {
  harness = await openHarness(TASK_QUEUE);
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crash-sample-'));
  const generated = await generateSampleData({ seed: 7, customers: 800, lines: LINES, start: '2025-01-01', end: AS_OF, outDir, db: harness.db });
  sourcesPath = generated.sourcesPath;
});
afterAll(() => harness.close());

async function runCounts() {
  const rows = await harness.db.raw(`
    SELECT (SELECT count(*) FROM clean_order_lines WHERE run_id = ?)::int AS lines,
           (SELECT count(*) FROM clean_orders WHERE run_id = ?)::int AS orders,
           (SELECT coalesce(sum(net_amount), 0)::text FROM clean_orders WHERE run_id = ?) AS revenue,
           (SELECT count(*) FROM quarantine WHERE run_id = ?)::int AS quarantined,
           (SELECT count(*) FROM clean_customers WHERE run_id = ?)::int AS customers`, [RUN_ID, RUN_ID, RUN_ID, RUN_ID, RUN_ID]);
  return rows.rows[0] as Record<string, number | string>;
}

it('completes a run whose worker was killed mid-clean with the counts of an uninterrupted run', async () => {
  const sourceConfig = loadSourceConfigFile(sourcesPath);
  await withWorker(harness, async () => (await startRefresh(harness.client, harness.config, { asOf: AS_OF, sourceConfig })).result());
  const uninterrupted = await runCounts();
  // The share of the generated lines that the sample's faults leave clean (5/6, as at 60,000 lines).
  expect(Number(uninterrupted.lines)).toBeGreaterThan((LINES * 5) / 6);

  const first = startWorkerProcess('worker-1', TASK_QUEUE);
  const handle = await startRefresh(harness.client, harness.config, { asOf: AS_OF, sourceConfig });
  // Once the customers are standardized and a clean activity runs, freeze the worker and kill it
  // only if, frozen, the order lines' rules have still not run and a clean activity still runs:
  // the kill lands mid-stage whatever the sample's size or the machine's speed.
  const midClean = async () => {
    const run = await harness.db('runs').where({ run_id: RUN_ID }).first();
    if (!run?.stage_timings['clean:customers:standardize'] || run.stage_timings['clean:order_lines:rules']) return false;
    const pending = (await handle.describe()).raw.pendingActivities ?? [];
    return pending.some((a) => CLEAN_ACTIVITIES.includes(a.activityType?.name ?? '') && a.state === temporal.api.enums.v1.PendingActivityState.PENDING_ACTIVITY_STATE_STARTED);
  };
  try {
    await freezeWhen(first, midClean, 120_000);
  } finally {
    stopWorkerProcess(first, 'SIGKILL');
  }
  const second = startWorkerProcess('worker-2', TASK_QUEUE);
  try {
    await handle.result();
  } finally {
    stopWorkerProcess(second);
  }
  expect(await runCounts()).toEqual(uninterrupted);
  const history = await handle.fetchHistory();
  const retried = (history.events ?? []).some((e) => (e.activityTaskStartedEventAttributes?.attempt ?? 1) > 1);
  expect(retried).toBe(true);
}, 600_000); // two full runs through every stage (publish included): 195 s on a shared 2-core machine at load average 18
