/**
 * Loads the report model (reports/model/) of one run from PostgreSQL: KPIs for this and the
 * previous run (contract/runContext.ts), segments with medians, personas and cross-tabs from the pure
 * analytics, the scored customer list, the RFM grid, data quality and monthly revenue.
 * Sections of stages with no rows for the run are listed in `notComputed`.
 */
import type { Knex } from 'knex';
import type { RunContext } from '../../contract/runContext';
import { RunNotFoundError } from '../runs';
import { RULES, type RuleName } from '../../analytics/cleaning/rules';
import { crossTabOfCounts } from '../../analytics/segment/describe';
import { groupName, lifecycleName, VALUE_TIER_NAMES, type CustomerGroup, type Lifecycle, type ValueTier } from '../../analytics/segment/groups';
import type { PersonaCard } from '../../analytics/segment/personas';
import { rfmSegmentName, type RfmSegment } from '../../analytics/segment/rfm';
import { forecastRiskWarnings, loadForecastSection } from './loadForecast';
import { loadSegmentInsights } from './loadSegmentInsights';
import { loadValueSection } from './loadValue';
import { loadVoiceSection } from './loadVoice';
import { buildKpis, buildWarnings, type KpiValues } from '../../reports/kpis';
import { voiceWarnings } from '../../reports/voice';
import { both } from '../../reports/labels';
import type { PendingStage, ReportModel, RevenueMonth } from '../../reports/model';
import type { CustomerRow } from '../../reports/model/customers';
import type { DataQuality, SourceAccount } from '../../reports/model/dataQuality';
import type { GroupRow, RfmCell, SegmentRow } from '../../reports/model/segments';

export const CUSTOMERS_SHEET_LIMIT = 5000;
const QUARANTINE_SAMPLE = 200;
const ACTIVE_DAYS = 90;
const RECENT_REVENUE_DAYS = 28;

/** Where each pending stage keeps its per-run results. */
const STAGE_TABLES: Record<PendingStage, string> = { forecast: 'forecast_series', value: 'value_models', voice: 'customer_voice' };

/** What a run recorded as it ran: its status and per-source row counts. */
interface RunRecord {
  run_id: string;
  status: string;
  source_counts: Record<string, { entity: string; read?: number; afterAsOf?: number; accepted?: number; quarantined?: number }>;
}

async function runRecord(db: Knex, runId: string): Promise<RunRecord> {
  const run: RunRecord | undefined = await db('runs').where({ run_id: runId }).first('run_id', 'status', 'source_counts');
  if (!run) throw new RunNotFoundError(`run ${runId} not found`);
  return run;
}

async function rows<T>(db: Knex, sql: string, bindings: readonly Knex.RawBinding[]): Promise<T[]> {
  return (await db.raw(sql, bindings)).rows as T[];
}

function sourceAccounts(run: RunRecord): SourceAccount[] {
  return Object.entries(run.source_counts).map(([source, c]) => ({
    source, entity: c.entity, read: c.read ?? 0, afterAsOf: c.afterAsOf ?? 0, accepted: c.accepted ?? 0, quarantined: c.quarantined ?? 0,
  })).sort((a, b) => a.source.localeCompare(b.source));
}

