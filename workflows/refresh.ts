/**
 * One refresh run: extract → clean, then the analysis steps (voice, profile, segment, value,
 * forecast, publish), each started once the steps it needs are done: contract/stages.ts
 * derives what a step needs from the tables it reads, so voice runs beside profile, and the
 * segments' descriptions, the values and the forecast's series beside each other.
 * Thin and deterministic: beginRun resolves the run context once and every activity gets it;
 * the plan (contract/stages.ts) says which steps each stage has, and so the progress the
 * `progress` query shows (several stages may be running) and which stages the run skips.
 * A failed step cancels the steps running beside it and marks the run failed.
 */
import { CancellationScope, defineQuery, isCancellation, patched, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { runIdFor, type RefreshInput, type RefreshProgress, type RefreshResult } from '../contract/refresh';
import { forecastOfParts, type CleanResult, type ExtractResult, type ForecastSeriesResult, type ForecastStageResult, type ProfileResult, type PublishResult, type SegmentInsightsResult, type SegmentResult, type StandardizeResult, type ValueResult, type VoiceResult } from '../contract/results';
import { ANALYSIS_STEPS, cleanRulesNeed, cleanWaves, partCount, partsOf, runPlan, stageOfStep, stepNeeds, type AnalysisStep, type Part, type RuleTally, type StageName } from '../contract/stages';
import type { EntityName } from '../config/canonical';
import type { SourceConfig } from '../config/sources';
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
  // One markStage at a time, so the runs table keeps the latest call's stages whatever order the activities ran in.
  let marking = Promise.resolve();
  let marksRunning = false;
  /** Marks a stage running (once, by its first step to start): in the runs table, the stages running now. */
  async function begin(name: StageName): Promise<void> {
    if (stage(name).status !== 'pending') return;
    stage(name).status = 'running';
    const current = marksRunning ? progress.stages.filter((s) => s.status === 'running').map((s) => s.name).join(', ') : name;
    marking = marking.then(() => runs.markStage({ runId, stage: current }));
    await marking;
  }
  async function run<T>(name: StageName, work: () => Promise<T>): Promise<T> {
    await begin(name);
    return work();
  }
  /** A step's result, counted: its stage is done with its last step. */
  const counted = async <T>(name: StageName, p: Promise<T>) => {
    const value = await p;
    const s = stage(name);
    if (++s.done === s.total) s.status = 'done';
    return value;
  };
  /** A step run whole, or as `count` parts side by side (one wave, any worker on the queue takes a part). */
  async function inParts<T>(name: StageName, count: number, step: (part?: Part) => Promise<T>): Promise<T[]> {
    if (count === 1) return [await counted(name, step())];
    return Promise.all(partsOf(count).map((part) => counted(name, step(part))));
  }

  const context = await runs.beginRun({ runId, asOf: input.asOf, sourceConfig: input.sourceConfig, workflowId: workflowInfo().workflowId });
  try {
    await runs.clearSkipped({ context });
    const extracted = await run('extract', () =>
      Promise.all(input.sourceConfig.sources.map((source) => counted('extract', stages.extractSource({ context, source: source.name, ...(input.full ? { full: true } : {}) })))));
    const cleaned = await run('clean', async () => {
      // Runs begun since the clean steps were apart standardize every entity side by side, the largest first.
      if (patched('clean-rules-apart')) return cleanApart(input.sourceConfig, extracted, (entity) => counted('clean', stages.standardizeEntity({ context, entity })),
        (entity, standardized) => counted('clean', stages.applyCleanRules({ context, entity, standardized })));
      const waves = cleanWaves(input.sourceConfig);
      stage('clean').total = waves.flat().length;
      const results = [];
      for (const wave of waves) {
        results.push(...(await Promise.all(wave.map((entity) => counted('clean', stages.cleanEntity({ context, entity }))))));
      }
      return results;
    });
    // Runs begun since stages have parts split their heavy stages when big enough (contract/stages.ts).
    const parts = patched('stage-parts') ? partCount(context.chunking, cleaned.find((c) => c.entity === 'order_lines')?.accepted ?? 0) : 1;
    // Runs begun since steps run side by side start each once what it needs is done; earlier runs took them one after another.
    const concurrent = patched('concurrent-stages');
    marksRunning = concurrent;
    // Side by side, the forecast's series (which need the segments) run beside the values and its summary (which needs them) after.
    const forecastSplit = concurrent || parts > 1;
    for (const [name, total] of [['profile', parts], ['forecast', forecastSplit ? parts + 1 : 1]] as const) {
      if (stage(name).total > 0) stage(name).total = total;
    }

    let voiced: VoiceResult | null = null;
    let profiled: ProfileResult | null = null;
    let segmented: SegmentResult | null = null;
    let segmentInsights: SegmentInsightsResult | null = null;
    let valued: ValueResult | null = null;
    let forecastSeries: ForecastSeriesResult[] = [];
    let forecasted: ForecastStageResult | null = null;
    let rendered: Omit<PublishResult, 'delivery'> | null = null;
    let published: PublishResult | null = null;
    const steps: Record<AnalysisStep, () => Promise<void>> = {
      voice: async () => { voiced = await counted('voice', stages.analyzeVoice({ context })); },
      profile: async () => {
        const results = await inParts('profile', parts, (part) => stages.profileCustomers({ context, ...(part ? { part } : {}) }));
        // The parts ran side by side: the stage took as long as its slowest.
        profiled = { customers: results.reduce((n, r) => n + r.customers, 0), ms: Math.max(...results.map((r) => r.ms)) };
      },
      segment: async () => { segmented = await counted('segment', stages.segmentCustomers({ context })); },
      describeSegments: async () => { segmentInsights = await counted('segment', stages.describeSegments({ context })); },
      value: async () => { valued = await counted('value', stages.valueCustomers({ context })); },
      forecastPart: async () => {
        if (!forecastSplit) forecasted = await counted('forecast', stages.forecastRevenue({ context }));
        else forecastSeries = await Promise.all(partsOf(parts).map((part) => counted('forecast', stages.forecastSeriesPart({ context, part }))));
      },
      forecastSummary: async () => {
        if (forecastSplit) forecasted = forecastOfParts(forecastSeries, await counted('forecast', stages.summarizeForecasts({ context })));
      },
      /** Render and record the reports, then mail the recorded files (retried on its own). */
      render: async () => { rendered = await counted('publish', stages.renderReports({ context })); },
      send: async () => { published = { ...rendered!, delivery: await counted('publish', mail.sendReports({ context, trigger: 'workflow' })) }; },
    };
    await runSteps(steps, concurrent, (name) => stage(name), begin);
    await runs.finishRun({ runId });
    progress.status = 'succeeded';
    return { runId, asOf: input.asOf, extracted, cleaned, voiced, profiled, segmented, segmentInsights, valued, forecasted, published: published! };
  } catch (error) {
    progress.status = 'failed';
    // The stage of the step that failed first (runSteps marks it), else the one running.
    if (!progress.stages.some((s) => s.status === 'failed')) {
      const running = progress.stages.find((s) => s.status === 'running');
      if (running) running.status = 'failed';
    }
    for (const s of progress.stages) if (s.status === 'running') s.status = 'cancelled';
    const message = error instanceof Error ? rootMessage(error) : String(error);
    // A cancelled run (e.g. its backfill was cancelled) still records how it ended.
    await CancellationScope.nonCancellable(() => runs.failRun({ runId, error: message, status: isCancellation(error) ? 'cancelled' : 'failed' }));
    throw error;
  }
}

