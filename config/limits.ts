/**
 * The documented maxima of every horizon, season, window and count an input may ask for —
 * CLI flags and the source config alike. Above them a command fails at once with a message
 * naming the limit, instead of looping for hours or overflowing the stack. They are far above
 * what a weekly business forecast or a customer-value horizon needs (ten years).
 */

/** Forecast and CLV horizons, in periods of each kind: ten years. */
export const MAX_HORIZON = { day: 3650, week: 520, month: 120 } as const;
export type HorizonUnit = keyof typeof MAX_HORIZON;

/** Season length in periods: a year of days. */
export const MAX_SEASON = 366;

/** Rolling backtest origins per series. */
export const MAX_ORIGINS = 24;

/** Periods one forecast series may span after its gaps are filled (a daily series of 50 years). */
export const MAX_SERIES_PERIODS = 20_000;

/** |value| of a forecast series: beyond it squared errors lose all precision (and near 1e154 overflow). */
export const MAX_SERIES_VALUE = 1e15;

/** Look-back windows in days (voice recency, near-duplicate window in minutes below). */
export const MAX_WINDOW_DAYS = 3650;
export const MAX_NEAR_DUPLICATE_MINUTES = 1440;

/** Periods one backfill runs, and how many at once. */
export const MAX_BACKFILL_PERIODS = 520;
export const MAX_BACKFILL_CONCURRENCY = 16;

/** Sample-data generator sizes. */
export const MAX_GENERATED_CUSTOMERS = 10_000_000;
export const MAX_GENERATED_LINES = 100_000_000;

/** Rows a listing command prints. */
export const MAX_LIST_ROWS = 10_000;

/** The largest horizon of a series whose periods are `stepDays` days apart (day kind) or weeks / months. */
export function maxHorizon(unit: HorizonUnit, stepDays = 1): number {
  return unit === 'day' ? Math.floor(MAX_HORIZON.day / stepDays) : MAX_HORIZON[unit];
}
