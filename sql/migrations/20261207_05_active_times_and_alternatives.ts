/**
 * What the one definition of the features and of the segmentation computes beyond what the
 * tables held: the profile's active days and hours (SPEC §3 "active hours/days": the weekday and
 * hour of the local wall clock with most of the customer's orders), and per run the alternative
 * clustering methods on a sample (SPEC §4: hierarchical and DBSCAN against k-means) and how many
 * customers the cluster rules were checked on. Null on rows of runs from before.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('customer_profiles', (t) => {
    /** 0 = Sunday … 6 = Saturday. */
    t.smallint('most_active_weekday');
    /** 0–23. */
    t.smallint('most_active_hour');
  });
  await knex.schema.alterTable('segment_clustering', (t) => {
    /** analytics/segment/alternatives.ts ClusteringComparison. */
    t.jsonb('alternatives');
    t.integer('rule_holdout_size');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('segment_clustering', (t) => {
    t.dropColumn('alternatives');
    t.dropColumn('rule_holdout_size');
  });
  await knex.schema.alterTable('customer_profiles', (t) => {
    t.dropColumn('most_active_weekday');
    t.dropColumn('most_active_hour');
  });
}