/** `cutoff`: the end of the run's as-of day (ISO). */
async function kpiValues(db: Knex, run: RunRecord, cutoff: string): Promise<KpiValues> {
  const [orders] = await rows<{ revenue: number; orders: number; revenue_28d: number }>(db, `
    SELECT coalesce(sum(net_amount), 0)::float8 AS revenue,
           count(*) FILTER (WHERE net_amount > 0)::int AS orders,
           coalesce(sum(net_amount) FILTER (WHERE ordered_at >= ?::timestamptz - make_interval(days => ?)), 0)::float8 AS revenue_28d
    FROM clean_orders WHERE run_id = ? AND ordered_at < ?::timestamptz`, [cutoff, RECENT_REVENUE_DAYS, run.run_id, cutoff]);
  const [customers] = await rows<{ customers: number; active: number; churn_risk: number }>(db, `
    SELECT count(*)::int AS customers,
           count(*) FILTER (WHERE p.recency_days <= ?)::int AS active,
           count(*) FILTER (WHERE s.customer_group = 'churn_risk')::int AS churn_risk
    FROM customer_profiles p LEFT JOIN customer_segments s USING (run_id, customer_id) WHERE p.run_id = ?`, [ACTIVE_DAYS, run.run_id]);
  const accounts = sourceAccounts(run);
  const read = accounts.reduce((s, a) => s + a.read, 0);
  const quarantined = accounts.reduce((s, a) => s + a.quarantined, 0);
  return {
    net_revenue: orders.revenue,
    revenue_28d: orders.revenue_28d,
    orders: orders.orders,
    average_order_value: orders.orders > 0 ? orders.revenue / orders.orders : null,
    customers: customers.customers,
    active_customers: customers.active,
    churn_risk_customers: customers.churn_risk,
    rows_read: read,
    rows_quarantined: quarantined,
    quarantine_rate: read > 0 ? quarantined / read : null,
  };
}

interface CustomerQueryRow {
  customer_id: string;
  r_score: number;
  f_score: number;
  m_score: number;
  rfm_segment: RfmSegment;
  customer_group: CustomerGroup;
  lifecycle: Lifecycle;
  value_tier: ValueTier;
  tags: string[];
  recency_days: number;
  frequency: number;
  monetary: number;
  avg_order_value: number;
  first_order: string;
  last_order: string;
  top_channel: string | null;
  top_category: string | null;
  age_band: string | null;
  city: string | null;
  clv: number | null;
  p_alive: number | null;
  churn_risk: string | null;
}

const CUSTOMERS_SQL = `
SELECT s.customer_id, s.r_score, s.f_score, s.m_score, s.rfm_segment, s.customer_group, s.lifecycle, s.value_tier, s.tags,
       p.recency_days, p.frequency, p.monetary::float8 AS monetary, p.avg_order_value::float8 AS avg_order_value,
       to_char(p.first_order_at AT TIME ZONE ?, 'YYYY-MM-DD') AS first_order,
       to_char(p.last_order_at AT TIME ZONE ?, 'YYYY-MM-DD') AS last_order,
       p.top_channel, p.top_category,
       c.age_band, c.city,
       coalesce(v.clv, v.simple_clv) AS clv, v.p_alive, v.churn_risk
FROM customer_segments s
JOIN customer_profiles p USING (run_id, customer_id)
LEFT JOIN clean_customers c USING (run_id, customer_id)
LEFT JOIN customer_value v USING (run_id, customer_id)
WHERE s.run_id = ?
ORDER BY p.monetary DESC, s.customer_id
LIMIT ?`;

function customerRow(c: CustomerQueryRow): CustomerRow {
  return {
    customerId: c.customer_id,
    rfmSegment: rfmSegmentName(c.rfm_segment),
    r: c.r_score, f: c.f_score, m: c.m_score,
    group: groupName(c.customer_group),
    lifecycle: lifecycleName(c.lifecycle),
    valueTier: VALUE_TIER_NAMES[c.value_tier],
    tags: c.tags,
    recencyDays: c.recency_days,
    frequency: c.frequency,
    monetary: c.monetary,
    averageOrderValue: c.avg_order_value,
    firstOrderDate: c.first_order,
    lastOrderDate: c.last_order,
    topChannel: c.top_channel,
    topCategory: c.top_category,
    city: c.city,
    ageBand: c.age_band,
    clv: c.clv,
    pAlive: c.p_alive,
    churnRisk: c.churn_risk,
  };
}

/**
 * Customers and net revenue per RFM segment, group and demographic of the run: the few thousand
 * combinations the report's shares and cross-tabs are made of, not one row per customer.
 */
interface CustomerMixRow {
  rfm_segment: RfmSegment;
  customer_group: CustomerGroup;
  age_band: string;
  region: string;
  city_tier: string;
  customers: number;
  revenue: number;
}

