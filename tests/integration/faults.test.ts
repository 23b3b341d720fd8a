/**
 * Fault tolerance on the real dev server and PostgreSQL, over one generated sample:
 * the worker's database connections cut mid-stage, poison input, and one period started
 * twice at once. Each ends with row counts (and content digests) compared to a clean run.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WorkflowFailedError } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import type { SourceConfig } from '../../config/sources';
import { generateSampleData } from '../../scripts/generate';
import { startRefresh } from '../../scripts/lib/refresh';
import { runIdFor } from '../../contract/refresh';
import { openHarness, withWorker, type Harness } from '../support/pipeline';
import { loadSampleConfig } from '../support/sampleConfig';
import { runDigests, runRowCounts, runTables } from '../support/runRows';
import { startWorkerProcess, stopWorkerProcess, until } from '../support/workerProcess';

const TASK_QUEUE = 'test-faults';
const AS_OF = '2025-12-28';
const WORKER_APP_NAME = 'faults-test-worker';

// Whole refreshes on a shared 2-core machine: generous, the assertions are about results, not speed.
jest.setTimeout(900_000);

let harness: Harness;
let sourceConfig: SourceConfig;
let sampleDir: string;

beforeAll(async () => {
  harness = await openHarness(TASK_QUEUE);
  sampleDir = fs.mkdtempSync(path.join(os.tmpdir(), 'faults-sample-'));
  const generated = await generateSampleData({ seed: 11, customers: 1500, lines: 20_000, start: '2025-01-01', end: AS_OF, outDir: sampleDir, db: harness.db });
  sourceConfig = loadSampleConfig(generated.sourcesPath);
});
afterAll(() => harness.close());

const refreshOnce = (asOf: string, config = sourceConfig) =>
  withWorker(harness, async () => (await startRefresh(harness.client, harness.config, { asOf, sourceConfig: config })).result());

/** Counts of the result tables (staging excluded: it is the extract stage's scratch space). */
async function resultCounts(runId: string): Promise<Record<string, number>> {
  return runRowCounts(harness.db, runId, (await runTables(harness.db)).filter((t) => !t.startsWith('stg_')));
}

async function startedAttempts(workflowId: string) {
  const history = await harness.client.workflow.getHandle(workflowId).fetchHistory();
  return (history.events ?? []).flatMap((e) => (e.activityTaskStartedEventAttributes ? [e.activityTaskStartedEventAttributes] : []));
}

it('retries a stage whose PostgreSQL connections were terminated and ends with the results of an uninterrupted run', async () => {
  await refreshOnce(AS_OF);
  const runId = runIdFor(AS_OF);
  const uninterrupted = { counts: await runRowCounts(harness.db, runId), digests: await runDigests(harness.db, runId) };
  expect(uninterrupted.counts.clean_order_lines).toBeGreaterThan(15_000);

  // A worker process whose connections are recognisable in pg_stat_activity.
  const worker = startWorkerProcess('faults-worker', TASK_QUEUE, { DATABASE_URL: `${harness.config.databaseUrl}?application_name=${WORKER_APP_NAME}` });
  // The order lines' clean held at its first write (the delete of its own rows) by a lock this
  // test takes before the refresh starts: its statement is in flight while the connections are
  // cut, however fast the clean is on this machine.
  const hold = await harness.db.transaction();
  try {
    await hold.raw('LOCK TABLE clean_order_lines IN SHARE MODE');
    const handle = await startRefresh(harness.client, harness.config, { asOf: AS_OF, sourceConfig });
    await until(async () => {
      const run = await harness.db('runs').where({ run_id: runId }).first();
      if (run?.attempt !== 2 || !run.stage_timings['clean:customers:standardize'] || run.stage_timings['clean:order_lines:standardize']) return false;
      const pending = (await handle.describe()).raw.pendingActivities ?? [];
      const cleaning = pending.some((a) => a.activityType?.name === 'standardizeEntity' && a.state === temporal.api.enums.v1.PendingActivityState.PENDING_ACTIVITY_STATE_STARTED);
      const waiting = await harness.db('pg_stat_activity').where({ application_name: WORKER_APP_NAME, state: 'active', wait_event_type: 'Lock' }).count<Array<{ n: string }>>({ n: '*' });
      return cleaning && Number(waiting[0].n) > 0;
    }, 120_000);
    const terminated = await harness.db.raw('SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE application_name = ?', [WORKER_APP_NAME]);
    expect(terminated.rows.length).toBeGreaterThan(0);
    await hold.rollback();
    await handle.result();
  } finally {
    if (!hold.isCompleted()) await hold.rollback();
    stopWorkerProcess(worker);
  }

  expect(await runRowCounts(harness.db, runId)).toEqual(uninterrupted.counts);
  expect(await runDigests(harness.db, runId)).toEqual(uninterrupted.digests);
  const retried = (await startedAttempts(`refresh-${AS_OF}`)).filter((a) => (a.attempt ?? 1) > 1);
  expect(retried.length).toBeGreaterThan(0);
  expect(retried.map((a) => a.lastFailure?.message ?? '').join('\n')).toMatch(/terminat|Connection terminated/i);
});

