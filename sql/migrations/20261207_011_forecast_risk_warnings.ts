/**
 * Forecast risk warnings (风险预警, analytics/forecast/riskWarnings.ts) of a run: a series'
 * last complete period outside an earlier run's 95 % interval, or revenue falling more than
 * the configured share below its forecast or the same period last year. Keyed by run_id;
 * the forecast stage replaces them with its other tables.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('forecast_risk_warnings', (t) => {
    t.text('run_id').notNullable();
    t.text('kind').notNullable(); // outside_interval | revenue_fall
    t.text('severity').notNullable(); // warning | info
    t.text('series_id').notNullable();
    t.text('period').notNullable();
    t.double('value').notNullable();
    /** The forecast or last year's value it is compared with. */
    t.double('reference').notNullable();
    t.text('message_zh').notNullable();
    t.text('message_en').notNullable();
    t.primary(['run_id', 'kind', 'series_id', 'period']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('forecast_risk_warnings');
}
