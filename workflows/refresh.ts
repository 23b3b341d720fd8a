/**
 * One refresh run: extract → clean → voice → profile → segment → value → forecast → publish.
 * Thin and deterministic: it sequences activities, keeps progress for
 * the `progress` query, and marks the run failed when a stage fails.
 */
import { CancellationScope, defineQuery, isCancellation, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { ENTITY_NAMES, type EntityName } from '../config/canonical';
import { cpuBoundStage, longStage, mailDelivery, shortIo } from './activityOptions';
import { runIdFor, STAGES, type ForecastResult, type ProfileResult, type PublishResult, type RefreshInput, type RefreshProgress, type RefreshResult, type SegmentInsightsResult, type SegmentResult, type StageName, type ValueResult, type VoiceResult } from '../contract/results';

const runs = proxyActivities<Activities>(shortIo);
const stages = proxyActivities<Activities>(longStage);
const cpuBound = proxyActivities<Activities>(cpuBoundStage);
const mail = proxyActivities<Activities>(mailDelivery);

export const progressQuery = defineQuery<RefreshProgress>('progress');

/** Customers first: the other entities' rules check customer ids against them. */
const CLEAN_ORDER: EntityName[][] = [['customers'], ['order_lines', 'marketing_spend', 'survey_responses', 'reviews', 'engagement_events']];

export async function refresh(input: RefreshInput): Promise<RefreshResult> {
  const runId = runIdFor(input.asOf);
  const entities = new Set(input.sourceConfig.sources.map((s) => s.entity));
  /** Profiles, segments and values are built from orders: without order lines those stages have nothing to do. */
  const hasOrders = entities.has('order_lines');
  /** The voice stage reads what customers say and do: without any of those sources it is skipped. */
  const hasVoice = entities.has('survey_responses') || entities.has('reviews') || entities.has('engagement_events');
  const totalFor = (name: StageName) =>
    name === 'publish' ? 2 : name === 'extract' ? input.sourceConfig.sources.length : name === 'clean' ? entities.size : name === 'voice' ? Number(hasVoice) : hasOrders ? 1 : 0;
  const progress: RefreshProgress = {
    runId,
    asOf: input.asOf,
    status: 'running',
    stages: STAGES.map((name) => ({ name, status: 'pending', done: 0, total: totalFor(name) })),
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
  const counted = async <T>(name: StageName, p: Promise<T>) => {
    const value = await p;
    stage(name).done++;
    return value;
  };

  await runs.beginRun({ runId, asOf: input.asOf, sourceConfig: input.sourceConfig, workflowId: workflowInfo().workflowId });
  try {
    const skippedStages: StageName[] = [...(hasVoice ? [] : ['voice' as const]), ...(hasOrders ? [] : (['profile', 'segment', 'value', 'forecast'] as const))];
    await runs.clearSkipped({ runId, absentEntities: ENTITY_NAMES.filter((e) => !entities.has(e)), skippedStages });
    const extracted = await run('extract', () =>
      Promise.all(input.sourceConfig.sources.map((source) =>
        counted('extract', stages.extractSource({ runId, asOf: input.asOf, source, config: { timezone: input.sourceConfig.timezone } })))));
    const cleaned = await run('clean', async () => {
      const results = [];
      for (const group of CLEAN_ORDER) {
        const present = group.filter((entity) => entities.has(entity));
        results.push(...(await Promise.all(present.map((entity) =>
          counted('clean', stages.cleanEntity({ runId, asOf: input.asOf, entity, config: input.sourceConfig }))))));
      }
      return results;
    });
    let voiced: VoiceResult | null = null;
    if (hasVoice) {
      voiced = await run('voice', () => counted('voice', stages.analyzeVoice({ runId, asOf: input.asOf, timeZone: input.sourceConfig.timezone, options: input.sourceConfig.voice })));
    } else {
      stage('voice').status = 'done';
    }
    let profiled: ProfileResult | null = null;
    let segmented: SegmentResult | null = null;
    let segmentInsights: SegmentInsightsResult | null = null;
    let valued: ValueResult | null = null;
    let forecasted: ForecastResult | null = null;
    if (hasOrders) {
      profiled = await run('profile', () => counted('profile', stages.profileCustomers({ runId, asOf: input.asOf, timeZone: input.sourceConfig.timezone })));
      segmented = await run('segment', async () => {
        const clustered = await cpuBound.segmentCustomers({ runId, asOf: input.asOf });
        segmentInsights = await counted('segment', stages.describeSegments({ runId, asOf: input.asOf }));
        return clustered;
      });
      valued = await run('value', () => counted('value', stages.valueCustomers({ runId, asOf: input.asOf, timeZone: input.sourceConfig.timezone, valuation: input.sourceConfig.valuation })));
      forecasted = await run('forecast', () => counted('forecast', stages.forecastRevenue({ runId, asOf: input.asOf, timeZone: input.sourceConfig.timezone, settings: input.forecast })));
    } else {
      stage('profile').status = 'done';
      stage('segment').status = 'done';
      stage('value').status = 'done';
      stage('forecast').status = 'done';
    }
    /** Render and record the reports, then mail the recorded files (retried on its own). */
    const published: PublishResult = await run('publish', async () => {
      const rendered = await counted('publish', cpuBound.renderReports({ runId }));
      const delivery = await counted('publish', mail.sendReports({ runId, trigger: 'workflow' }));
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
