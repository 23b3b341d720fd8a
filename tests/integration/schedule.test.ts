/**
 * The weekly schedule on the real dev server: created (then upserted), triggered, and the
 * triggered run refreshes the period derived from its scheduled time; then deleted.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ScheduleOverlapPolicy } from '@temporalio/client';
import { generateSampleData } from '../../scripts/generate';
import { upsertWeeklySchedule, type WeeklySchedule } from '../../scripts/lib/schedule';
import type { scheduledRefresh } from '../../workflows';
import { scheduledAsOf } from '../../workflows/periods';
import { refreshWorkflowId, runIdFor } from '../../contract/refresh';
import { openHarness, withWorker, type Harness } from '../support/pipeline';
import { loadSampleConfig } from '../support/sampleConfig';
import { until } from '../support/workerProcess';

let harness: Harness;
let schedule: WeeklySchedule;

beforeAll(async () => {
  harness = await openHarness('test-schedule');
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'schedule-sample-'));
  const generated = await generateSampleData({ seed: 3, customers: 200, lines: 1500, start: '2025-06-01', end: '2025-12-31', outDir, db: harness.db });
  schedule = {
    scheduleId: 'test-weekly-refresh', day: 'monday', time: '06:00', timeZone: 'Asia/Shanghai', overlap: 'skip', catchupWindow: '1 day',
    taskQueue: harness.config.temporal.taskQueue, sourceConfig: loadSampleConfig(generated.sourcesPath), paused: true,
  };
});
afterAll(() => harness.close());

it('creates a Monday 06:00 Asia/Shanghai schedule, upserts it, runs it once on trigger, and deletes it', async () => {
  const created = await upsertWeeklySchedule(harness.client, schedule);
  expect(created.created).toBe(true);
  const updated = await upsertWeeklySchedule(harness.client, { ...schedule, overlap: 'buffer_one', time: '07:30' });
  expect(updated.created).toBe(false);

  const description = await updated.handle.describe();
  expect(description.spec.timezone).toBe('Asia/Shanghai');
  expect(description.spec.calendars?.[0]).toMatchObject({ hour: [{ start: 7, end: 7, step: 1 }], minute: [{ start: 30, end: 30, step: 1 }], dayOfWeek: [{ start: 'MONDAY', end: 'MONDAY', step: 1 }] });
  expect(description.policies).toMatchObject({ overlap: ScheduleOverlapPolicy.BUFFER_ONE, catchupWindow: 86_400_000 });
  expect(description.state.paused).toBe(true);
  // Monday 07:30 in Shanghai is Sunday 23:30 UTC.
  const next = description.info.nextActionTimes[0];
  expect([next.getUTCDay(), next.getUTCHours(), next.getUTCMinutes()]).toEqual([0, 23, 30]);

  const result = await withWorker(harness, async () => {
    await updated.handle.trigger();
    let workflowId = '';
    await until(async () => {
      workflowId = (await updated.handle.describe()).info.recentActions[0]?.action.workflow.workflowId ?? '';
      return workflowId !== '';
    }, 30_000);
    return harness.client.workflow.getHandle<typeof scheduledRefresh>(workflowId).result();
  });
  const scheduledAt = new Date(result.scheduledAt);
  expect(result.asOf).toBe(scheduledAsOf(scheduledAt, 'Asia/Shanghai'));
  expect(result).toMatchObject({ workflowId: refreshWorkflowId(result.asOf), alreadyRunning: false });
  const run = await harness.db('runs').where({ run_id: runIdFor(result.asOf) }).first();
  expect(run).toMatchObject({ status: 'succeeded', as_of: result.asOf, workflow_id: refreshWorkflowId(result.asOf) });

  await updated.handle.delete();
  // The schedule list is eventually consistent: wait for the deletion to show.
  await until(async () => {
    for await (const s of harness.client.schedule.list()) if (s.scheduleId === schedule.scheduleId) return false;
    return true;
  }, 30_000);
});
