/**
 * Forecast stage: the run's revenue series (one row each), every candidate's backtest
 * scores, the history and forecast points the charts need, and the track record — earlier
 * runs' forecasts scored against this run's actuals. Keyed by run_id like every run table,
 * so a retried stage replaces exactly its own rows.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('forecast_series', (t) => {
    t.text('run_id').notNullable();
    /** `<frequency>:<dimension>[:<member>]`, e.g. `month:total`, `week:channel:APP`: stable across runs. */
    t.text('series_id').notNullable();
    t.text('frequency').notNullable(); // week | month
    t.text('dimension').notNullable(); // total | channel | customer_group
    t.text('member').notNullable(); // '' for total
    t.smallint('season').notNullable();
    t.smallint('horizon').notNullable();
    /** Complete periods in the series, its first and last (ISO week `YYYY-Www` or `YYYY-MM`). */
    t.integer('periods').notNullable();
    t.text('first_period').notNullable();
    t.text('last_period').notNullable();
    /** The incomplete period holding the as-of day and its revenue to date (not modelled). */
    t.text('partial_period');
    t.decimal('partial_value', 16, 2);
    /** Picked candidate (`ets`, `theta`, …) and its fitted model; null when the series is too short to forecast. */
    t.text('chosen');
    t.text('model');
    t.integer('backtest_origins').notNullable().defaultTo(0);
    t.smallint('backtest_horizon').notNullable().defaultTo(0);
    /** Candidates averaged by the scored combination, best first. */
    t.jsonb('combination_members').notNullable().defaultTo('[]');
    t.jsonb('notes').notNullable().defaultTo('[]');
    t.primary(['run_id', 'series_id']);
  });

  await knex.schema.createTable('forecast_scores', (t) => {
    t.text('run_id').notNullable();
    t.text('series_id').notNullable();
    /** A candidate, or `combination`. */
    t.text('candidate').notNullable();
    t.boolean('chosen').notNullable();
    t.integer('evaluated').notNullable();
    /** Means over the backtest origins; null where undefined (e.g. MASE of a flat training series). */
    t.double('mase');
    t.double('smape');
    t.double('mape');
    t.double('bias');
    t.double('mae');
    t.double('coverage80');
    t.double('coverage95');
    t.primary(['run_id', 'series_id', 'candidate']);
  });

  await knex.schema.createTable('forecast_points', (t) => {
    t.text('run_id').notNullable();
    t.text('series_id').notNullable();
    t.text('period').notNullable();
    t.date('period_start').notNullable();
    t.text('kind').notNullable(); // actual | forecast
    /** Steps ahead of the last complete period (forecasts); null for actuals. */
    t.smallint('step');
    /** Revenue (actual) or point forecast. */
    t.decimal('value', 16, 2).notNullable();
    /** One-step-ahead in-sample fit of the chosen model (actuals). */
    t.decimal('fitted', 16, 2);
    t.decimal('lo80', 16, 2);
    t.decimal('hi80', 16, 2);
    t.decimal('lo95', 16, 2);
    t.decimal('hi95', 16, 2);
    t.primary(['run_id', 'series_id', 'period']);
    t.index(['series_id', 'period']);
  });

  await knex.schema.createTable('forecast_track_record', (t) => {
    t.text('run_id').notNullable();
    /** The earlier run (smaller as-of) whose forecast is scored. */
    t.text('forecast_run_id').notNullable();
    t.text('series_id').notNullable();
    t.text('period').notNullable();
    t.smallint('step').notNullable();
    t.decimal('forecast', 16, 2).notNullable();
    t.decimal('actual', 16, 2).notNullable();
    /** forecast − actual (positive = over-forecast). */
    t.decimal('error', 16, 2).notNullable();
    t.boolean('inside80').notNullable();
    t.boolean('inside95').notNullable();
    t.primary(['run_id', 'forecast_run_id', 'series_id', 'period']);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['forecast_track_record', 'forecast_points', 'forecast_scores', 'forecast_series']) await knex.schema.dropTableIfExists(table);
}