/**
 * Runs the analysis steps, each once the steps it needs are done (`concurrent`), or each after
 * the one before it (runs begun before steps ran side by side). A step of a stage the plan skips
 * (no activity planned) passes at once. When a step fails, the stage of the first to fail is
 * marked failed, the steps running beside it are cancelled and its error is raised.
 */
async function runSteps(
  steps: Record<AnalysisStep, () => Promise<void>>,
  concurrent: boolean,
  stageOf: (name: StageName) => RefreshProgress['stages'][number],
  begin: (name: StageName) => Promise<void>,
): Promise<void> {
  const started = new Map<AnalysisStep, Promise<void>>();
  const needs = (name: AnalysisStep, index: number): AnalysisStep[] => (concurrent ? stepNeeds(name) : index > 0 ? [ANALYSIS_STEPS[index - 1]] : []);
  let failed = false;
  const scope = new CancellationScope();
  const all = scope.run(() => Promise.all(ANALYSIS_STEPS.map((name, index) => {
    const step = (async () => {
      await Promise.all(needs(name, index).map((need) => started.get(need)!));
      const s = stageOf(stageOfStep(name));
      if (s.total === 0) {
        s.status = 'done';
        return;
      }
      try {
        await begin(s.name);
        await steps[name]();
      } catch (error) {
        if (!failed && !isCancellation(error)) {
          failed = true;
          s.status = 'failed';
        }
        throw error;
      }
    })();
    started.set(name, step);
    return step;
  })));
  try {
    await all;
  } catch (error) {
    // The others have stopped or are stopped now: none keeps running after the run has failed.
    scope.cancel();
    await Promise.allSettled(started.values());
    throw error;
  }
}

/**
 * The clean stage as two steps per entity: every entity standardized side by side (dispatched
 * largest first by the rows extracted, so the longest starts at once), and each entity's rules
 * once it and the entity they need (cleanRulesNeed) are standardized.
 */
async function cleanApart(
  config: SourceConfig,
  extracted: readonly ExtractResult[],
  standardize: (entity: EntityName) => Promise<StandardizeResult>,
  applyRules: (entity: EntityName, standardized: RuleTally[]) => Promise<CleanResult>,
): Promise<CleanResult[]> {
  const entities = cleanWaves(config).flat();
  const rows = new Map<EntityName, number>(entities.map((entity) => [entity, 0]));
  for (const e of extracted) rows.set(e.entity, (rows.get(e.entity) ?? 0) + e.read);
  // A stable sort: entities of equal size keep the cleaning order.
  const bySize = [...entities].sort((a, b) => rows.get(b)! - rows.get(a)!);
  const standardizing = new Map(bySize.map((entity) => [entity, standardize(entity)]));
  return Promise.all(entities.map(async (entity) => {
    const need = cleanRulesNeed(entity, config);
    const [own] = await Promise.all([standardizing.get(entity)!, ...(need ? [standardizing.get(need)!] : [])]);
    return applyRules(entity, own.tallies);
  }));
}

/** The innermost cause's message: an activity failure wraps the application error. */
export function rootMessage(error: Error): string {
  let current: Error = error;
  while (current.cause instanceof Error) current = current.cause;
  return current.message;
}
