/**
 * The voice results that need the run's segments, written at the end of the segment stage's
 * first step inside its transaction (the step owns these tables):
 * - `segment_voice`: per RFM segment, comments of the recent window and their negative share;
 * - `voice_warnings` `high_value_negative`: customers in the high value tier with a negative
 *   comment, or a detractor answer (NPS 0–6), in the recent window — for follow-up;
 * - `voice_warnings` `negative_share_rise`: segments whose negative share rose by more than
 *   `negativeShareRise` since the previous run (contract/runContext.ts).
 * The window and thresholds come from the run's source config (`voice` block).
 */
import type { PoolClient } from 'pg';
import type { RunContext } from '../../contract/runContext';

export async function writeVoiceBySegment(client: PoolClient, context: RunContext): Promise<{ segments: number; warnings: number }> {
  const { runId, cutoff, previousRun, config: { voice: options } } = context;
  const segments = await client.query(
    `INSERT INTO segment_voice (run_id, segment, comments, negative, negative_share)
     SELECT $1, s.rfm_segment, count(*)::int, count(*) FILTER (WHERE c.polarity = 'negative')::int, avg((c.polarity = 'negative')::int)::float8
     FROM comment_sentiment c JOIN customer_segments s ON s.run_id = c.run_id AND s.customer_id = c.customer_id
     WHERE c.run_id = $1 AND c.commented_at >= $2::timestamptz - make_interval(days => $3::int) AND c.commented_at < $2::timestamptz
     GROUP BY s.rfm_segment`,
    [runId, cutoff, options.recentDays],
  );
  const highValue = await client.query(
    `INSERT INTO voice_warnings (run_id, kind, subject, detail, value, previous)
     SELECT $1, 'high_value_negative', v.customer_id,
            format('high-value customer: %s negative comment(s) in the last %s days, last NPS %s / 高价值客户：近 %s 天负面评论 %s 条，最近 NPS %s',
                   v.negative_comments_recent, $3::int, coalesce(v.last_nps::text, '-'), $3::int, v.negative_comments_recent, coalesce(v.last_nps::text, '-')),
            v.negative_comments_recent, NULL
     FROM customer_voice v JOIN customer_segments s ON s.run_id = v.run_id AND s.customer_id = v.customer_id
     WHERE v.run_id = $1 AND s.value_tier = 'high'
       AND (v.negative_comments_recent > 0 OR (v.last_nps <= 6 AND v.last_nps_at >= $2::timestamptz - make_interval(days => $3::int)))`,
    [runId, cutoff, options.recentDays],
  );
  const rise = await client.query(
    `INSERT INTO voice_warnings (run_id, kind, subject, detail, value, previous)
     SELECT $1, 'negative_share_rise', cur.segment,
            format('negative comments in %s rose from %s%% to %s%% (run %s) / %s 负面评论占比由 %s%% 升至 %s%%',
                   cur.segment, round(100 * prev.negative_share), round(100 * cur.negative_share), prev.run_id,
                   cur.segment, round(100 * prev.negative_share), round(100 * cur.negative_share)),
            cur.negative_share, prev.negative_share
     FROM segment_voice cur JOIN segment_voice prev ON prev.segment = cur.segment AND prev.run_id = $2
     WHERE cur.run_id = $1 AND cur.negative_share - prev.negative_share > $3::float8`,
    [runId, previousRun?.runId ?? null, options.negativeShareRise],
  );
  return { segments: segments.rowCount ?? 0, warnings: (highValue.rowCount ?? 0) + (rise.rowCount ?? 0) };
}
