/**
 * Voice stage (SPEC §3b), after clean and before profile: scores every survey comment and
 * review with the offline sentiment models → `comment_sentiment`; praise and complaint
 * keywords overall, per month and per segment → `comment_topics` (segments are those of the
 * previous run: this run's are built later, and last week's segment is what a reader of
 * this week's complaints acts on); per-customer engagement, social reach, sentiment and last
 * NPS with the voice tags → `customer_voice`. The per-segment share of negative comments and
 * the warnings need this run's segments: the segment stage writes them
 * (activities/segment/voiceBySegment.ts).
 */
import { loadSentimentModel, scoreComment } from '../../analytics/sentiment';
import { topicKeywords, type TopicBucket, type TopicComment } from '../../analytics/topics';
import { engagementFeatures } from '../../analytics/voice/engagement';
import { voiceTags } from '../../analytics/voice/tags';
import type { VoiceResult } from '../../contract/results';
import { STEPS, type StageInput } from '../../contract/stages';
import { CopyWriter } from '../../infra/copy';
import { defineStage, type StageWork } from '../stage';
import { customerAggregates, loadComments, type CommentRow } from './queries';

const PROGRESS_EVERY = 5_000;
const SENTIMENT_COLUMNS = ['run_id', 'source', 'row_id', 'customer_id', 'commented_at', 'lang', 'polarity', 'score'];
const TOPIC_COLUMNS = ['run_id', 'grouping', 'group_key', 'period', 'kind', 'rank', 'term', 'weight', 'comments'];
const VOICE_COLUMNS = ['run_id', 'customer_id', 'engagement_score', 'engagement_trend', 'events', 'responses', 'preferred_channel', 'shares',
  'referrals', 'referred_customers', 'social_reach', 'comments', 'negative_comments', 'negative_comments_recent', 'avg_sentiment',
  'last_nps', 'last_nps_at', 'has_orders', 'tags'];

type Grouping = 'all' | 'month' | 'segment';

/** Topic buckets of the three groupings; segment buckets only for commenters with a previous segment. */
function topicsByGrouping(comments: readonly CommentRow[], polarity: readonly TopicComment['polarity'][]): Array<[Grouping, TopicBucket[]]> {
  const segmenter = loadSentimentModel().segmenter;
  const scored = comments.map((c, i) => ({ c, polarity: polarity[i] }));
  return [
    ['all', topicKeywords(scored.map(({ c, polarity: p }) => ({ text: c.text, polarity: p })), segmenter)],
    ['month', topicKeywords(scored.map(({ c, polarity: p }) => ({ text: c.text, polarity: p, period: c.month })), segmenter)],
    ['segment', topicKeywords(scored.filter(({ c }) => c.previous_segment !== null).map(({ c, polarity: p }) => ({ text: c.text, polarity: p, group: c.previous_segment ?? 'all' })), segmenter)],
  ];
}

/**
 * Scores the run's comments into comment_sentiment and their keywords into comment_topics.
 * A function of its own, so that the comments are no longer held once it returns.
 */
async function scoreComments({ context, client, db, progress }: StageWork<StageInput>, previousRun: string | null): Promise<{ comments: number; negative: number; topics: number }> {
  const { runId, timeZone } = context;
  const comments = await loadComments(db, runId, timeZone, previousRun);
  const model = loadSentimentModel();
  progress({ comments: comments.length, scored: 0 });
  const polarity: TopicComment['polarity'][] = [];
  let negative = 0;
  const sentiment = new CopyWriter(client, 'comment_sentiment', SENTIMENT_COLUMNS);
  for (const [i, c] of comments.entries()) {
    const scored = scoreComment(c.text, 'auto', model);
    polarity.push(scored.polarity);
    if (scored.polarity === 'negative') negative++;
    await sentiment.write([runId, c.source, c.row_id, c.customer_id, c.commented_at, scored.lang, scored.polarity, scored.score]);
    if ((i + 1) % PROGRESS_EVERY === 0) {
      progress({ comments: comments.length, scored: i + 1 });
      // Scoring is synchronous: let the heartbeat timer run between batches.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  await sentiment.flush();

  const topics = new CopyWriter(client, 'comment_topics', TOPIC_COLUMNS);
  let topicRows = 0;
  for (const [grouping, buckets] of topicsByGrouping(comments, polarity)) {
    for (const bucket of buckets) {
      for (const [kind, keywords] of [['praise', bucket.praise], ['complaint', bucket.complaint]] as const) {
        for (const [rank, k] of keywords.entries()) {
          await topics.write([runId, grouping, bucket.group, bucket.period, kind, rank + 1, k.term, k.weight, k.comments]);
          topicRows++;
        }
      }
    }
  }
  await topics.flush();
  progress({ comments: comments.length, scored: comments.length, topics: topicRows });
  return { comments: comments.length, negative, topics: topicRows };
}

export const voiceStage = defineStage<StageInput, Omit<VoiceResult, 'ms'>>({
  step: () => STEPS.voice,
  async run(work) {
    const { context, client } = work;
    const { runId, config: { voice: options } } = context;
    const previousRun = context.previousRun?.runId ?? null;
    const { comments, negative, topics } = await scoreComments(work, previousRun);

    const writer = new CopyWriter(client, 'customer_voice', VOICE_COLUMNS);
    const tagged: Record<string, number> = {};
    let customers = 0;
    // The writer's batches and the cursor's fetches take turns on the step's connection.
    for await (const batch of customerAggregates(client, runId, context.cutoff, options.recentDays, () => writer.flush())) {
      for (const c of batch) {
        const f = engagementFeatures((c.events ?? []).map(([eventType, channel, window, events]) => ({ eventType, channel, window, events })));
        const tags = voiceTags({
          hasOrders: c.has_orders, events: f.events, responses: c.responses, lastNps: c.last_nps, comments: c.comments,
          negativeComments: c.negative_comments, referredCustomers: c.referred_customers, socialReach: f.socialReach,
        }, options);
        for (const tag of tags) tagged[tag] = (tagged[tag] ?? 0) + 1;
        writer.add([runId, c.customer_id, f.engagementScore, f.engagementTrend, f.events, c.responses, f.preferredChannel, f.shares, f.referrals,
          c.referred_customers, f.socialReach, c.comments, c.negative_comments, c.negative_comments_recent, c.avg_sentiment, c.last_nps, c.last_nps_at,
          c.has_orders, JSON.stringify(tags)]);
      }
      customers += batch.length;
    }
    await writer.flush();
    return { comments, negative, topics, customers, tagged, previousRun };
  },
  rows: (result) => result.comments,
});
