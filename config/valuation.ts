/**
 * Parameters of the value stage (SPEC §5), as the optional `valuation` section of the source
 * config file. They are business assumptions (margins, lifetime, discount rate) that finance
 * sets per company like the currency and time zone, so they live with the config that a run
 * records in `runs.source_config`: a past week re-run values customers the same way.
 * Every field has a documented default; an empty or missing section means all defaults.
 */
import { z } from 'zod';
import { MAX_HORIZON } from './limits';
import { CHURN_RISK_THRESHOLDS } from '../analytics/value/churnRisk';
import { DEFAULT_MIN_SAMPLE } from '../analytics/value/sampleSize';

const share = z.number().min(0).max(1);

export const valuationSchema = z
  .object({
    /** Unit of recency, T and the horizon in the BG/NBD summaries (as the `clv` CLI; weeks by default). */
    timeUnit: z.enum(['week', 'day']).default('week'),
    /** CLV and expected-purchase horizon in time units: 52 weeks = one year (with `timeUnit: day`, give days, e.g. 365); at most ten years (520 weeks, 3,650 days). */
    horizon: z.number().int().positive().max(MAX_HORIZON.day).default(52),
    /** Annual discount rate of the discounted CLV (10 % a year, the CLI's default). */
    annualDiscountRate: z.number().min(0).default(0.1),
    /** Share of spend that is margin, for both CLVs; 1 = CLV in revenue (the CLI's and finance's example default). */
    margin: share.default(1),
    /** Expected customer lifetime in years, for the simple finance CLV (SPEC §5 example: 3). */
    expectedLifetimeYears: z.number().positive().default(3),
    /** Share of an order's net amount that is profit, for segment profitability. */
    profitMargin: share.default(0.2),
    /** Period of CAC: marketing spend is booked per month. */
    cacPeriod: z.enum(['month', 'quarter', 'year']).default('month'),
    /**
     * L2 penalty on the model parameters (lifetimes' penalizer_coef); 0 = plain maximum likelihood.
     * A small value (0.001–0.1) tames a degenerate fit whose predictions cannot be computed.
     */
    penalty: z.number().min(0).default(0),
    /** The models are fitted only with at least this many repeat customers (Gamma-Gamma fits on them alone). */
    minRepeatCustomersToFit: z.number().int().positive().default(50),
    /** NPS / CSAT from fewer responses are flagged small samples. */
    minSurveyResponses: z.number().int().positive().default(DEFAULT_MIN_SAMPLE),
    /** Churn-risk bands (analytics/value/churnRisk.ts). */
    churnThresholds: z
      .object({
        highBelowPAlive: share.default(CHURN_RISK_THRESHOLDS.highBelowPAlive),
        mediumBelowPAlive: share.default(CHURN_RISK_THRESHOLDS.mediumBelowPAlive),
        highFromGapRatio: z.number().positive().default(CHURN_RISK_THRESHOLDS.highFromGapRatio),
        mediumFromGapRatio: z.number().positive().default(CHURN_RISK_THRESHOLDS.mediumFromGapRatio),
      })
      .prefault({})
      .refine((t) => t.highBelowPAlive <= t.mediumBelowPAlive && t.mediumFromGapRatio <= t.highFromGapRatio, {
        message: 'the high-risk thresholds must be at least as strict as the medium ones',
      }),
  })
  .strict()
  .refine((v) => v.horizon <= MAX_HORIZON[v.timeUnit], { path: ['horizon'], message: `at most ${MAX_HORIZON.week} weeks or ${MAX_HORIZON.day} days (ten years)` });

export type Valuation = z.infer<typeof valuationSchema>;
export type ValuationInput = z.input<typeof valuationSchema>;
