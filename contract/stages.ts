/**
 * The stages of a run and the rows each of their steps owns: one registry that the workflow
 * reads for its plan and progress, the stage helper (activities/stage.ts) for what a step
 * deletes before it writes again, and beginRun's clean-up for what a skipped stage or an
 * entity the config no longer reads leaves behind. Pure data: workflow code imports it.
 */
import { ENTITY_NAMES, type EntityName } from '../config/canonical';
import type { SourceConfig } from '../config/sources';
import type { Chunking, RunContext } from './runContext';

export const STAGE_NAMES = ['extract', 'clean', 'voice', 'profile', 'segment', 'value', 'forecast', 'publish'] as const;
export type StageName = (typeof STAGE_NAMES)[number];

/**
 * One of `count` parts of a stage's work, run side by side as steps of one wave (by one or
 * several workers): the customers whose id hashes to `index` (partPredicate).
 */
export interface Part {
  index: number;
  count: number;
}

/**
 * Rows of one table that a step replaces for its run: all the run's rows, or those of its part
 * (`where`: equal columns; `part`: the rows whose `column` hashes to the step's part).
 */
export interface OwnedRows {
  table: string;
  where?: Readonly<Record<string, string>>;
  part?: Part & { column: string };
}

/**
 * SQL that holds for the rows of `column` (a customer id) in `part`: PostgreSQL's hash of the
 * text, shifted to be non-negative, modulo the part count. The one definition of a part: the
 * envelope deletes by it and a stage's part reads by it, so the parts of a run never overlap.
 */
export function partPredicate(column: string, part: Part): string {
  if (!Number.isInteger(part.count) || part.count < 1 || !Number.isInteger(part.index) || part.index < 0 || part.index >= part.count) {
    throw new RangeError(`part ${part.index} of ${part.count} is not a part`);
  }
  return `mod(hashtext(${column})::bigint + 2147483648, ${part.count}) = ${part.index}`;
}

/** The parts a chunked stage of a run with `orderLines` accepted order lines is split into: 1 = not split. */
export function partCount(chunking: Chunking | undefined, orderLines: number): number {
  if (!chunking) return 1;
  return Math.max(1, Math.min(chunking.parts, Math.floor(orderLines / chunking.minOrderLinesPerPart)));
}

/** The `count` parts of a stage. */
export const partsOf = (count: number): Part[] => Array.from({ length: count }, (_, index) => ({ index, count }));

/**
 * One activity call of a stage. Its key (`profile`, `extract:<source>`, `segment:describe`)
 * names its timing in the runs table, its advisory lock `<runId>:<key>` and its log lines.
 */
export interface StageStep {
  stage: StageName;
  key: string;
  owns: readonly OwnedRows[];
}

/** What every stage activity takes. */
export interface StageInput {
  context: RunContext;
}

export interface ExtractInput extends StageInput {
  /** Name of one of the config's sources. */
  source: string;
  /** Read the source whole, ignoring its watermark and its stored extraction (refresh --full). */
  full?: boolean;
}

export interface CleanInput extends StageInput {
  entity: EntityName;
}

/** How many rows of a source a cleaning rule fixed while standardizing (analytics/cleaning/rules.ts names the rules). */
export interface RuleTally {
  source: string;
  rule: string;
  rows: number;
}

/** The set-based rules of an entity, with what its standardizing step tallied (a few counts per source). */
export interface CleanRulesInput extends CleanInput {
  standardized: RuleTally[];
}

/** A stage step that may run as one of several parts: without `part`, on the whole run. */
export interface PartInput extends StageInput {
  part?: Part;
}

export type DeliveryTrigger = 'workflow' | 'resend';

const runRows = (...tables: string[]): OwnedRows[] => tables.map((table) => ({ table }));
const cleanRows = (entity: EntityName): OwnedRows[] => [
  ...runRows(`clean_${entity}`, ...(entity === 'order_lines' ? ['clean_orders'] : [])), { table: 'quarantine', where: { entity } }, { table: 'dq_summary', where: { entity } },
];
const step = (stage: StageName, key: string, ...tables: string[]): StageStep => ({ stage, key, owns: runRows(...tables) });

