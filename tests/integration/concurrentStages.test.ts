/**
 * Steps that need nothing of each other run side by side (contract/stages.ts derives what each
 * needs), and a step that fails cancels the ones beside it: on the real dev server, with a worker
 * whose activities are the real ones except three. Voice waits until profiling has started and
 * the forecast's series wait until they are cancelled, so neither could finish if the workflow
 * took the steps one after another; the values fail once the forecast's series run beside them.
 * The customers' standardizing waits until the order lines' has started, and each entity's clean
 * rules note whether they started before what they need was standardized.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ApplicationFailure, Context } from '@temporalio/activity';
import { WorkflowFailedError } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import { createActivities } from '../../activities';
import { stepPool } from '../../activities/stepPool';
import { runIdFor } from '../../contract/refresh';
import type { CleanInput, CleanRulesInput, PartInput, StageInput } from '../../contract/stages';
import { generateSampleData } from '../../scripts/generate';
import { refreshWorkflowId, startRefresh } from '../../scripts/lib/refresh';
import { connectWorker } from '../../infra/temporal';
import { progressQuery } from '../../workflows/refresh';
import { openHarness, type Harness } from '../support/pipeline';
import { loadSampleConfig } from '../support/sampleConfig';
import { testWorkflowBundle } from '../support/workflowBundle';
import { until } from '../support/workerProcess';

const TASK_QUEUE = 'test-concurrent-stages';
const AS_OF = '2025-11-30';

jest.setTimeout(600_000);

let harness: Harness;
let sourcesPath: string;

beforeAll(async () => {
  harness = await openHarness(TASK_QUEUE);
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'concurrent-sample-'));
  sourcesPath = (await generateSampleData({ seed: 17, customers: 300, lines: 3000, start: '2025-03-01', end: AS_OF, outDir, db: harness.db })).sourcesPath;
});
afterAll(() => harness.close());

it('standardizes the entities side by side, runs voice beside profile and the forecast beside the values; the failed values cancel the forecast and fail the run', async () => {
  const real = createActivities({ db: harness.db, config: harness.config, steps: stepPool(harness.config, 2) });
  const seen = { profileStarted: false, described: false, forecastStarted: false, forecastCancelled: false };
  const standardizing = new Set<string>();
  const standardized = new Set<string>();
  const rules: Array<{ entity: string; ownStandardized: boolean; customersStandardized: boolean }> = [];
  const heartbeatUntil = async (done: () => boolean) => {
    while (!done()) {
      Context.current().heartbeat();
      await Context.current().sleep(100);
    }
  };
  const activities = {
    ...real,
    async standardizeEntity(input: CleanInput) {
      standardizing.add(input.entity);
      if (input.entity === 'customers') await heartbeatUntil(() => standardizing.has('order_lines'));
      const result = await real.standardizeEntity(input);
      standardized.add(input.entity);
      return result;
    },
    async applyCleanRules(input: CleanRulesInput) {
      rules.push({ entity: input.entity, ownStandardized: standardized.has(input.entity), customersStandardized: standardized.has('customers') });
      return real.applyCleanRules(input);
    },
    async profileCustomers(input: PartInput) {
      seen.profileStarted = true;
      return real.profileCustomers(input);
    },
    async analyzeVoice(input: StageInput) {
      await heartbeatUntil(() => seen.profileStarted);
      return real.analyzeVoice(input);
    },
    async describeSegments(input: StageInput) {
      const described = await real.describeSegments(input);
      seen.described = true;
      return described;
    },
    async forecastSeriesPart(): Promise<never> {
      seen.forecastStarted = true;
      try {
        await heartbeatUntil(() => false);
      } finally {
        seen.forecastCancelled = Context.current().cancellationSignal.aborted;
      }
      throw new Error('unreachable: the series wait until cancelled');
    },
    async valueCustomers(): Promise<never> {
      // Once the segments are described, so that the one step running beside the values is the forecast's.
      await heartbeatUntil(() => seen.forecastStarted && seen.described);
      throw ApplicationFailure.nonRetryable('the values failed on purpose', 'InjectedFailure');
    },
  };
  const connection = await connectWorker(harness.config, harness.config.temporal.address!);
  const workflowBundle = testWorkflowBundle();
  const worker = await Worker.create({
    connection, namespace: harness.config.temporal.namespace, taskQueue: TASK_QUEUE, activities, maxConcurrentActivityTaskExecutions: 4,
    ...(workflowBundle ? { workflowBundle } : { workflowsPath: require.resolve('../../workflows') }),
  });
  try {
    await worker.runUntil(async () => {
      const handle = await startRefresh(harness.client, harness.config, { asOf: AS_OF, sourceConfig: loadSampleConfig(sourcesPath) });
      const error = await handle.result().then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(WorkflowFailedError);
      // The cancellation reaches the series with their next heartbeat the server answers.
      await until(async () => seen.forecastCancelled, 120_000);
      // Answered by replaying the closed workflow on this worker.
      const progress = await handle.query(progressQuery);
      expect(Object.fromEntries(progress.stages.map((s) => [s.name, s.status]))).toEqual({
        extract: 'done', clean: 'done', voice: 'done', profile: 'done', segment: 'done', value: 'failed', forecast: 'cancelled', publish: 'pending',
      });
      expect(progress.status).toBe('failed');
    });
  } finally {
    await connection.close();
  }

  // Every entity's rules, each after its own standardizing and the customers'.
  expect(rules.map((r) => r.entity).sort()).toEqual(['customers', 'engagement_events', 'marketing_spend', 'order_lines', 'reviews', 'survey_responses']);
  expect(rules.filter((r) => !r.ownStandardized || !r.customersStandardized)).toEqual([]);

  const run = await harness.db('runs').where({ run_id: runIdFor(AS_OF) }).first();
  expect({ status: run.status, error: run.error }).toEqual({ status: 'failed', error: 'the values failed on purpose' });
  const history = await harness.client.workflow.getHandle(refreshWorkflowId(AS_OF)).fetchHistory();
  const scheduled = new Map((history.events ?? []).flatMap((e) => (e.activityTaskScheduledEventAttributes
    ? [[String(e.eventId), e.activityTaskScheduledEventAttributes.activityType?.name ?? '']] : [])));
  const cancelRequested = (history.events ?? []).flatMap((e) => (e.activityTaskCancelRequestedEventAttributes
    ? [scheduled.get(String(e.activityTaskCancelRequestedEventAttributes.scheduledEventId))] : []));
  expect(cancelRequested).toEqual(['forecastSeriesPart']);
  expect([...scheduled.values()]).not.toContain('summarizeForecasts');
  expect([...scheduled.values()]).not.toContain('renderReports');
});
