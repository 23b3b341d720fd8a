/**
 * Clean stage, per entity in two steps, each replacing its rows in its own transaction:
 * 1. standardize (`standardizeStage`): stream the staged rows out (COPY), standardize each with
 *    the pure rules in analytics/cleaning, COPY accepted rows and quarantined rows in; returns
 *    how often each rule fixed a row. It needs no other entity, so every entity's runs side by side.
 * 2. rules (`cleanRulesStage`), once the entity and the customers are standardized: the
 *    set-based rules (rules.ts: unknown customers, duplicates, netting, outliers), then the
 *    data-quality summary and the row accounting (read = accepted + quarantined, per source).
 * `cleanStage` does both in one transaction: runs begun before the steps were apart, and the
 * offline commands.
 */
import type { PoolClient } from 'pg';
import { entityColumns, type EntityName } from '../../config/canonical';
import type { SourceSpec } from '../../config/sources';
import { standardizeCustomer } from '../../analytics/cleaning/customers';
import { cleanContext, type CleanContext, type RawRow, type Standardized } from '../../analytics/cleaning/fields';
import { standardizeMarketingSpend } from '../../analytics/cleaning/marketingSpend';
import { standardizeOrderLine } from '../../analytics/cleaning/orderLines';
import { RULES, type RuleName } from '../../analytics/cleaning/rules';
import { standardizeSurveyResponse } from '../../analytics/cleaning/surveyResponses';
import { standardizeReview } from '../../analytics/cleaning/reviews';
import { standardizeEngagementEvent } from '../../analytics/cleaning/engagementEvents';
import type { CleanResult, StandardizeResult } from '../../contract/results';
import { sourceCutoff } from '../../contract/runContext';
import { STEPS, type CleanInput, type CleanRulesInput, type RuleTally } from '../../contract/stages';
import { copyRowBatchesOut, CopyWriter, type CopyValue } from '../../infra/copy';
import { AccountingError } from '../errors';
import type { Progress } from '../heartbeat';
import { defineStage, recordSourceCounts, type StageWork } from '../stage';
import { STAGED_REJECT_COLUMNS } from '../extract/staging';
import { applyOrderLineRules, buildOrders, quarantineUnknownCustomers } from './rules';

interface EntityCleaner {
  columns: readonly string[];
  standardize(raw: RawRow, ctx: CleanContext, rowNo: number): Standardized<readonly CopyValue[]>;
  /** Rows with the same key after the first are quarantined as duplicate_key. */
  key?: (values: readonly CopyValue[]) => string;
}

/** Adapts a typed standardizer to the column order of its clean table. */
function cleaner<T>(columns: readonly string[], standardize: (raw: RawRow, ctx: CleanContext, rowNo: number) => Standardized<T>, values: (row: T) => readonly CopyValue[], key?: (values: readonly CopyValue[]) => string): EntityCleaner {
  return {
    columns,
    key,
    standardize: (raw, ctx, rowNo) => {
      const result = standardize(raw, ctx, rowNo);
      return result.ok ? { ok: true, row: values(result.row), rules: result.rules } : result;
    },
  };
}