const CUSTOMER_MIX_SQL = `
SELECT s.rfm_segment, s.customer_group, coalesce(c.age_band, 'unknown') AS age_band, coalesce(c.region, 'unknown') AS region,
       coalesce(c.city_tier, 'unknown') AS city_tier, count(*)::int AS customers, sum(p.monetary)::float8 AS revenue
FROM customer_segments s
JOIN customer_profiles p USING (run_id, customer_id)
LEFT JOIN clean_customers c USING (run_id, customer_id)
WHERE s.run_id = ?
GROUP BY 1, 2, 3, 4, 5
ORDER BY 1, 2, 3, 4, 5`;

/** Customers and net revenue per key, with their shares of all customers and revenue; the largest first. */
function sharesBy<K extends string>(mix: readonly CustomerMixRow[], keyOf: (c: CustomerMixRow) => K) {
  const total = mix.reduce((s, c) => s + c.customers, 0);
  const revenue = mix.reduce((s, c) => s + c.revenue, 0);
  const byKey = new Map<K, { customers: number; revenue: number }>();
  for (const c of mix) {
    const entry = byKey.get(keyOf(c)) ?? { customers: 0, revenue: 0 };
    entry.customers += c.customers;
    entry.revenue += c.revenue;
    byKey.set(keyOf(c), entry);
  }
  return [...byKey.entries()]
    .map(([key, e]) => ({ key, customers: e.customers, customerShare: e.customers / total, revenue: e.revenue, revenueShare: revenue !== 0 ? e.revenue / revenue : 0 }))
    .sort((a, b) => b.customers - a.customers || a.key.localeCompare(b.key));
}

function segmentRows(mix: readonly CustomerMixRow[], medians: Map<string, { recency: number; frequency: number; monetary: number }>): SegmentRow[] {
  return sharesBy(mix, (c) => c.rfm_segment).map(({ key: segment, ...shares }) => ({
    segment,
    name: rfmSegmentName(segment),
    ...shares,
    medianRecencyDays: medians.get(segment)!.recency,
    medianFrequency: medians.get(segment)!.frequency,
    medianMonetary: medians.get(segment)!.monetary,
  }));
}

function groupRows(mix: readonly CustomerMixRow[]): GroupRow[] {
  return sharesBy(mix, (c) => c.customer_group).map(({ key: group, ...shares }) => ({ group, name: groupName(group), ...shares }));
}

/** RFM segment (by its bilingual name) × a demographic column. */
function segmentCrossTab(mix: readonly CustomerMixRow[], column: 'age_band' | 'region' | 'city_tier') {
  return crossTabOfCounts(mix.map((c) => ({ row: both(rfmSegmentName(c.rfm_segment)), column: c[column], count: c.customers })));
}

async function dataQuality(db: Knex, run: RunRecord): Promise<DataQuality> {
  const rules = await rows<{ entity: string; source: string; rule: string; action: string; rows: number }>(db,
    'SELECT entity, source, rule, action, rows::int AS rows FROM dq_summary WHERE run_id = ? ORDER BY entity, source, rule', [run.run_id]);
  const [{ n }] = await rows<{ n: number }>(db, 'SELECT count(*)::int AS n FROM quarantine WHERE run_id = ?', [run.run_id]);
  const sample = await rows<{ entity: string; source: string; row_no: number; reason: string; column_name: string | null; detail: string | null; raw: unknown }>(db,
    'SELECT entity, source, row_no, reason, column_name, detail, raw FROM quarantine WHERE run_id = ? ORDER BY entity, source, row_no LIMIT ?', [run.run_id, QUARANTINE_SAMPLE]);
  return {
    sources: sourceAccounts(run),
    rules: rules.map((r) => ({ ...r, description: RULES[r.rule as RuleName] ?? { zh: r.rule, en: r.rule } })),
    quarantineTotal: n,
    quarantineSample: sample.map((q) => ({ entity: q.entity, source: q.source, rowNo: q.row_no, reason: q.reason, column: q.column_name, detail: q.detail, raw: JSON.stringify(q.raw) })),
  };
}

