/**
 * Segment stage, second step: what the segments mean, from the rows the first step stored — persona cards (per customer group, RFM segment and cluster; with the members'
 * engagement and sentiment from customer_voice when the run has voice sources), cross-tabs of the
 * customer group × demographics and channel, the migration matrix since the previous run
 * (contract/runContext.ts) with the customers who moved into at-risk segments, and
 * frequently-bought-together pairs (category and product level, overall and per group).
 */
import type { PoolClient } from 'pg';
import { BasketCoder, frequentPairs, frequentPairsBySegment, type AffinityResult, type CodedBaskets } from '../../analytics/segment/affinity';
import { crossTab } from '../../analytics/segment/describe';
import { segmentMigration, type SegmentAssignment } from '../../analytics/segment/migration';
import { PersonaBuilder, type PersonaInput } from '../../analytics/segment/personas';
import type { RfmSegment } from '../../analytics/segment/rfm';
import type { SegmentInsightsResult } from '../../contract/results';
import { STEPS, type StageInput } from '../../contract/stages';
import { copyRowsOut } from '../../infra/copy';
import { defineStage } from '../stage';

interface SegmentedRow {
  customer_id: string;
  customer_group: string;
  rfm_segment: RfmSegment;
  cluster: number;
  r_score: number;
  f_score: number;
  m_score: number;
  recency_days: number;
  frequency: number;
  monetary: string;
  top_channel: string | null;
  channel_shares: Record<string, number>;
  category_shares: Record<string, number>;
  age_band: string | null;
  generation: string | null;
  gender: string | null;
  region: string | null;
  city_tier: string | null;
  /** From customer_voice; null when the run has no voice sources. */
  engagement_score: number | null;
  avg_sentiment: number | null;
}

/** Segmentations a persona card is drawn for, and the column holding each. */
const PERSONA_DIMENSIONS = ['customer_group', 'rfm_segment', 'cluster'] as const;
/** Demographic attributes of the persona cards. */
const DEMOGRAPHICS = ['age_band', 'generation', 'gender', 'region', 'city_tier'] as const;
/** Attributes crossed with the customer group. */
const CROSSTAB_ATTRIBUTES = ['age_band', 'generation', 'gender', 'region', 'city_tier', 'top_channel'] as const;
const MIGRATION_DIMENSIONS = ['customer_group', 'rfm_segment'] as const;
/** Minimum support and pairs kept per segment, by basket level: products are many, so their floor is lower and the list bounded. */
const AFFINITY_LEVELS = [
  { level: 'category', column: 'category', minSupport: 0.01 },
  { level: 'product', column: 'product_id', minSupport: 0.001 },
] as const;
const PAIRS_KEPT = 50;

const segmentOf = (r: SegmentedRow, dimension: (typeof PERSONA_DIMENSIONS)[number]) =>
  dimension === 'cluster' ? `cluster_${r.cluster}` : r[dimension];

/** Customers read per query. */
const CUSTOMER_BATCH = 20_000;

/** The run's segmented customers in customer order, read in keyset batches. */
async function* segmentedCustomers(client: PoolClient, runId: string): AsyncGenerator<SegmentedRow[]> {
  let last: string | undefined;
  for (;;) {
    const after = last === undefined ? '' : 'AND s.customer_id > $3';
    const { rows } = await client.query<SegmentedRow>(
      `SELECT s.customer_id, s.customer_group, s.rfm_segment, s.cluster, s.r_score, s.f_score, s.m_score,
              p.recency_days, p.frequency, p.monetary, p.top_channel, p.channel_shares, p.category_shares,
              p.age_band, p.generation, p.gender, p.region, p.city_tier, v.engagement_score, v.avg_sentiment
       FROM customer_segments s JOIN customer_profiles p USING (run_id, customer_id)
       LEFT JOIN customer_voice v USING (run_id, customer_id)
       WHERE s.run_id = $1 ${after} ORDER BY s.customer_id LIMIT $2`,
      [runId, CUSTOMER_BATCH, ...(last === undefined ? [] : [last])],
    );
    yield rows;
    if (rows.length < CUSTOMER_BATCH) return;
    last = rows[rows.length - 1].customer_id;
  }
}