const CLEANERS: Record<EntityName, EntityCleaner> = {
  customers: cleaner(
    ['customer_id', 'name_hash', 'phone_hash', 'email_hash', 'gender', 'birth_year', 'age_band', 'generation', 'city', 'region', 'city_tier', 'signup_at', 'signup_channel'],
    standardizeCustomer,
    (c) => [c.customerId, c.nameHash, c.phoneHash, c.emailHash, c.gender, c.birthYear, c.ageBand, c.generation, c.city, c.region, c.cityTier, c.signupAt, c.signupChannel],
    (v) => String(v[0]),
  ),
  order_lines: cleaner(
    ['order_id', 'line_no', 'customer_id', 'ordered_at', 'channel', 'product_id', 'category', 'quantity', 'unit_price', 'amount', 'kind'],
    standardizeOrderLine,
    (l) => [l.orderId, l.lineNo, l.customerId, l.orderedAt, l.channel, l.productId, l.category, l.quantity, l.unitPrice, l.amount, l.kind],
  ),
  marketing_spend: cleaner(
    ['month', 'channel', 'spend', 'new_customers'],
    standardizeMarketingSpend,
    (m) => [m.month, m.channel, m.spend, m.newCustomers],
    (v) => `${String(v[0])}|${String(v[1])}`,
  ),
  survey_responses: cleaner(
    ['response_id', 'customer_id', 'answered_at', 'nps', 'csat', 'comment', 'channel'],
    standardizeSurveyResponse,
    (s) => [s.responseId, s.customerId, s.answeredAt, s.nps, s.csat, s.comment, s.channel],
    (v) => String(v[0]),
  ),
  reviews: cleaner(
    ['review_id', 'customer_id', 'reviewed_at', 'rating', 'text', 'product_id', 'channel'],
    standardizeReview,
    (r) => [r.reviewId, r.customerId, r.reviewedAt, r.rating, r.text, r.productId, r.channel],
    (v) => String(v[0]),
  ),
  engagement_events: cleaner(
    ['event_id', 'customer_id', 'occurred_at', 'event_type', 'channel', 'referred_customer_id'],
    standardizeEngagementEvent,
    (e) => [e.eventId, e.customerId, e.occurredAt, e.eventType, e.channel, e.referredCustomerId],
    (v) => String(v[0]),
  ),
};

const PROGRESS_EVERY = 10_000;

type RuleCounts = Map<string, Map<RuleName, number>>;

const isRuleName = (rule: string): rule is RuleName => Object.hasOwn(RULES, rule);

function tally(counts: RuleCounts, source: string, rule: RuleName, n = 1): void {
  const perSource = counts.get(source) ?? new Map<RuleName, number>();
  perSource.set(rule, (perSource.get(rule) ?? 0) + n);
  counts.set(source, perSource);
}

/** Streams one source's staged rows through the standardizer into clean / quarantine writers. */
async function standardizeSource({ input, context, client, db, app }: StageWork<CleanInput>, source: SourceSpec, counts: RuleCounts, progress: Progress): Promise<number> {
  const { entity } = input;
  const { runId, config } = context;
  const spec = CLEANERS[entity];
  const staged = entityColumns(entity);
  const sourceColumn = new Map(Object.entries(source.columns).map(([from, to]) => [to, from]));
  const ctx = cleanContext({ source, config, asOf: { day: context.asOf, cutoff: sourceCutoff(context, source) }, piiSalt: app.piiSalt });
  const accepted = new CopyWriter(client, `clean_${entity}`, ['run_id', 'source', 'row_no', ...spec.columns]);
  const quarantined = new CopyWriter(client, 'quarantine', ['run_id', 'entity', 'source', 'row_no', 'reason', 'column_name', 'detail', 'raw']);
  const seen = new Set<string>();
  // A second connection streams the staged rows: one connection cannot COPY out and in at once.
  const reader = await db.client.acquireConnection() as PoolClient;
  let rows = 0;
  const rejectAt = staged.length + 1;
  try {
    const select = `SELECT row_no, ${[...staged, ...STAGED_REJECT_COLUMNS].map((c) => `"${c}"`).join(', ')} FROM stg_${entity} WHERE run_id = '${runId.replace(/'/g, "''")}' AND source = '${source.name.replace(/'/g, "''")}' ORDER BY row_no`;
    // Each chunk's rows are standardized in one synchronous loop; the writers send between chunks.
    for await (const batch of copyRowBatchesOut(reader, select)) {
      for (const record of batch) {
        const raw: RawRow = {};
        for (let i = 0; i < staged.length; i++) raw[staged[i]] = record[i + 1] ?? undefined;
        const rowNo = Number(record[0]);
        const rejectReason = record[rejectAt];
        if (rejectReason) {
          // Set aside by the reader: its reason, its line, and its text (PII masked) or its sound fields (PII pseudonymized).
          const rawText = record[rejectAt + 2];
          quarantined.add([runId, entity, source.name, rowNo, rejectReason, null, `${describeSource(source)}: ${record[rejectAt + 1]}`, JSON.stringify(rawText ? { text: rawText } : raw)]);
          continue;
        }
        const result = spec.standardize(raw, ctx, rowNo);
        const key = result.ok && spec.key ? spec.key(result.row) : undefined;
        if (result.ok && !(key !== undefined && seen.has(key))) {
          if (key !== undefined) seen.add(key);
          for (const rule of result.rules) tally(counts, source.name, rule);
          accepted.add([runId, source.name, rowNo, ...result.row]);
        } else {
          const [reason, column, detail] = result.ok ? ['duplicate_key', undefined, `key ${key} already seen`] : [result.reason, result.column, result.detail];
          const named = column ? sourceColumn.get(column) ?? column : undefined;
          quarantined.add([runId, entity, source.name, rowNo, reason, named ?? null, `${describeRow(source, rowNo)}${named ? `, column "${named}"` : ''}: ${detail}`, JSON.stringify(raw)]);
        }
      }
      const before = rows;
      rows += batch.length;
      if (Math.floor(rows / PROGRESS_EVERY) > Math.floor(before / PROGRESS_EVERY)) progress({ entity, source: source.name, rows });
      await accepted.sendWhenFull();
      await quarantined.sendWhenFull();
    }
  } finally {
    await db.client.releaseConnection(reader);
  }
  await accepted.flush();
  await quarantined.flush();
  return rows;
}

