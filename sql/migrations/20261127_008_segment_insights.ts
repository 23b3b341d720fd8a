/**
 * What the segment stage explains about its segments, per run: the demographics and category
 * mix on each profile, the clustering (k, silhouette, features, rules), persona cards,
 * cross-tabs, the migration since the previous run and product affinity.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('customer_profiles', (t) => {
    /** Years at the as-of date, from the customer master's birth year; null when unknown. */
    t.integer('age');
    t.text('age_band');
    t.text('generation');
    t.text('gender');
    t.text('region');
    t.text('city_tier');
    /** category → share of the customer's positive line spend. */
    t.jsonb('category_shares').notNullable().defaultTo('{}');
  });

  await knex.schema.createTable('segment_clustering', (t) => {
    t.text('run_id').primary();
    t.integer('k').notNullable();
    t.integer('elbow_k');
    t.double('silhouette');
    t.integer('seed').notNullable();
    /** Keys of the clustered features, in centroid column order. */
    t.jsonb('feature_keys').notNullable();
    /** [{k, silhouette, inertia}] for every k tried. */
    t.jsonb('candidates').notNullable();
    /** Share of held-out customers the cluster rules assign to their own cluster. */
    t.double('rule_fidelity');
  });

  await knex.schema.createTable('segment_clusters', (t) => {
    t.text('run_id').notNullable();
    t.integer('cluster').notNullable();
    t.integer('customers').notNullable();
    t.double('customer_share').notNullable();
    t.double('revenue_share').notNullable();
    /** Mean of each clustered feature in its own unit (days, orders, yuan, share, years). */
    t.jsonb('feature_means').notNullable();
    /** The decision-tree rules that describe the cluster: [{en, zh, support}]. */
    t.jsonb('rules').notNullable();
    t.double('rule_fidelity');
    t.primary(['run_id', 'cluster']);
  });

  await knex.schema.createTable('segment_personas', (t) => {
    t.text('run_id').notNullable();
    /** customer_group, rfm_segment or cluster. */
    t.text('dimension').notNullable();
    t.text('segment').notNullable();
    t.integer('customers').notNullable();
    /** The persona card (analytics/segment/personas.ts PersonaCard). */
    t.jsonb('card').notNullable();
    t.primary(['run_id', 'dimension', 'segment']);
  });

  await knex.schema.createTable('segment_crosstabs', (t) => {
    t.text('run_id').notNullable();
    /** The attribute crossed with the customer group: age_band, generation, gender, region, city_tier, top_channel. */
    t.text('attribute').notNullable();
    t.text('segment').notNullable();
    t.text('value').notNullable();
    t.integer('customers').notNullable();
    /** Share of the segment's customers with this value. */
    t.double('share').notNullable();
    t.primary(['run_id', 'attribute', 'segment', 'value']);
  });

  await knex.schema.createTable('segment_migration', (t) => {
    t.text('run_id').notNullable();
    t.text('previous_run_id').notNullable();
    /** customer_group or rfm_segment. */
    t.text('dimension').notNullable();
    t.text('from_segment').notNullable();
    t.text('to_segment').notNullable();
    t.integer('customers').notNullable();
    t.double('share_of_from').notNullable();
    t.primary(['run_id', 'dimension', 'from_segment', 'to_segment']);
  });

  await knex.schema.createTable('segment_moves_into_risk', (t) => {
    t.text('run_id').notNullable();
    t.text('dimension').notNullable();
    t.text('customer_id').notNullable();
    t.text('from_segment').notNullable();
    t.text('to_segment').notNullable();
    t.primary(['run_id', 'dimension', 'customer_id']);
  });

  await knex.schema.createTable('product_affinity', (t) => {
    t.text('run_id').notNullable();
    /** `all` or a customer group. */
    t.text('segment').notNullable();
    /** category or product. */
    t.text('level').notNullable();
    t.text('item_a').notNullable();
    t.text('item_b').notNullable();
    t.integer('orders').notNullable();
    t.double('support').notNullable();
    t.double('confidence_ab').notNullable();
    t.double('confidence_ba').notNullable();
    t.double('lift').notNullable();
    t.primary(['run_id', 'segment', 'level', 'item_a', 'item_b']);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['product_affinity', 'segment_moves_into_risk', 'segment_migration', 'segment_crosstabs', 'segment_personas', 'segment_clusters', 'segment_clustering']) {
    await knex.schema.dropTableIfExists(table);
  }
  await knex.schema.alterTable('customer_profiles', (t) => {
    for (const column of ['age', 'age_band', 'generation', 'gender', 'region', 'city_tier', 'category_shares']) t.dropColumn(column);
  });
}
