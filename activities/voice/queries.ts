/**
 * The voice stage's reads, as SQL: the run's comments to score (survey comments and reviews,
 * with the month in the run's zone and the customer's segment in the previous run), and the
 * per-customer aggregates the features are built from. $1 is always the run id.
 */
import type { Knex } from 'knex';
import type { PoolClient } from 'pg';
import type { EngagementEventType } from '../../config/canonical';
import type { EventWindow } from '../../analytics/voice/engagement';

export interface CommentRow {
  source: 'survey' | 'review';
  row_id: string;
  customer_id: string;
  commented_at: Date;
  month: string;
  /** RFM segment of the customer in the previous run (contract/runContext.ts); null without one. */
  previous_segment: string | null;
  text: string;
}

export async function loadComments(db: Knex, runId: string, timeZone: string, previousRun: string | null): Promise<CommentRow[]> {
  const result = await db.raw(
    `WITH c AS (
       SELECT 'survey' AS source, response_id AS row_id, customer_id, answered_at AS commented_at, comment AS text
       FROM clean_survey_responses WHERE run_id = ? AND comment IS NOT NULL
       UNION ALL
       SELECT 'review', review_id, customer_id, reviewed_at, text FROM clean_reviews WHERE run_id = ?)
     SELECT c.source, c.row_id, c.customer_id, c.commented_at, to_char(c.commented_at AT TIME ZONE ?, 'YYYY-MM') AS month,
            s.rfm_segment AS previous_segment, c.text
     FROM c LEFT JOIN customer_segments s ON s.run_id = ? AND s.customer_id = c.customer_id
     ORDER BY c.source, c.row_id`,
    [runId, runId, timeZone, previousRun ?? ''],
  );
  return result.rows as CommentRow[];
}

export interface CustomerVoiceRow {
  customer_id: string;
  has_orders: boolean;
  responses: number;
  referred_customers: number;
  comments: number;
  negative_comments: number;
  negative_comments_recent: number;
  avg_sentiment: number | null;
  last_nps: number | null;
  last_nps_at: Date | null;
  /** The customer's events before the cutoff per type, channel and window; null without any. */
  events: Array<[EngagementEventType, string | null, EventWindow, number]> | null;
}

/** Customers read per FETCH of the aggregates' cursor. */
const CUSTOMER_BATCH = 10_000;

/**
 * Every customer the run knows (customer master, or anyone seen in orders, events or
 * answers) with the aggregates that are plain SQL and their event counts, a batch at a time: a
 * cursor on the connection that scored the comments (the aggregates read comment_sentiment of
 * its transaction), so that neither the customers nor their events are ever all in memory.
 * `beforeFetch` runs before each batch is fetched: the connection's other work (a COPY) must be
 * done by then.
 */
export async function* customerAggregates(client: PoolClient, runId: string, cutoff: string, recentDays: number, beforeFetch: () => Promise<void>): AsyncGenerator<CustomerVoiceRow[]> {
  await client.query(
    `DECLARE voice_customers NO SCROLL CURSOR FOR
     WITH ids AS (
       SELECT customer_id FROM clean_customers WHERE run_id = $1
       UNION SELECT customer_id FROM clean_orders WHERE run_id = $1
       UNION SELECT customer_id FROM clean_engagement_events WHERE run_id = $1
       UNION SELECT customer_id FROM clean_survey_responses WHERE run_id = $1
       UNION SELECT customer_id FROM clean_reviews WHERE run_id = $1),
     buyers AS (SELECT DISTINCT customer_id FROM clean_orders WHERE run_id = $1 AND net_amount > 0 AND ordered_at < $2),
     responses AS (
       SELECT customer_id, count(*)::int AS n FROM (
         SELECT customer_id FROM clean_survey_responses WHERE run_id = $1
         UNION ALL SELECT customer_id FROM clean_reviews WHERE run_id = $1) r GROUP BY 1),
     referred AS (
       SELECT e.customer_id, count(DISTINCT e.referred_customer_id)::int AS n
       FROM clean_engagement_events e
       WHERE e.run_id = $1 AND e.event_type = 'referral' AND e.referred_customer_id <> e.customer_id
         AND EXISTS (SELECT 1 FROM ids WHERE ids.customer_id = e.referred_customer_id)
       GROUP BY 1),
     sentiment AS (
       SELECT customer_id, count(*)::int AS comments,
              count(*) FILTER (WHERE polarity = 'negative')::int AS negative,
              count(*) FILTER (WHERE polarity = 'negative' AND commented_at >= $2::timestamptz - make_interval(days => $3))::int AS negative_recent,
              avg(score::numeric)::float8 AS avg_score -- numeric: a float sum depends on the order rows arrive in
       FROM comment_sentiment WHERE run_id = $1 GROUP BY 1),
     nps AS (
       SELECT DISTINCT ON (customer_id) customer_id, nps, answered_at
       FROM clean_survey_responses WHERE run_id = $1 AND nps IS NOT NULL
       ORDER BY customer_id, answered_at DESC, response_id DESC),
     event_counts AS (
       SELECT customer_id, json_agg(json_build_array(event_type, channel, "window", events)) AS events FROM (
         SELECT customer_id, event_type, channel,
                CASE WHEN occurred_at >= $2::timestamptz - make_interval(days => $3) THEN 'recent'
                     WHEN occurred_at >= $2::timestamptz - make_interval(days => 2 * $3) THEN 'prior' ELSE 'older' END AS "window",
                count(*)::int AS events
         FROM clean_engagement_events WHERE run_id = $1 AND occurred_at < $2::timestamptz
         GROUP BY 1, 2, 3, 4) c
       GROUP BY customer_id)
     SELECT ids.customer_id, (buyers.customer_id IS NOT NULL) AS has_orders, coalesce(responses.n, 0) AS responses,
            coalesce(referred.n, 0) AS referred_customers, coalesce(sentiment.comments, 0) AS comments,
            coalesce(sentiment.negative, 0) AS negative_comments, coalesce(sentiment.negative_recent, 0) AS negative_comments_recent,
            sentiment.avg_score AS avg_sentiment, nps.nps AS last_nps, nps.answered_at AS last_nps_at, event_counts.events
     FROM ids
     LEFT JOIN buyers USING (customer_id) LEFT JOIN responses USING (customer_id) LEFT JOIN referred USING (customer_id)
     LEFT JOIN sentiment USING (customer_id) LEFT JOIN nps USING (customer_id) LEFT JOIN event_counts USING (customer_id)
     ORDER BY ids.customer_id`,
    [runId, cutoff, recentDays],
  );
  for (;;) {
    await beforeFetch();
    const { rows } = await client.query<CustomerVoiceRow>(`FETCH ${CUSTOMER_BATCH} FROM voice_customers`);
    if (rows.length === 0) break;
    yield rows;
  }
  // Not in a finally: after a failed statement the transaction takes no CLOSE, and ending it closes the cursor.
  await client.query('CLOSE voice_customers');
}