/** A segmented row as a persona's input (its segments are given beside it). */
function personaInput(r: SegmentedRow): PersonaInput {
  const demographics: Record<string, string> = {};
  for (const a of DEMOGRAPHICS) if (r[a] !== null) demographics[a] = r[a];
  return {
    recencyDays: Number(r.recency_days),
    frequency: Number(r.frequency),
    monetary: Number(r.monetary),
    rfm: { r: r.r_score, f: r.f_score, m: r.m_score, segment: r.rfm_segment },
    categoryShares: r.category_shares ?? {},
    channelShares: r.channel_shares ?? {},
    demographics,
    voice: r.engagement_score === null ? undefined : { engagementScore: r.engagement_score, sentiment: r.avg_sentiment },
  };
}

/**
 * What the cross-tabs, the migration and the affinity need of each customer, in customer order:
 * columns of strings held once each. The persona cards need more of each customer, and are
 * gathered as the customers are read (PersonaBuilder: sums per segment, each customer's numbers
 * once) instead: at 400,000 customers, holding every customer's persona inputs as objects took
 * the step's thread heap to 400 MB.
 */
interface CustomerColumns {
  customerIds: string[];
  segments: Record<(typeof MIGRATION_DIMENSIONS)[number], string[]>;
  attributes: Record<(typeof CROSSTAB_ATTRIBUTES)[number], string[]>;
}

async function storePersonas(client: PoolClient, runId: string, personas: PersonaBuilder<(typeof PERSONA_DIMENSIONS)[number]>): Promise<void> {
  for (const dimension of PERSONA_DIMENSIONS) {
    for (const card of personas.cards(dimension)) {
      await client.query(`INSERT INTO segment_personas (run_id, dimension, segment, customers, card) VALUES ($1, $2, $3, $4, $5)`,
        [runId, dimension, card.segment, card.size, JSON.stringify(card)]);
    }
  }
}

async function storeCrossTabs(client: PoolClient, runId: string, { segments, attributes }: CustomerColumns): Promise<void> {
  for (const attribute of CROSSTAB_ATTRIBUTES) {
    const tab = crossTab(segments.customer_group, attributes[attribute]);
    for (let i = 0; i < tab.rowKeys.length; i++) {
      for (let j = 0; j < tab.columnKeys.length; j++) {
        if (tab.counts[i][j] === 0) continue;
        await client.query(`INSERT INTO segment_crosstabs (run_id, attribute, segment, value, customers, share) VALUES ($1, $2, $3, $4, $5, $6)`,
          [runId, attribute, tab.rowKeys[i], tab.columnKeys[j], tab.counts[i][j], tab.rowShares[i][j]]);
      }
    }
  }
}

