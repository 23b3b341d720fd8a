/**
 * Settings of the forecast stage: the optional `forecast` section of the source config,
 * validated with it (defaults fill what is left out).
 *
 * Horizons: 13 weeks is the quarter ahead that weekly planning looks at; 12 months covers
 * the next four quarters finance budgets for. Longer monthly horizons (M3's 18) leave too
 * few rolling origins on the three years of history a company typically exports: with 35
 * complete months, h = 18 leaves one shortened origin, h = 12 leaves four full ones, and
 * the backtest must use the real horizon to say anything about the forecasts it picks.
 */
import { z } from 'zod';
import { MAX_ORIGINS } from './limits';

const frequencySchema = z.object({
  /** Periods forecast ahead (and scored at each backtest origin). */
  horizon: z.number().int().min(1).max(104),
  /** Season length in periods (52 weeks, 12 months; an ISO year of 53 weeks shifts the weekly season by one, the holiday regressors follow the calendar). */
  season: z.number().int().min(1).max(104),
});

export const forecastSettingsSchema = z.object({
  weekly: frequencySchema.default({ horizon: 13, season: 52 }),
  monthly: frequencySchema.default({ horizon: 12, season: 12 }),
  /** Rolling backtest origins per series (24: fewer made the choice noisier on M3, see analytics/forecast/backtest.ts). */
  origins: z.number().int().min(1).max(MAX_ORIGINS).default(24),
  /** A series with fewer complete periods is stored (history) but not forecast. */
  minPeriods: z.number().int().min(3).default(8),
  /** The event calendar (analytics/forecast/events.ts): built-in Chinese holidays and shopping festivals, and the user's own events. */
  events: z
    .object({
      builtin: z.boolean().default(true),
      /** A `date,event[,end_date]` CSV of the user's events (brand days, promotions, store openings), a path where the worker runs. */
      file: z.string().min(1).optional(),
    })
    .default({ builtin: true }),
  /** Risk warnings: the share by which revenue may fall below its forecast or last year before it warns. */
  riskWarnings: z.object({ revenueFall: z.number().gt(0).lt(1).default(0.2) }).default({ revenueFall: 0.2 }),
  /** Seed of the simulated ETS intervals (same run, same numbers). */
  seed: z.number().int().default(1),
});

export type ForecastSettings = z.output<typeof forecastSettingsSchema>;
