/**
 * One customer as the pipeline sees them, read from PostgreSQL (for `customer show`):
 * profile and demographics, tags, segment history across runs, CLV and churn risk (when
 * the value stage's `customer_value` table exists), voice features and the latest scored
 * comments. Without a run id, the latest successful run that knows the customer.
 */
import type { Knex } from 'knex';

/** Comments shown, newest first. */
const LATEST_COMMENTS = 5;

export interface CustomerDetail {
  runId: string;
  asOf: string;
  demographics: Record<string, unknown> | null;
  profile: Record<string, unknown> | null;
  segment: Record<string, unknown> | null;
  tags: string[];
  history: Array<{ run_id: string; as_of: string; rfm_segment: string; value_tier: string; lifecycle: string; customer_group: string }>;
  /** Null when the table is absent (value stage not run) or holds no row for the customer. */
  value: Record<string, unknown> | null;
  voice: Record<string, unknown> | null;
  comments: Array<{ commented_at: Date; source: string; polarity: string; score: number; lang: string; text: string }>;
}

/** The run to show: `runId` when given, else the latest successful run with the customer. */
async function pickRun(db: Knex, customerId: string, runId?: string): Promise<{ run_id: string; as_of: string } | undefined> {
  const runs = db('runs').select('run_id', db.raw(`to_char(as_of, 'YYYY-MM-DD') AS as_of`));
  if (runId) return runs.where({ run_id: runId }).first();
  return runs.where({ status: 'succeeded' })
    .whereExists(db('clean_customers').select(db.raw('1')).whereRaw('clean_customers.run_id = runs.run_id').andWhere({ customer_id: customerId }))
    .orWhereExists(db('customer_voice').select(db.raw('1')).whereRaw('customer_voice.run_id = runs.run_id').andWhere({ customer_id: customerId }))
    .orderBy('as_of', 'desc').first();
}

function without<T extends Record<string, unknown>>(row: T | undefined, ...keys: string[]): Record<string, unknown> | null {
  if (!row) return null;
  return Object.fromEntries(Object.entries(row).filter(([k]) => !keys.includes(k)));
}

export async function customerDetail(db: Knex, customerId: string, runId?: string): Promise<CustomerDetail | undefined> {
  const run = await pickRun(db, customerId, runId);
  if (!run) return undefined;
  const key = { run_id: run.run_id, customer_id: customerId };
  const demographics = await db('clean_customers').where(key).first('gender', 'age_band', 'generation', 'city', 'region', 'city_tier', 'signup_at', 'signup_channel');
  const profile = await db('customer_profiles').where(key).first();
  const segment = await db('customer_segments').where(key).first();
  const history = await db('customer_segments as s').join('runs as r', 'r.run_id', 's.run_id').where('s.customer_id', customerId)
    .select('s.run_id', db.raw(`to_char(r.as_of, 'YYYY-MM-DD') AS as_of`), 's.rfm_segment', 's.value_tier', 's.lifecycle', 's.customer_group').orderBy('r.as_of');
  const value = (await db.schema.hasTable('customer_value')) ? await db('customer_value').where(key).first() : undefined;
  const voice = await db('customer_voice').where(key).first();
  const comments = await db.raw(
    `SELECT c.commented_at, c.source, c.polarity, c.score, c.lang, coalesce(s.comment, r.text) AS text
     FROM comment_sentiment c
     LEFT JOIN clean_survey_responses s ON c.source = 'survey' AND s.run_id = c.run_id AND s.response_id = c.row_id
     LEFT JOIN clean_reviews r ON c.source = 'review' AND r.run_id = c.run_id AND r.review_id = c.row_id
     WHERE c.run_id = ? AND c.customer_id = ? ORDER BY c.commented_at DESC, c.row_id LIMIT ?`,
    [run.run_id, customerId, LATEST_COMMENTS],
  );
  if (!demographics && !profile && !voice) return undefined;
  return {
    runId: run.run_id,
    asOf: run.as_of,
    demographics: without(demographics),
    profile: without(profile, 'run_id', 'customer_id'),
    segment: without(segment, 'run_id', 'customer_id', 'tags'),
    tags: (segment?.tags as string[] | undefined) ?? (voice?.tags as string[] | undefined) ?? [],
    history,
    value: without(value, 'run_id', 'customer_id'),
    voice: without(voice, 'run_id', 'customer_id', 'tags'),
    comments: comments.rows as CustomerDetail['comments'],
  };
}