describe('poison input', () => {
  /** The sample's survey file with its satisfaction column renamed: a schema no retry can fix. */
  function poisonedConfig(): { config: SourceConfig; file: string } {
    const survey = sourceConfig.sources.find((s) => s.name === 'survey_responses');
    if (survey?.kind !== 'csv') throw new Error('the sample has no survey CSV');
    const file = path.join(sampleDir, 'survey_responses_renamed.csv');
    const [header, ...rows] = fs.readFileSync(survey.path, 'utf8').split('\n');
    fs.writeFileSync(file, [header.replace('满意度', '满意度评分'), ...rows].join('\n'));
    return { file, config: { ...sourceConfig, sources: sourceConfig.sources.map((s) => (s === survey ? { ...survey, path: file } : s)) } };
  }

  async function expectNonRetryableFailure(asOf: string, file: string): Promise<void> {
    const error = await refreshOnce(asOf, poisonedConfig().config).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(WorkflowFailedError);
    const run = await harness.db('runs').where({ run_id: runIdFor(asOf) }).first();
    expect(run.status).toBe('failed');
    expect(run.error).toContain(file);
    expect(run.error).toContain('missing column "满意度"');
    expect(run.error).toContain('unknown column(s) "满意度评分"');
    expect(Math.max(...(await startedAttempts(`refresh-${asOf}`)).map((a) => a.attempt ?? 1))).toBe(1);
  }

  it('fails a new period without retrying and leaves no results for it', async () => {
    const asOf = '2025-06-29';
    await expectNonRetryableFailure(asOf, poisonedConfig().file);
    const counts = await resultCounts(runIdFor(asOf));
    expect(Object.values(counts).every((n) => n === 0)).toBe(true);
  });

  it('fails a re-run of a finished period and leaves that period\'s results untouched', async () => {
    const runId = runIdFor(AS_OF);
    const before = { counts: await resultCounts(runId), digests: await runDigests(harness.db, runId) };
    expect(before.counts.customer_segments).toBeGreaterThan(0);
    await expectNonRetryableFailure(AS_OF, poisonedConfig().file);
    expect(await resultCounts(runId)).toEqual(before.counts);
    expect(await runDigests(harness.db, runId)).toEqual(before.digests);
  });
});

it('runs one workflow and writes one result set when the same period is started twice at once', async () => {
  // A period no other test file uses (they share one database): see backfill.test.ts.
  const asOf = '2025-08-24';
  const runId = runIdFor(asOf);
  const [first, second] = await withWorker(harness, async () => {
    const handles = await Promise.all([0, 1].map(() => startRefresh(harness.client, harness.config, { asOf, sourceConfig })));
    const [a, b] = await Promise.all(handles.map((h) => h.describe()));
    expect(b.runId).toBe(a.runId);
    return Promise.all(handles.map((h) => h.result()));
  });
  expect(second).toEqual(first);
  const run = await harness.db('runs').where({ run_id: runId }).first();
  expect(run).toMatchObject({ status: 'succeeded', attempt: 1 });
  const counts = await runRowCounts(harness.db, runId);
  const cleaned = Object.fromEntries(first.cleaned.map((c) => [c.table, c.accepted]));
  expect(counts.clean_order_lines).toBe(cleaned.clean_order_lines);
  expect(counts.clean_customers).toBe(cleaned.clean_customers);
  expect(counts.stg_order_lines).toBe(first.extracted.filter((e) => e.entity === 'order_lines').reduce((n, e) => n + e.read, 0));
  expect(counts.customer_profiles).toBe(first.profiled?.customers);
});
