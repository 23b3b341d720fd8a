/**
 * Backfills on the real dev server and PostgreSQL over a small generated sample: twelve
 * weekly periods as child workflows, re-run across continue-as-new with identical results,
 * and a backfill running two periods at once, cancelled with its running children.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CancelledFailure, WorkflowFailedError } from '@temporalio/client';
import type { SourceConfig } from '../../config/sources';
import { generateSampleData } from '../../scripts/generate';
import { startBackfill } from '../../scripts/lib/backfill';
import { backfillProgressQuery } from '../../workflows/backfill';
import { backfillPeriods } from '../../workflows/periods';
import { refreshWorkflowId, runIdFor } from '../../contract/refresh';
import { openHarness, withWorker, type Harness } from '../support/pipeline';
import { loadSampleConfig } from '../support/sampleConfig';
import { runDigests, runRowCounts } from '../support/runRows';
import { until } from '../support/workerProcess';

jest.setTimeout(900_000);

let harness: Harness;
let sourceConfig: SourceConfig;

beforeAll(async () => {
  harness = await openHarness('test-backfill');
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'backfill-sample-'));
  const generated = await generateSampleData({ seed: 5, customers: 400, lines: 4000, start: '2025-03-01', end: '2025-11-30', outDir, db: harness.db });
  sourceConfig = loadSampleConfig(generated.sourcesPath);
});
afterAll(() => harness.close());

const WEEKS = { from: '2025-09-01', to: '2025-11-23', step: 'week' as const };

async function periodRows(asOfs: string[]) {
  const rows: Record<string, { counts: Record<string, number>; digests: Record<string, string> }> = {};
  for (const asOf of asOfs) rows[asOf] = { counts: await runRowCounts(harness.db, runIdFor(asOf)), digests: await runDigests(harness.db, runIdFor(asOf)) };
  return rows;
}

it('runs twelve weekly periods in order, then again across continue-as-new, with identical rows', async () => {
  const weeks = backfillPeriods(WEEKS.from, WEEKS.to, WEEKS.step);
  expect(weeks).toHaveLength(12);

  // First pass one period at a time: each week's segment migration and forecast track record
  // see the week before it, as a weekly schedule would have produced them.
  const first = await withWorker(harness, async () => (await startBackfill(harness.client, harness.config, { ...WEEKS, concurrency: 1, sourceConfig })).result());
  expect(first.periods.map((p) => [p.asOf, p.status])).toEqual(weeks.map((w) => [w, 'succeeded']));
  const runs = await harness.db('runs').whereIn('run_id', weeks.map(runIdFor)).orderBy('as_of');
  expect(runs.map((r) => [r.as_of, r.status, r.attempt, r.workflow_id])).toEqual(weeks.map((w) => [w, 'succeeded', 1, refreshWorkflowId(w)]));

  const before = await periodRows(weeks);
  const mailed = async () => (await harness.db('report_deliveries').whereIn('run_id', weeks.map(runIdFor)).select('run_id', 'message_id').orderBy(['run_id', 'message_id']));
  const mailedBefore = await mailed();
  expect(mailedBefore.map((m) => m.run_id)).toEqual(weeks.map(runIdFor));
  // Each week sees the data up to its day: later weeks see at least as many order lines.
  const lines = weeks.map((w) => before[w].counts.clean_order_lines);
  expect(lines[0]).toBeGreaterThan(0);
  expect([...lines].sort((a, b) => a - b)).toEqual(lines);
  expect(lines[11]).toBeGreaterThan(lines[0]);

  // The re-run, five periods per execution (two continue-as-new), again one at a time: periods
  // running together would not see each other as finished. Row for row the first pass's result.
  let mostRunning = 0;
  await withWorker(harness, async () => {
    const handle = await startBackfill(harness.client, harness.config, { ...WEEKS, concurrency: 1, sourceConfig, periodsPerExecution: 5 });
    const outcome = handle.result();
    let done = false;
    void outcome.finally(() => { done = true; }).catch(() => undefined);
    while (!done) {
      const progress = await handle.query(backfillProgressQuery).catch(() => undefined);
      mostRunning = Math.max(mostRunning, progress?.running.length ?? 0);
      await new Promise((r) => setTimeout(r, 200));
    }
    await outcome;
    expect(await handle.query(backfillProgressQuery)).toMatchObject({ total: 12, succeeded: 12, failed: 0, running: [], execution: 3 });
  });
  expect(mostRunning).toBe(1);
  expect(await periodRows(weeks)).toEqual(before);
  // Byte-identical reports: the re-run finds each period's delivery and mails finance nothing new.
  expect(await mailed()).toEqual(mailedBefore);
  const rerun = await harness.db('runs').whereIn('run_id', weeks.map(runIdFor)).select('attempt', 'status');
  expect(rerun.every((r) => r.attempt === 2 && r.status === 'succeeded')).toBe(true);
});

it('cancels its running children when cancelled and starts no more periods', async () => {
  const months = backfillPeriods('2025-04-01', '2025-10-31', 'month');
  const error = await withWorker(harness, async () => {
    const handle = await startBackfill(harness.client, harness.config, { from: '2025-04-01', to: '2025-10-31', step: 'month', concurrency: 2, sourceConfig });
    // Cancel once both first children have begun their runs.
    await until(async () => {
      const rows = await harness.db('runs').whereIn('run_id', months.slice(0, 2).map(runIdFor)).where({ status: 'running' });
      return rows.length === 2;
    }, 120_000);
    await handle.cancel();
    return handle.result().then(() => undefined, (e: unknown) => e);
  });
  expect(error).toBeInstanceOf(WorkflowFailedError);
  expect((error as WorkflowFailedError).cause).toBeInstanceOf(CancelledFailure);

  for (const asOf of months.slice(0, 2)) {
    const child = await harness.client.workflow.getHandle(refreshWorkflowId(asOf)).describe();
    expect(child.status.name).toBe('CANCELLED');
    expect(await harness.db('runs').where({ run_id: runIdFor(asOf) }).first()).toMatchObject({ status: 'cancelled' });
  }
  const neverStarted = await harness.db('runs').whereIn('run_id', months.slice(2).map(runIdFor));
  expect(neverStarted).toEqual([]);
});
