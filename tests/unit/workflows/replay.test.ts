/**
 * Replay safety: histories of real runs, recorded before a change to workflow code, must replay
 * on the workflows as they are now. A change that would make a running workflow take a different
 * path (another activity, another order, a child more or less) fails here instead of failing the
 * runs in flight when the new worker is deployed. See tests/fixtures/histories/README.md.
 */
import path from 'node:path';
import { bundleWorkflowCode, DefaultLogger, Runtime, Worker, type ReplayResult } from '@temporalio/worker';
import { readHistoryFile } from '../../support/history';

const FIXTURES = path.join(__dirname, '..', '..', 'fixtures', 'histories');

/** Fixture file → the workflow id it ran under (histories do not carry it). */
const HISTORIES: Record<string, string> = {
  // Recorded before the run context: activities got per-stage arguments.
  'refresh.json': 'refresh-2025-11-23',
  'backfill.json': 'backfill-2025-09-01-2025-11-23-week',
  'scheduledRefresh.json': 'scheduled-refresh-2026-12-06T20:48:13Z',
  'scheduledRefreshChild.json': 'refresh-2026-12-06',
  // Recorded with the run context: beginRun returns it and every stage activity takes it.
  'runContext/refresh.json': 'refresh-2025-11-23',
  'runContext/backfill.json': 'backfill-2025-09-01-2025-11-23-week',
  'runContext/scheduledRefresh.json': 'scheduled-refresh-2026-12-06T21:27:02Z',
  'runContext/scheduledRefreshChild.json': 'refresh-2026-12-06',
  // Recorded with stages in parts (patch 'stage-parts'): profile and forecast as four parts each.
  'stageParts/refresh.json': 'refresh-2025-11-23',
  // Recorded with steps side by side (patch 'concurrent-stages'): the forecast as its series step and its summary.
  'concurrentStages/refresh.json': 'refresh-2025-11-23',
};

jest.setTimeout(180_000);

it('every saved history replays on the current workflow code', async () => {
  const logger = new DefaultLogger('WARN');
  Runtime.install({ logger });
  const workflowBundle = await bundleWorkflowCode({ workflowsPath: require.resolve('../../../workflows'), logger });
  const histories = Object.entries(HISTORIES).map(([file, workflowId]) => ({
    workflowId,
    history: readHistoryFile(path.join(FIXTURES, file)),
  }));
  const results: ReplayResult[] = [];
  for await (const result of Worker.runReplayHistories({ workflowBundle }, histories)) results.push(result);
  expect(results.map((r) => ({ workflowId: r.workflowId, error: r.error?.message }))).toEqual(
    Object.values(HISTORIES).map((workflowId) => ({ workflowId, error: undefined })),
  );
});
