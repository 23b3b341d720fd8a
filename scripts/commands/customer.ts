/**
 * `customer show CUSTOMER_ID [--run RUN_ID]` (SPEC §9): one customer as the pipeline sees
 * them — profile and demographics, tags, segment history across runs, CLV and churn risk
 * (when the value stage's `customer_value` table exists), voice features and the latest
 * scored comments. Reads PostgreSQL only. Without --run, the latest successful run that
 * knows the customer.
 */
import type { Command } from 'commander';
import type { Knex } from 'knex';
import { withDb } from './runs';

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

function printSection(title: string, row: Record<string, unknown> | null, absent: string): void {
  console.log(`\n${title}`);
  if (!row) {
    console.log(`  (${absent})`);
    return;
  }
  for (const [k, v] of Object.entries(row)) console.log(`  ${k.padEnd(26)} ${v instanceof Date ? v.toISOString() : typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v)}`);
}

export function registerCustomerCommand(program: Command): void {
  const customer = program.command('customer').description('look at one customer');
  customer
    .command('show <customerId>')
    .description('profile, tags, segment history, CLV / churn risk, sentiment and latest comments of one customer')
    .option('--run <runId>', 'run to show (default: the latest successful run with the customer)')
    .option('--json', 'print JSON')
    .action(async (customerId: string, opts: { run?: string; json?: boolean }) => {
      const detail = await withDb((db) => customerDetail(db, customerId, opts.run));
      if (!detail) throw new Error(`customer ${customerId} not found${opts.run ? ` in run ${opts.run}` : ' in any successful run'} (see \`runs list\`)`);
      if (opts.json) {
        console.log(JSON.stringify(detail, null, 2));
        return;
      }
      console.log(`${customerId} in ${detail.runId} (as of ${detail.asOf})`);
      console.log(`tags: ${detail.tags.length > 0 ? detail.tags.join(', ') : '(none)'}`);
      printSection('demographics', detail.demographics, 'not in the customer master');
      printSection('profile', detail.profile, 'no orders in this run');
      printSection('segment', detail.segment, 'not segmented in this run');
      printSection('value (CLV, churn risk)', detail.value, 'no customer_value for this run: the value stage has not run');
      printSection('voice', detail.voice, 'no voice data in this run');
      console.log('\nsegment history:');
      if (detail.history.length > 0) console.table(detail.history);
      else console.log('  (none)');
      console.log(`\nlatest comments (${detail.comments.length}):`);
      for (const c of detail.comments) {
        console.log(`  ${c.commented_at.toISOString().slice(0, 10)} ${c.source.padEnd(6)} ${c.polarity.padEnd(8)} ${Number(c.score).toFixed(2)} ${c.lang}  ${c.text.replace(/\s+/g, ' ')}`);
      }
    });
}
