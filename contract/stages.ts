/**
 * The stages of a run and the rows each of their steps owns: one registry that the workflow
 * reads for its plan and progress, the stage helper (activities/stage.ts) for what a step
 * deletes before it writes again, and beginRun's clean-up for what a skipped stage or an
 * entity the config no longer reads leaves behind. Pure data: workflow code imports it.
 */
import { ENTITY_NAMES, type EntityName } from '../config/canonical';
import type { SourceConfig } from '../config/sources';
import type { RunContext } from './runContext';

export const STAGE_NAMES = ['extract', 'clean', 'voice', 'profile', 'segment', 'value', 'forecast', 'publish'] as const;
export type StageName = (typeof STAGE_NAMES)[number];

/** Rows of one table that a step replaces for its run: all the run's rows, or those of its part (`where`). */
export interface OwnedRows {
  table: string;
  where?: Readonly<Record<string, string>>;
}

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

export type DeliveryTrigger = 'workflow' | 'resend';

const runRows = (...tables: string[]): OwnedRows[] => tables.map((table) => ({ table }));
const step = (stage: StageName, key: string, ...tables: string[]): StageStep => ({ stage, key, owns: runRows(...tables) });

export const STEPS = {
  /** A source's rows in its entity's staging table. */
  extract: (source: { name: string; entity: EntityName }): StageStep => ({
    stage: 'extract', key: `extract:${source.name}`, owns: [{ table: `stg_${source.entity}`, where: { source: source.name } }],
  }),
  /** An entity's clean table (order lines also make clean_orders), its quarantined rows and its data-quality counts. */
  clean: (entity: EntityName): StageStep => ({
    stage: 'clean',
    key: `clean:${entity}`,
    owns: [...runRows(`clean_${entity}`, ...(entity === 'order_lines' ? ['clean_orders'] : [])), { table: 'quarantine', where: { entity } }, { table: 'dq_summary', where: { entity } }],
  }),
  voice: step('voice', 'voice', 'comment_sentiment', 'comment_topics', 'customer_voice'),
  profile: step('profile', 'profile', 'customer_profiles'),
  /** Segments and clusters, and the voice results that need them (negative share per segment, warnings). */
  segment: step('segment', 'segment', 'customer_segments', 'segment_summary', 'segment_clustering', 'segment_clusters', 'segment_voice', 'voice_warnings'),
  describeSegments: step('segment', 'segment:describe', 'segment_personas', 'segment_crosstabs', 'segment_migration', 'segment_moves_into_risk', 'product_affinity'),
  value: step('value', 'value', 'value_models', 'customer_value', 'acquisition_costs', 'survey_scores', 'segment_profitability'),
  forecast: step('forecast', 'forecast', 'forecast_points', 'forecast_scores', 'forecast_series', 'forecast_track_record', 'forecast_risk_warnings', 'forecast_customer_based'),
  render: step('publish', 'publish:render', 'report_artifacts', 'crm_export'),
  /** Deliveries are a log of mails sent, never replaced. */
  send: step('publish', 'publish:send'),
} as const;

const entitiesOf = (config: Pick<SourceConfig, 'sources'>) => new Set(config.sources.map((s) => s.entity));

/** Customers are cleaned first: the other entities' rules check customer ids against them. */
const CLEAN_WAVES: readonly (readonly EntityName[])[] = [['customers'], ENTITY_NAMES.filter((e) => e !== 'customers')];

/** The entities of `config` in the order they are cleaned: waves whose entities are cleaned in parallel. */
export function cleanWaves(config: Pick<SourceConfig, 'sources'>): EntityName[][] {
  const entities = entitiesOf(config);
  return CLEAN_WAVES.map((wave) => wave.filter((e) => entities.has(e))).filter((wave) => wave.length > 0);
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
      case 'clean': return { stage, waves: cleanWaves(config).map((wave) => wave.map(STEPS.clean)) };
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
