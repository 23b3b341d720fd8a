/**
 * One refresh run: extract → clean → voice → profile → segment → value → forecast → publish.
 * Thin and deterministic: beginRun resolves the run context once and every activity gets it;
 * the plan (contract/stages.ts) says which steps each stage has, and so the progress the
 * `progress` query shows and which stages the run skips. A failed stage marks the run failed.
 */
import { CancellationScope, defineQuery, isCancellation, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { runIdFor, type RefreshInput, type RefreshProgress, type RefreshResult } from '../contract/refresh';
import type { SegmentInsightsResult } from '../contract/results';
import { cleanWaves, runPlan, type StageName } from '../contract/stages';
import { longStage, mailDelivery, shortIo } from './activityOptions';

const runs = proxyActivities<Activities>(shortIo);
const stages = proxyActivities<Activities>(longStage);
const mail = proxyActivities<Activities>(mailDelivery);

export const progressQuery = defineQuery<RefreshProgress>('progress');

export async function refresh(input: RefreshInput): Promise<RefreshResult> {
  const runId = runIdFor(input.asOf);
  const progress: RefreshProgress = {
    runId,
    asOf: input.asOf,
    status: 'running',
    stages: runPlan(input.sourceConfig).map(({ stage, waves }) => ({ name: stage, status: 'pending', done: 0, total: waves.flat().length })),
  };
  setHandler(progressQuery, () => progress);
  const stage = (name: StageName) => progress.stages.find((s) => s.name === name)!;
  async function run<T>(name: StageName, work: () => Promise<T>): Promise<T> {
    stage(name).status = 'running';
    await runs.markStage({ runId, stage: name });
    const result = await work();
    stage(name).status = 'done';
    return result;
  }
  /** A stage the plan may skip (no voice sources, no orders): passed without a step. */
  async function runIfPlanned<T>(name: StageName, work: () => Promise<T>): Promise<T | null> {
    if (stage(name).total > 0) return run(name, work);
    stage(name).status = 'done';
    return null;
  }
  const counted = async <T>(name: StageName, p: Promise<T>) => {
    const value = await p;
    stage(name).done++;
    return value;
  };

  const context = await runs.beginRun({ runId, asOf: input.asOf, sourceConfig: input.sourceConfig, workflowId: workflowInfo().workflowId });
  try {
    await runs.clearSkipped({ context });
    const extracted = await run('extract', () =>
      Promise.all(input.sourceConfig.sources.map((source) => counted('extract', stages.extractSource({ context, source: source.name, ...(input.full ? { full: true } : {}) })))));
    const cleaned = await run('clean', async () => {
      const results = [];
      for (const wave of cleanWaves(input.sourceConfig)) {
        results.push(...(await Promise.all(wave.map((entity) => counted('clean', stages.cleanEntity({ context, entity }))))));
      }
      return results;
    });
    const voiced = await runIfPlanned('voice', () => counted('voice', stages.analyzeVoice({ context })));
    const profiled = await runIfPlanned('profile', () => counted('profile', stages.profileCustomers({ context })));
    let segmentInsights: SegmentInsightsResult | null = null;
    const segmented = await runIfPlanned('segment', async () => {
      const clustered = await counted('segment', stages.segmentCustomers({ context }));
      segmentInsights = await counted('segment', stages.describeSegments({ context }));
      return clustered;
    });
    const valued = await runIfPlanned('value', () => counted('value', stages.valueCustomers({ context })));
    const forecasted = await runIfPlanned('forecast', () => counted('forecast', stages.forecastRevenue({ context })));
    /** Render and record the reports, then mail the recorded files (retried on its own). */
    const published = await run('publish', async () => {
      const rendered = await counted('publish', stages.renderReports({ context }));
      const delivery = await counted('publish', mail.sendReports({ context, trigger: 'workflow' }));
      return { ...rendered, delivery };
    });
    await runs.finishRun({ runId });
    progress.status = 'succeeded';
    return { runId, asOf: input.asOf, extracted, cleaned, voiced, profiled, segmented, segmentInsights, valued, forecasted, published };
  } catch (error) {
    progress.status = 'failed';
    const running = progress.stages.find((s) => s.status === 'running');
    if (running) running.status = 'failed';
    const message = error instanceof Error ? rootMessage(error) : String(error);
    // A cancelled run (e.g. its backfill was cancelled) still records how it ended.
    await CancellationScope.nonCancellable(() => runs.failRun({ runId, error: message, status: isCancellation(error) ? 'cancelled' : 'failed' }));
    throw error;
  }
}

/** The innermost cause's message: an activity failure wraps the application error. */
export function rootMessage(error: Error): string {
  let current: Error = error;
  while (current.cause instanceof Error) current = current.cause;
  return current.message;
}
