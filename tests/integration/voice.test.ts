/**
 * The voice stage on a small generated sample, through Temporal and PostgreSQL: every
 * comment scored, the voice sources' faults quarantined with their reasons, the planted
 * silent, vocal-detractor and influencer customers tagged (precision and recall against the
 * manifest truth), warnings consistent with the per-segment shares of two runs, and a re-run
 * that replaces rather than duplicates.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadSourceConfigFile } from '../../config/load';
import type { SourceConfig } from '../../config/sources';
import { generateSampleData, type GenerateResult } from '../../scripts/generate';
import { customerDetail } from '../../scripts/lib/customerDetail';
import { startRefresh } from '../../scripts/lib/refresh';
import { scoreVoiceTags } from '../../scripts/lib/voiceTruth';
import { openHarness, withWorker, type Harness } from '../support/pipeline';

const START = '2025-06-01';
const AS_OF = '2026-05-31';
const EARLIER = '2026-05-03';
const RUN_ID = `run-${AS_OF}`;
const VOICE_TABLES = ['comment_sentiment', 'comment_topics', 'customer_voice', 'segment_voice', 'voice_warnings', 'clean_reviews', 'clean_engagement_events'];

let harness: Harness;
let generated: GenerateResult;
let sourceConfig: SourceConfig;

beforeAll(async () => {
  harness = await openHarness('test-voice');
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'voice-sample-'));
  generated = await generateSampleData({ seed: 11, customers: 1_500, lines: 20_000, start: START, end: AS_OF, outDir, db: harness.db });
  sourceConfig = loadSourceConfigFile(generated.sourcesPath);
  await withWorker(harness, async () => {
    for (const asOf of [EARLIER, AS_OF]) await (await startRefresh(harness.client, harness.config, { asOf, sourceConfig })).result();
  });
});
afterAll(() => harness.close());

const count = async (table: string, where: Record<string, unknown> = {}) =>
  Number((await harness.db(table).where({ run_id: RUN_ID, ...where }).count<{ n: string }[]>({ n: '*' }))[0].n);

describe('voice stage on a generated sample', () => {
  it('scores every survey comment and review', async () => {
    const surveyComments = Number((await harness.db('clean_survey_responses').where({ run_id: RUN_ID }).whereNotNull('comment').count<{ n: string }[]>({ n: '*' }))[0].n);
    const reviews = await count('clean_reviews');
    expect(reviews).toBeGreaterThan(100);
    expect(await count('comment_sentiment')).toBe(surveyComments + reviews);
    expect(await count('comment_sentiment', { source: 'review' })).toBe(reviews);
    const bad = await harness.db('comment_sentiment').where({ run_id: RUN_ID }).andWhere((q) => { q.where('score', '<', 0).orWhere('score', '>', 1).orWhereNotIn('polarity', ['positive', 'negative', 'neutral']); });
    expect(bad).toEqual([]);
    expect(await count('comment_topics', { grouping: 'all', kind: 'complaint' })).toBeGreaterThan(0);
    // The earlier run segmented the customers, so this run groups topics by those segments.
    expect(await count('comment_topics', { grouping: 'segment' })).toBeGreaterThan(0);
  });

  it('quarantines the voice sources\' faults with their reasons and keeps the accounting', async () => {
    const reasons = await harness.db('quarantine').where({ run_id: RUN_ID }).whereIn('entity', ['reviews', 'engagement_events'])
      .select('entity', 'reason').count<{ entity: string; reason: string; n: string }[]>({ n: '*' }).groupBy('entity', 'reason');
    const byReason = Object.fromEntries(reasons.map((r) => [`${r.entity}:${r.reason}`, Number(r.n)]));
    const { reviews, engagement_events: events } = generated.manifest.sources;
    expect(byReason['reviews:empty_comment']).toBe((reviews.mess.blank_text ?? 0) + (reviews.mess.whitespace_text ?? 0));
    expect(byReason['reviews:unknown_customer']).toBe(reviews.mess.unknown_customer_id);
    expect(byReason['reviews:invalid_rating']).toBe(reviews.mess.invalid_rating);
    expect(byReason['engagement_events:unknown_customer']).toBe(events.mess.unknown_customer_id);
    expect(byReason['engagement_events:unknown_event_type']).toBe(events.mess.unknown_event_type);
    // A garbage time reads as a null marker (N/A) or as an unparsable date.
    expect((byReason['engagement_events:invalid_date'] ?? 0) + (byReason['engagement_events:missing_required'] ?? 0)).toBe(events.mess.garbage_date);
    const run = await harness.db('runs').where({ run_id: RUN_ID }).first();
    for (const source of ['reviews', 'engagement_events']) {
      const c = run.source_counts[source];
      expect(c.read).toBe(c.accepted + c.quarantined);
    }
  });

  it('tags the planted silent, vocal-detractor and influencer customers', async () => {
    const scores = Object.fromEntries((await scoreVoiceTags(harness.db, RUN_ID, generated.manifest.latent)).map((s) => [s.tag, s]));
    console.log(Object.values(scores));
    expect(scores.silent.truth).toBeGreaterThan(50);
    expect(scores.silent.precision).toBeGreaterThanOrEqual(0.95);
    expect(scores.silent.recall).toBeGreaterThanOrEqual(0.95);
    expect(scores.social_influencer.truth).toBeGreaterThanOrEqual(3);
    expect(scores.social_influencer.precision).toBeGreaterThanOrEqual(0.75);
    expect(scores.social_influencer.recall).toBeGreaterThanOrEqual(0.75);
    // Quiet detractors also complain in surveys now and then, so precision against the vocal group is lower.
    expect(scores.negative_voice.recall).toBeGreaterThanOrEqual(0.6);
    expect(scores.negative_voice.precision).toBeGreaterThanOrEqual(0.5);
    // NPS 0–6 comes only from detractors; recall is bounded by who answered a survey.
    expect(scores.detractor.precision).toBe(1);
    expect(scores.promoter.precision).toBe(1);
  });

  it('warns about high-value customers turning negative and about rising negative shares, consistently with the data', async () => {
    const warned = await harness.db('voice_warnings as w').join('customer_segments as s', (j) => j.on('s.run_id', 'w.run_id').andOn('s.customer_id', 'w.subject'))
      .where({ 'w.run_id': RUN_ID, 'w.kind': 'high_value_negative' }).select('s.value_tier');
    expect(warned.every((w) => w.value_tier === 'high')).toBe(true);
    const shares = async (runId: string) => Object.fromEntries((await harness.db('segment_voice').where({ run_id: runId })).map((s) => [s.segment, Number(s.negative_share)]));
    const [before, now] = [await shares(`run-${EARLIER}`), await shares(RUN_ID)];
    expect(Object.keys(now).length).toBeGreaterThan(0);
    const rising = Object.keys(now).filter((segment) => segment in before && now[segment] - before[segment] > sourceConfig.voice.negativeShareRise).sort();
    const rows = await harness.db('voice_warnings').where({ run_id: RUN_ID, kind: 'negative_share_rise' }).orderBy('subject');
    expect(rows.map((r) => r.subject)).toEqual(rising);
  });

  it('shows one customer with tags, segment history, value and latest comments', async () => {
    const commenter = await harness.db('comment_sentiment as c').join('customer_value as v', (j) => j.on('v.run_id', 'c.run_id').andOn('v.customer_id', 'c.customer_id'))
      .where('c.run_id', RUN_ID).orderBy('c.row_id').first('c.customer_id');
    const detail = await customerDetail(harness.db, commenter.customer_id);
    expect(detail?.runId).toBe(RUN_ID);
    expect(detail?.history.map((h) => h.as_of)).toEqual(expect.arrayContaining([AS_OF]));
    const segment = await harness.db('customer_segments').where({ run_id: RUN_ID, customer_id: commenter.customer_id }).first('tags');
    expect(detail?.tags).toEqual(segment.tags);
    expect(detail?.comments.length).toBeGreaterThan(0);
    expect(detail?.value).toHaveProperty('simple_clv');
    expect(detail?.voice).toHaveProperty('engagement_score');
    expect(await customerDetail(harness.db, 'NOBODY')).toBeUndefined();
  });

  it('re-running the period replaces the voice rows instead of duplicating them', async () => {
    const snapshot = async () => Object.fromEntries(await Promise.all(VOICE_TABLES.map(async (t) => [t, await count(t)] as const)));
    const sentiment = () => harness.db('comment_sentiment').where({ run_id: RUN_ID }).orderBy(['source', 'row_id']).select('row_id', 'polarity', 'score');
    const before = await snapshot();
    const scoredBefore = await sentiment();
    await withWorker(harness, async () => (await startRefresh(harness.client, harness.config, { asOf: AS_OF, sourceConfig })).result());
    expect(await snapshot()).toEqual(before);
    expect(await sentiment()).toEqual(scoredBefore);
  });
});