export const STEPS = {
  /** A source's rows in its entity's staging table. */
  extract: (source: { name: string; entity: EntityName }): StageStep => ({
    stage: 'extract', key: `extract:${source.name}`, owns: [{ table: `stg_${source.entity}`, where: { source: source.name } }],
  }),
  /** An entity's clean table (order lines also make clean_orders), its quarantined rows and its data-quality counts. */
  clean: (entity: EntityName): StageStep => ({ stage: 'clean', key: `clean:${entity}`, owns: cleanRows(entity) }),
  /** The same rows, standardized: what the rules and the summary are built from is replaced, so they are deleted too. */
  cleanStandardize: (entity: EntityName): StageStep => ({ stage: 'clean', key: `clean:${entity}:standardize`, owns: cleanRows(entity) }),
  /**
   * The rules move rows from the clean table to quarantine, which a retry finds moved and moves
   * nothing more: it replaces the orders and the summary built from them.
   */
  cleanRules: (entity: EntityName): StageStep => ({
    stage: 'clean', key: `clean:${entity}:rules`, owns: [...runRows(...(entity === 'order_lines' ? ['clean_orders'] : [])), { table: 'dq_summary', where: { entity } }],
  }),
  voice: step('voice', 'voice', 'comment_sentiment', 'comment_topics', 'customer_voice'),
  profile: step('profile', 'profile', 'customer_profiles'),
  /** The profiles of one part's customers. */
  profilePart: (part: Part): StageStep => ({
    stage: 'profile', key: `profile:${part.index + 1}/${part.count}`, owns: [{ table: 'customer_profiles', part: { ...part, column: 'customer_id' } }],
  }),
  /** Segments and clusters, and the voice results that need them (negative share per segment, warnings). */
  segment: step('segment', 'segment', 'customer_segments', 'segment_summary', 'segment_clustering', 'segment_clusters', 'segment_voice', 'voice_warnings'),
  describeSegments: step('segment', 'segment:describe', 'segment_personas', 'segment_crosstabs', 'segment_migration', 'segment_moves_into_risk', 'product_affinity'),
  value: step('value', 'value', 'value_models', 'customer_value', 'acquisition_costs', 'survey_scores', 'segment_profitability'),
  forecast: step('forecast', 'forecast', 'forecast_points', 'forecast_scores', 'forecast_series', 'forecast_track_record', 'forecast_risk_warnings', 'forecast_customer_based'),
  /** The series (with their points and scores) whose id hashes to the part. */
  forecastPart: (part: Part): StageStep => ({
    stage: 'forecast',
    key: `forecast:${part.index + 1}/${part.count}`,
    owns: ['forecast_series', 'forecast_scores', 'forecast_points'].map((table) => ({ table, part: { ...part, column: 'series_id' } })),
  }),
  /** After the parts: what needs every series. */
  forecastSummary: step('forecast', 'forecast:summary', 'forecast_track_record', 'forecast_risk_warnings', 'forecast_customer_based'),
  render: step('publish', 'publish:render', 'report_artifacts', 'crm_export'),
  /** Deliveries are a log of mails sent, never replaced. */
  send: step('publish', 'publish:send'),
} as const;

/**
 * The steps after clean, in the order runs begun before they ran side by side took them one
 * after another (the patch 'concurrent-stages' in workflows/refresh.ts keeps that order for them).
 */
export const ANALYSIS_STEPS = ['voice', 'profile', 'segment', 'describeSegments', 'value', 'forecastPart', 'forecastSummary', 'render', 'send'] as const;
export type AnalysisStep = (typeof ANALYSIS_STEPS)[number];

/**
 * The tables of its own run each step reads, from the SQL of its stage folder. What clean
 * writes is there before any of them starts. Reads of earlier, finished runs order nothing
 * within a run: voice and describeSegments read the previous run's segments (the run context
 * names it), forecastSummary the points of earlier runs' forecasts for its track record.
 * Nothing else is shared: each step's advisory lock is its own key, files are the run's inputs.
 */
const STEP_READS: Readonly<Record<AnalysisStep, readonly string[]>> = {
  voice: ['clean_customers', 'clean_orders', 'clean_survey_responses', 'clean_reviews', 'clean_engagement_events'],
  profile: ['clean_customers', 'clean_orders', 'clean_order_lines'],
  segment: ['customer_profiles', 'customer_voice', 'comment_sentiment'],
  describeSegments: ['customer_segments', 'customer_profiles', 'customer_voice', 'clean_order_lines'],
  value: ['clean_customers', 'clean_orders', 'clean_survey_responses', 'clean_marketing_spend', 'customer_segments'],
  forecastPart: ['clean_customers', 'clean_orders', 'customer_segments'],
  forecastSummary: ['customer_segments', 'forecast_series', 'forecast_points', 'customer_value', 'value_models'],
  render: ['clean_customers', 'clean_orders', 'quarantine', 'dq_summary', 'comment_sentiment', 'comment_topics', 'customer_voice', 'customer_profiles',
    'customer_segments', 'segment_clustering', 'segment_clusters', 'segment_voice', 'voice_warnings', 'segment_personas', 'segment_migration',
    'segment_moves_into_risk', 'product_affinity', 'value_models', 'customer_value', 'acquisition_costs', 'survey_scores', 'segment_profitability',
    'forecast_series', 'forecast_scores', 'forecast_points', 'forecast_track_record', 'forecast_risk_warnings', 'forecast_customer_based'],
  send: ['report_artifacts'],
};

/** The step of each analysis step (a part stands for all of its stage's parts: they own the same tables). */
const analysisStep = (name: AnalysisStep): StageStep => {
  switch (name) {
    case 'forecastPart': return STEPS.forecastPart(partsOf(1)[0]);
    default: return STEPS[name];
  }
};

