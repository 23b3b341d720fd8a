/**
 * Voice of the customer (SPEC §3b): the reviews and engagement-event sources (staging and
 * clean tables), per-comment sentiment, topic keywords, per-customer voice features, the
 * per-segment share of negative comments tracked run to run, and the warnings. Every table
 * is keyed by run_id so a retried stage replaces exactly its own rows.
 */
import type { Knex } from 'knex';
import { entityColumns } from '../../config/canonical';

const NEW_ENTITIES = ['reviews', 'engagement_events'] as const;

export async function up(knex: Knex): Promise<void> {
  // The foundation migration creates a staging table per canonical entity; on a database it
  // ran on before these entities existed, they are created here.
  for (const entity of NEW_ENTITIES) {
    if (await knex.schema.hasTable(`stg_${entity}`)) continue;
    await knex.schema.createTable(`stg_${entity}`, (t) => {
      t.text('run_id').notNullable();
      t.text('source').notNullable();
      t.integer('row_no').notNullable();
      for (const column of entityColumns(entity)) t.text(column);
      t.primary(['run_id', 'source', 'row_no']);
    });
  }

  await knex.schema.createTable('clean_reviews', (t) => {
    t.text('run_id').notNullable();
    t.text('source').notNullable();
    t.integer('row_no').notNullable();
    t.text('review_id').notNullable();
    t.text('customer_id').notNullable();
    t.timestamp('reviewed_at', { useTz: true }).notNullable();
    t.smallint('rating').notNullable();
    t.text('text').notNullable();
    t.text('product_id');
    t.text('channel');
    t.primary(['run_id', 'review_id']);
  });

  await knex.schema.createTable('clean_engagement_events', (t) => {
    t.text('run_id').notNullable();
    t.text('source').notNullable();
    t.integer('row_no').notNullable();
    t.text('event_id').notNullable();
    t.text('customer_id').notNullable();
    t.timestamp('occurred_at', { useTz: true }).notNullable();
    t.text('event_type').notNullable();
    t.text('channel');
    t.text('referred_customer_id');
    t.primary(['run_id', 'event_id']);
  });

  await knex.schema.createTable('comment_sentiment', (t) => {
    t.text('run_id').notNullable();
    /** survey | review */
    t.text('source').notNullable();
    /** response_id or review_id */
    t.text('row_id').notNullable();
    t.text('customer_id').notNullable();
    t.timestamp('commented_at', { useTz: true }).notNullable();
    t.text('lang').notNullable();
    t.text('polarity').notNullable();
    /** P(positive) in [0, 1]. */
    t.double('score').notNullable();
    t.primary(['run_id', 'source', 'row_id']);
    t.index(['run_id', 'customer_id']);
  });

  await knex.schema.createTable('comment_topics', (t) => {
    t.text('run_id').notNullable();
    /** all | month | segment (segments of the previous run) */
    t.text('grouping').notNullable();
    t.text('group_key').notNullable();
    /** `all` or YYYY-MM */
    t.text('period').notNullable();
    /** praise | complaint */
    t.text('kind').notNullable();
    t.smallint('rank').notNullable();
    t.text('term').notNullable();
    t.double('weight').notNullable();
    t.integer('comments').notNullable();
    t.primary(['run_id', 'grouping', 'group_key', 'period', 'kind', 'rank']);
  });

  await knex.schema.createTable('customer_voice', (t) => {
    t.text('run_id').notNullable();
    t.text('customer_id').notNullable();
    t.double('engagement_score').notNullable();
    /** (recent − prior) / (recent + prior) of the weighted score, in [−1, 1]; 0 with no events in either window. */
    t.double('engagement_trend').notNullable();
    t.integer('events').notNullable();
    /** Survey answers and reviews, with or without a comment. */
    t.integer('responses').notNullable();
    t.text('preferred_channel');
    t.integer('shares').notNullable();
    t.integer('referrals').notNullable();
    /** Distinct known customers named by this customer's referrals. */
    t.integer('referred_customers').notNullable();
    t.integer('social_reach').notNullable();
    t.integer('comments').notNullable();
    t.integer('negative_comments').notNullable();
    t.integer('negative_comments_recent').notNullable();
    t.double('avg_sentiment');
    t.smallint('last_nps');
    t.timestamp('last_nps_at', { useTz: true });
    t.boolean('has_orders').notNullable();
    t.jsonb('tags').notNullable().defaultTo('[]');
    t.primary(['run_id', 'customer_id']);
  });

  await knex.schema.createTable('segment_voice', (t) => {
    t.text('run_id').notNullable();
    t.text('segment').notNullable();
    t.integer('comments').notNullable();
    t.integer('negative').notNullable();
    t.double('negative_share').notNullable();
    t.primary(['run_id', 'segment']);
  });

  await knex.schema.createTable('voice_warnings', (t) => {
    t.text('run_id').notNullable();
    /** high_value_negative | negative_share_rise */
    t.text('kind').notNullable();
    /** customer id or segment; value = negative comments in the window (customer) or negative share now, previous = that share in the previous run (segment) */
    t.text('subject').notNullable();
    t.text('detail').notNullable();
    t.double('value');
    t.double('previous');
    t.primary(['run_id', 'kind', 'subject']);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['voice_warnings', 'segment_voice', 'customer_voice', 'comment_topics', 'comment_sentiment', 'clean_engagement_events', 'clean_reviews']) {
    await knex.schema.dropTableIfExists(table);
  }
}