/** Every source of the entity through the standardizer: how often each rule fixed a row, per source. */
async function standardizeEntity(work: StageWork<CleanInput>): Promise<{ read: number; tallies: RuleTally[] }> {
  const { input: { entity }, context: { config }, progress } = work;
  const counts: RuleCounts = new Map();
  let read = 0;
  for (const source of config.sources.filter((s) => s.entity === entity)) read += await standardizeSource(work, source, counts, progress);
  const tallies = [...counts].flatMap(([source, rules]) => [...rules].map(([rule, rows]) => ({ source, rule, rows })));
  return { read, tallies };
}

/** The set-based rules on the entity's standardized rows, then its data-quality summary and row accounting. */
async function applyRules({ input: { entity }, context: { runId, config, timeZone }, client }: StageWork<CleanInput>, standardized: readonly RuleTally[]): Promise<Omit<CleanResult, 'ms'>> {
  const sources = config.sources.filter((s) => s.entity === entity);
  const counts: RuleCounts = new Map();
  for (const { source, rule, rows } of standardized) {
    if (!isRuleName(rule)) throw new Error(`clean ${entity}: the standardizing step tallied an unknown rule "${rule}"`);
    tally(counts, source, rule, rows);
  }
  // Fresh statistics, or the planner picks nested loops for the set-based rules below.
  await client.query(`ANALYZE clean_${entity}`);

  const hasCustomers = config.sources.some((s) => s.entity === 'customers');
  if (entity !== 'customers' && entity !== 'marketing_spend' && hasCustomers) await quarantineUnknownCustomers(client, runId, entity);
  if (entity === 'order_lines') {
    const withoutTimeOfDay = await applyOrderLineRules(client, runId, config.nearDuplicateWindowMinutes, timeZone);
    for (const dateOnly of withoutTimeOfDay) tally(counts, dateOnly.source, 'near_duplicate_not_applied', dateOnly.saleLines);
    const netted = await client.query(`SELECT source, kind, count(*)::int AS n FROM clean_order_lines WHERE run_id = $1 AND kind <> 'sale' GROUP BY source, kind`, [runId]);
    for (const r of netted.rows as Array<{ source: string; kind: string; n: number }>) tally(counts, r.source, r.kind === 'return' ? 'return_netted' : 'cancellation_netted', r.n);
    const outliers = await buildOrders(client, runId);
    if (outliers > 0) tally(counts, 'all', 'outlier_amount', outliers);
  }
  const perSource = await writeSummaryAndCheck(client, runId, entity, sources, counts);
  for (const s of perSource) await recordSourceCounts(client, runId, s.source, { accepted: s.accepted, quarantined: s.quarantined });
  const total = perSource.reduce((acc, s) => ({ read: acc.read + s.read, accepted: acc.accepted + s.accepted, quarantined: acc.quarantined + s.quarantined }), { read: 0, accepted: 0, quarantined: 0 });
  return { entity, table: `clean_${entity}`, ...total };
}