async function stagesNotComputed(db: Knex, runId: string): Promise<PendingStage[]> {
  const pending: PendingStage[] = [];
  for (const [stage, table] of Object.entries(STAGE_TABLES) as [PendingStage, string][]) {
    const present = (await db.schema.hasTable(table)) && (await db(table).where({ run_id: runId }).first()) !== undefined;
    if (!present) pending.push(stage);
  }
  return pending;
}

export async function loadReportModel(db: Knex, context: RunContext): Promise<ReportModel> {
  const { runId, asOf, timeZone, cutoff, previousRun } = context;
  const run = await runRecord(db, runId);
  const customers = await rows<CustomerQueryRow>(db, CUSTOMERS_SQL, [timeZone, timeZone, runId, CUSTOMERS_SHEET_LIMIT]);
  const mix = await rows<CustomerMixRow>(db, CUSTOMER_MIX_SQL, [runId]);
  const medians = new Map((await rows<{ segment: string; recency: number; frequency: number; monetary: number }>(db, `
    SELECT s.rfm_segment AS segment,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY p.recency_days) AS recency,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY p.frequency) AS frequency,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY p.monetary) AS monetary
    FROM customer_segments s JOIN customer_profiles p USING (run_id, customer_id) WHERE s.run_id = ? GROUP BY 1`, [runId])).map((m) => [m.segment, m]));
  const rfmGrid = await rows<RfmCell>(db, `
    SELECT s.r_score AS r, s.f_score AS f, count(*)::int AS customers, sum(p.monetary)::float8 AS revenue
    FROM customer_segments s JOIN customer_profiles p USING (run_id, customer_id) WHERE s.run_id = ? GROUP BY 1, 2 ORDER BY 1 DESC, 2`, [runId]);
  const revenueHistory = await rows<RevenueMonth>(db, `
    SELECT to_char(ordered_at AT TIME ZONE ?, 'YYYY-MM') AS month, sum(net_amount)::float8 AS revenue,
           count(*) FILTER (WHERE net_amount > 0)::int AS orders, count(DISTINCT customer_id)::int AS customers
    FROM clean_orders WHERE run_id = ? GROUP BY 1 ORDER BY 1`, [timeZone, runId]);
  const notComputed = await stagesNotComputed(db, runId);
  const kpis = buildKpis(await kpiValues(db, run, cutoff), previousRun ? await kpiValues(db, await runRecord(db, previousRun.runId), previousRun.cutoff) : null);

  // Persona cards per RFM segment, as the segment stage stored them.
  const voice = await loadVoiceSection(db, context);
  // Ties in size broken by name: rows re-inserted by a re-run come back in another physical order.
  const personas: PersonaCard[] = (await db('segment_personas').where({ run_id: runId, dimension: 'rfm_segment' }).orderBy([{ column: 'customers', order: 'desc' }, 'segment'])).map((r) => r.card);
  return {
    run: { runId, asOf, status: run.status, timeZone },
    previousRun: previousRun ? { runId: previousRun.runId, asOf: previousRun.asOf } : null,
    kpis,
    warnings: [...buildWarnings(kpis, notComputed), ...voiceWarnings(voice), ...(await forecastRiskWarnings(db, runId))],
    segments: segmentRows(mix, medians),
    groups: groupRows(mix),
    personas: personas.map((card) => ({ name: rfmSegmentName(card.segment as RfmSegment), card })),
    crossTabs: [
      { title: { zh: '细分 × 年龄段', en: 'Segment × age band' }, table: segmentCrossTab(mix, 'age_band') },
      { title: { zh: '细分 × 地区', en: 'Segment × region' }, table: segmentCrossTab(mix, 'region') },
      { title: { zh: '细分 × 城市等级', en: 'Segment × city tier' }, table: segmentCrossTab(mix, 'city_tier') },
    ],
    customers: customers.map(customerRow),
    customersTotal: mix.reduce((s, c) => s + c.customers, 0),
    customersLimit: CUSTOMERS_SHEET_LIMIT,
    rfmGrid,
    dataQuality: await dataQuality(db, run),
    revenueHistory,
    forecast: await loadForecastSection(db, runId),
    value: await loadValueSection(db, runId),
    voice,
    segmentInsights: await loadSegmentInsights(db, runId),
    notComputed,
  };
}