/** @returns the previous run's id, or null for the first run. */
async function storeMigration(client: PoolClient, runId: string, previousRunId: string | null, { customerIds, segments }: CustomerColumns): Promise<{ previousRunId: string | null; movedIntoRisk: number }> {
  if (previousRunId === null) return { previousRunId, movedIntoRisk: 0 };
  let movedIntoRisk = 0;
  for (const dimension of MIGRATION_DIMENSIONS) {
    const before = await client.query<{ customer_id: string; segment: string }>(
      `SELECT customer_id, ${dimension} AS segment FROM customer_segments WHERE run_id = $1`, [previousRunId]);
    const previous: SegmentAssignment[] = before.rows.map((r) => ({ customerId: r.customer_id, segment: r.segment }));
    const current: SegmentAssignment[] = customerIds.map((customerId, i) => ({ customerId, segment: segments[dimension][i] }));
    const migration = segmentMigration(previous, current);
    for (let i = 0; i < migration.segments.length; i++) {
      for (let j = 0; j < migration.segments.length; j++) {
        if (migration.counts[i][j] === 0) continue;
        await client.query(
          `INSERT INTO segment_migration (run_id, previous_run_id, dimension, from_segment, to_segment, customers, share_of_from) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [runId, previousRunId, dimension, migration.segments[i], migration.segments[j], migration.counts[i][j], migration.rowShares[i][j]]);
      }
    }
    for (const move of migration.movedIntoRisk) {
      await client.query(`INSERT INTO segment_moves_into_risk (run_id, dimension, customer_id, from_segment, to_segment) VALUES ($1, $2, $3, $4, $5)`,
        [runId, dimension, move.customerId, move.from, move.to]);
    }
    movedIntoRisk += migration.movedIntoRisk.length;
  }
  return { previousRunId, movedIntoRisk };
}

/**
 * One basket per sale order: the distinct non-empty values of `column` on its lines, coded as
 * integers (BasketCoder) with its customer's group. Read one level at a time, streamed out with
 * COPY (a query's result would be held whole beside the baskets made of it): the orders of a
 * run are the largest thing the segment stage holds.
 */
async function readBaskets(client: PoolClient, runId: string, column: (typeof AFFINITY_LEVELS)[number]['column'], groupOf: ReadonlyMap<string, string>): Promise<CodedBaskets> {
  const coder = new BasketCoder();
  const orders = copyRowsOut(client,
    `SELECT customer_id, to_json(array_agg(DISTINCT ${column}) FILTER (WHERE ${column} IS NOT NULL AND ${column} <> '')) AS items
     FROM clean_order_lines WHERE run_id = ${client.escapeLiteral(runId)} AND kind = 'sale' GROUP BY order_id, customer_id`);
  for await (const [customerId, items] of orders) coder.add(items === null ? [] : (JSON.parse(items) as string[]), groupOf.get(customerId!));
  return coder.done();
}

async function storeAffinity(client: PoolClient, runId: string, groupOf: ReadonlyMap<string, string>): Promise<number> {
  let stored = 0;
  for (const { level, column, minSupport } of AFFINITY_LEVELS) {
    const baskets = await readBaskets(client, runId, column, groupOf);
    const results = new Map<string, AffinityResult>([['all', frequentPairs(baskets, { minSupport })], ...frequentPairsBySegment(baskets, { minSupport })]);
    for (const [segment, result] of results) {
      for (const p of result.pairs.slice(0, PAIRS_KEPT)) {
        await client.query(
          `INSERT INTO product_affinity (run_id, segment, level, item_a, item_b, orders, support, confidence_ab, confidence_ba, lift) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
          [runId, segment, level, p.a, p.b, p.count, p.support, p.confidenceAB, p.confidenceBA, p.lift]);
        stored++;
      }
    }
  }
  return stored;
}

/**
 * Personas, cross-tabs and migration from the run's segmented customers, read once; what the
 * affinity needs (each customer's group) is returned, and the rest is garbage before the orders'
 * baskets are read.
 */
async function describeCustomers(client: PoolClient, runId: string, previousRunId: string | null):
  Promise<{ customers: number; groupOf: Map<string, string>; migration: { previousRunId: string | null; movedIntoRisk: number } }> {
  const strings = new Map<string, string>();
  const once = (value: string): string => {
    const held = strings.get(value);
    if (held !== undefined) return held;
    strings.set(value, value);
    return value;
  };
  const personas = new PersonaBuilder(PERSONA_DIMENSIONS);
  const segments: string[] = [];
  const columns: CustomerColumns = {
    customerIds: [],
    segments: { customer_group: [], rfm_segment: [] },
    attributes: { age_band: [], generation: [], gender: [], region: [], city_tier: [], top_channel: [] },
  };
  for await (const rows of segmentedCustomers(client, runId)) {
    for (const r of rows) {
      PERSONA_DIMENSIONS.forEach((dimension, i) => { segments[i] = segmentOf(r, dimension); });
      personas.add(personaInput(r), segments);
      columns.customerIds.push(r.customer_id);
      for (const dimension of MIGRATION_DIMENSIONS) columns.segments[dimension].push(once(r[dimension]));
      for (const attribute of CROSSTAB_ATTRIBUTES) columns.attributes[attribute].push(once(r[attribute] ?? 'unknown'));
    }
  }
  await storePersonas(client, runId, personas);
  await storeCrossTabs(client, runId, columns);
  const migration = await storeMigration(client, runId, previousRunId, columns);
  const groups = columns.segments.customer_group;
  return { customers: columns.customerIds.length, groupOf: new Map(columns.customerIds.map((id, i) => [id, groups[i]])), migration };
}

export const describeSegmentsStage = defineStage<StageInput, Omit<SegmentInsightsResult, 'ms'>>({
  step: () => STEPS.describeSegments,
  async run({ context: { runId, previousRun }, client }) {
    const { customers, groupOf, migration } = await describeCustomers(client, runId, previousRun?.runId ?? null);
    const affinityPairs = await storeAffinity(client, runId, groupOf);
    return { customers, ...migration, affinityPairs };
  },
  rows: (result) => result.customers,
});