/** Step 1: the entity's sources standardized into its clean table and quarantine. */
export const standardizeStage = defineStage<CleanInput, Omit<StandardizeResult, 'ms'>>({
  step: ({ entity }) => STEPS.cleanStandardize(entity),
  async run(work) {
    return { entity: work.input.entity, ...(await standardizeEntity(work)) };
  },
  rows: (result) => result.read,
});

/** Step 2: the set-based rules, the summary and the accounting, with what step 1 tallied. */
export const cleanRulesStage = defineStage<CleanRulesInput, Omit<CleanResult, 'ms'>>({
  step: ({ entity }) => STEPS.cleanRules(entity),
  run: (work) => applyRules(work, work.input.standardized),
  rows: (result) => result.read,
});

/** Both steps in one transaction. */
export const cleanStage = defineStage<CleanInput, Omit<CleanResult, 'ms'>>({
  step: ({ entity }) => STEPS.clean(entity),
  async run(work) {
    return applyRules(work, (await standardizeEntity(work)).tallies);
  },
  rows: (result) => result.read,
});

function describeSource(source: SourceSpec): string {
  return source.kind === 'database' ? source.table : source.path;
}

/** Where a staged row came from: the file and line, the sheet row, or the table row. */
export function describeRow(source: SourceSpec, rowNo: number): string {
  return source.kind === 'csv' ? `${source.path} line ${rowNo + 1}` : source.kind === 'xlsx' ? `${source.path} row ${rowNo + 1}` : `${source.table} row ${rowNo}`;
}

/** Writes dq_summary for the entity and enforces read = accepted + quarantined per source. */
async function writeSummaryAndCheck(client: PoolClient, runId: string, entity: EntityName, sources: SourceSpec[], counts: RuleCounts) {
  const quarantinedByReason = await client.query(`SELECT source, reason, count(*)::int AS n FROM quarantine WHERE run_id = $1 AND entity = $2 GROUP BY source, reason`, [runId, entity]);
  for (const r of quarantinedByReason.rows as Array<{ source: string; reason: RuleName; n: number }>) tally(counts, r.source, r.reason, r.n);
  const summary = new CopyWriter(client, 'dq_summary', ['run_id', 'entity', 'source', 'rule', 'action', 'rows']);
  for (const [source, rules] of counts) for (const [rule, n] of rules) await summary.write([runId, entity, source, rule, RULES[rule].action, n]);
  await summary.flush();

  const result = [];
  for (const source of sources) {
    const q = await client.query(
      `SELECT (SELECT count(*) FROM stg_${entity} WHERE run_id = $1 AND source = $2)::int AS read,
              (SELECT count(*) FROM clean_${entity} WHERE run_id = $1 AND source = $2)::int AS accepted,
              (SELECT count(*) FROM quarantine WHERE run_id = $1 AND entity = $3 AND source = $2)::int AS quarantined`,
      [runId, source.name, entity],
    );
    const c = q.rows[0] as { read: number; accepted: number; quarantined: number };
    if (c.read !== c.accepted + c.quarantined) {
      throw new AccountingError(`row accounting failed for ${entity} source ${source.name}: read ${c.read} ≠ accepted ${c.accepted} + quarantined ${c.quarantined}`);
    }
    result.push({ source: source.name, ...c });
  }
  return result;
}
