/**
 * The voice section of the report model: comment sentiment totals and breakdowns, topic
 * keywords, per-segment negative shares against the previous run, voice-tag
 * counts and the voice warnings of a run — as the voice and segment stages stored them.
 */
import type { Knex } from 'knex';
import type { RunContext } from '../../contract/runContext';
import { rfmSegmentName, type RfmSegment } from '../../analytics/segment/rfm';
import { VOICE_TAGS } from '../../analytics/voice/tags';
import type { SentimentBreakdown, VoiceSection, VoiceWarningRow } from '../../reports/model/voice';

async function rows<T>(db: Knex, sql: string, bindings: readonly Knex.RawBinding[]): Promise<T[]> {
  return (await db.raw(sql, bindings)).rows as T[];
}

const breakdown = (db: Knex, runId: string, column: 'lang' | 'source') => rows<SentimentBreakdown>(db, `
  SELECT ${column} AS key, count(*)::int AS comments, count(*) FILTER (WHERE polarity = 'negative')::int AS negative,
         avg((polarity = 'negative')::int)::float8 AS "negativeShare"
  FROM comment_sentiment WHERE run_id = ? GROUP BY 1 ORDER BY 2 DESC, 1`, [runId]);

export async function loadVoiceSection(db: Knex, context: RunContext): Promise<VoiceSection | null> {
  const { runId, previousRun } = context;
  if (!(await db.schema.hasTable('customer_voice'))) return null;
  if ((await db('customer_voice').where({ run_id: runId }).first()) === undefined) return null;
  const [totals] = await rows<{ comments: number; negative: number; mean_score: number | null }>(db, `
    SELECT count(*)::int AS comments, count(*) FILTER (WHERE polarity = 'negative')::int AS negative, avg(score::numeric)::float8 AS mean_score
    FROM comment_sentiment WHERE run_id = ?`, [runId]);
  const topics = await db('comment_topics').where({ run_id: runId }).orderBy(['grouping', 'group_key', 'period', 'kind', 'rank']);
  // The previous shares are the previous run's, as the warnings compare with (activities/segment/voiceBySegment.ts).
  const previousRunId = previousRun?.runId ?? null;
  const segments = await rows<{ segment: string; comments: number; negative_share: number; previous_share: number | null }>(db, `
    SELECT cur.segment, cur.comments, cur.negative_share, prev.negative_share AS previous_share
    FROM segment_voice cur LEFT JOIN segment_voice prev ON prev.run_id = ? AND prev.segment = cur.segment
    WHERE cur.run_id = ? ORDER BY cur.negative_share DESC, cur.segment`, [previousRunId, runId]);
  const tagged = new Map((await rows<{ tag: string; customers: number }>(db, `
    SELECT tag, count(*)::int AS customers FROM customer_voice, jsonb_array_elements_text(tags) AS tag WHERE run_id = ? GROUP BY tag`, [runId]))
    .map((t) => [t.tag, t.customers]));
  const warnings = await db('voice_warnings').where({ run_id: runId }).orderBy([{ column: 'kind' }, { column: 'value', order: 'desc' }, { column: 'subject' }]);
  return {
    comments: totals.comments,
    negative: totals.negative,
    negativeShare: totals.comments > 0 ? totals.negative / totals.comments : null,
    meanScore: totals.mean_score,
    byLanguage: await breakdown(db, runId, 'lang'),
    bySource: await breakdown(db, runId, 'source'),
    topics: topics.map((t) => ({ grouping: t.grouping, groupKey: t.group_key, period: t.period, kind: t.kind, rank: t.rank, term: t.term, weight: t.weight, comments: t.comments })),
    segments: segments.map((s) => ({
      segment: s.segment, name: rfmSegmentName(s.segment as RfmSegment), comments: s.comments, negativeShare: s.negative_share, previousShare: s.previous_share,
    })),
    previousRunId,
    tagCounts: VOICE_TAGS.map((tag) => ({ tag, customers: tagged.get(tag) ?? 0 })),
    warnings: warnings.map((w): VoiceWarningRow => ({ kind: w.kind, subject: w.subject, detail: w.detail, value: w.value, previous: w.previous })),
  };
}