const ownedTables = (name: AnalysisStep) => new Set(analysisStep(name).owns.map((o) => o.table));

/**
 * What each analysis step needs before it starts: the steps that write a table it reads
 * (STEP_READS). Derived, never listed by hand: the workflow starts a step once these are done,
 * and the progress query shows as running every stage one of whose steps runs.
 */
export function stepNeeds(name: AnalysisStep): AnalysisStep[] {
  const reads = new Set(STEP_READS[name]);
  // A step reading back what it wrote itself needs no other step for it.
  return ANALYSIS_STEPS.filter((other) => other !== name && [...ownedTables(other)].some((table) => reads.has(table)));
}

/** The stage an analysis step belongs to. */
export const stageOfStep = (name: AnalysisStep): StageName => analysisStep(name).stage;

const entitiesOf = (config: Pick<SourceConfig, 'sources'>) => new Set(config.sources.map((s) => s.entity));

/**
 * Customers are cleaned first: the other entities' rules check customer ids against them. With
 * the clean steps apart, only the rules wait: every entity is standardized side by side, and an
 * entity's rules start once it and the customers are standardized.
 */
const CLEAN_WAVES: readonly (readonly EntityName[])[] = [['customers'], ENTITY_NAMES.filter((e) => e !== 'customers')];

/** The entities of `config` in the order one step each cleans them whole: waves whose entities are cleaned in parallel. */
export function cleanWaves(config: Pick<SourceConfig, 'sources'>): EntityName[][] {
  const entities = entitiesOf(config);
  return CLEAN_WAVES.map((wave) => wave.filter((e) => entities.has(e))).filter((wave) => wave.length > 0);
}

/** The entity whose standardized rows an entity's rules need besides its own (customers need none). */
export function cleanRulesNeed(entity: EntityName, config: Pick<SourceConfig, 'sources'>): EntityName | undefined {
  return entity !== 'customers' && entitiesOf(config).has('customers') ? 'customers' : undefined;
}

const VOICE_ENTITIES: readonly EntityName[] = ['survey_responses', 'reviews', 'engagement_events'];

/**
 * Stages that need some entity, with their steps: without survey, review or engagement sources
 * there is no voice to analyse; profiles, segments, values and forecasts are built from orders.
 */
const OPTIONAL_STAGES: ReadonlyArray<{ stage: StageName; needsAnyOf: readonly EntityName[]; waves: StageStep[][] }> = [
  { stage: 'voice', needsAnyOf: VOICE_ENTITIES, waves: [[STEPS.voice]] },
  { stage: 'profile', needsAnyOf: ['order_lines'], waves: [[STEPS.profile]] },
  { stage: 'segment', needsAnyOf: ['order_lines'], waves: [[STEPS.segment], [STEPS.describeSegments]] },
  { stage: 'value', needsAnyOf: ['order_lines'], waves: [[STEPS.value]] },
  { stage: 'forecast', needsAnyOf: ['order_lines'], waves: [[STEPS.forecast]] },
];

/** A stage of a run's plan: its steps in waves (the steps of a wave run in parallel); none when the stage is skipped. */
export interface PlannedStage {
  stage: StageName;
  waves: StageStep[][];
}

/** The stages of a run of `config`, in order, with their steps. */
export function runPlan(config: Pick<SourceConfig, 'sources'>): PlannedStage[] {
  const entities = entitiesOf(config);
  const optional = (stage: StageName) => {
    const spec = OPTIONAL_STAGES.find((s) => s.stage === stage)!;
    return spec.needsAnyOf.some((e) => entities.has(e)) ? spec.waves : [];
  };
  return STAGE_NAMES.map((stage): PlannedStage => {
    switch (stage) {
      case 'extract': return { stage, waves: [config.sources.map(STEPS.extract)] };
      case 'clean': {
        const entities = cleanWaves(config).flat();
        return { stage, waves: [entities.map(STEPS.cleanStandardize), entities.map(STEPS.cleanRules)] };
      }
      case 'publish': return { stage, waves: [[STEPS.render], [STEPS.send]] };
      default: return { stage, waves: optional(stage) };
    }
  });
}

/**
 * What a run of `config` does not write but an earlier attempt of the period with another config
 * may have: the rows of the entities it does not read and of the stages it skips. Cleared when
 * the run begins, so the reports never show an earlier attempt's results.
 */
export function rowsNotWritten(config: Pick<SourceConfig, 'sources'>): OwnedRows[] {
  const entities = entitiesOf(config);
  const absent = ENTITY_NAMES.filter((e) => !entities.has(e));
  const skipped = OPTIONAL_STAGES.filter((s) => !s.needsAnyOf.some((e) => entities.has(e)));
  return [
    ...absent.flatMap((entity) => [{ table: `stg_${entity}` }, ...STEPS.clean(entity).owns]),
    ...skipped.flatMap((s) => s.waves.flat().flatMap((st) => st.owns)),
  ];
}
