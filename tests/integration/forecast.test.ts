/**
 * The forecast stage's activity on PostgreSQL, over clean tables holding a known series:
 * every day from Friday 2010-01-01, customer C1 buys through `app` for
 * A(k) = 100 + 5k + (40 in November, 80 in December) yuan (k = months since 2010-01) and C2
 * through `store` for 50 yuan; C3 places two orders on the edge of March 2011 in Shanghai
 * time, without a channel, the first flagged as an outlier by cleaning (left out of the modelled
 * series, its count and amount stored beside them). C1 is `high_value`, C2 `stable`, C3 has no segment. Two runs see
 * the data up to their as-of day: 2011-12-31 (a Saturday: its week is incomplete) and
 * 2012-06-20 (a Wednesday: June and week 2012-W25 are incomplete). Expected sums are worked
 * out beside each assertion.
 */
import { MockActivityEnvironment } from '@temporalio/testing';
import type { Knex } from 'knex';
import { createActivities } from '../../activities';
import { conditionalExpectedPurchases } from '../../analytics/clv/bgnbd';
import { expectedAverageSpend } from '../../analytics/clv/gammaGamma';
import { CUSTOMER_BACKTEST_ORIGINS } from '../../analytics/forecast/customerBacktest';
import type { ForecastStageResult } from '../../contract/results';
import { loadConfig } from '../../infra/config';
import { createDb } from '../../infra/postgres';
import { handMadeRunContext } from '../support/runContext';

const TIME_ZONE = 'Asia/Shanghai';
const EARLY = { runId: 'forecast-test-2011-12-31', asOf: '2011-12-31' };
const LATE = { runId: 'forecast-test-2012-06-20', asOf: '2012-06-20' };
/**
 * A run whose January 2009 fell: C1 buys through `app` every day from 2008-01-01 for 100 yuan, 40 in January 2009.
 * Earlier than the other runs here, so that none of their forecasts is an earlier forecast of its periods.
 */
const FALL = { runId: 'forecast-test-fall-2009-02-04', asOf: '2009-02-04' };
const FORECAST_TABLES = ['forecast_track_record', 'forecast_points', 'forecast_scores', 'forecast_series', 'forecast_customer_based', 'forecast_risk_warnings'];

let db: Knex;

interface OrderRow {
  run_id: string;
  order_id: string;
  customer_id: string;
  ordered_at: string;
  channel: string | null;
  line_count: number;
  gross_amount: number;
  returned_amount: number;
  net_amount: number;
  is_outlier: boolean;
}

function appAmount(date: Date): number {
  const k = (date.getUTCFullYear() - 2010) * 12 + date.getUTCMonth();
  const month = date.getUTCMonth() + 1;
  return 100 + 5 * k + (month === 11 ? 40 : month === 12 ? 80 : 0);
}

/** The run's clean orders: the daily orders through the as-of day, plus the edge orders. */
function ordersFor(runId: string, asOf: string, withLateRow: boolean): OrderRow[] {
  const order = (order_id: string, customer_id: string, ordered_at: string, channel: string | null, gross: number, returned = 0): OrderRow => ({
    run_id: runId, order_id, customer_id, ordered_at, channel, line_count: 1, gross_amount: gross, returned_amount: returned, net_amount: gross - returned, is_outlier: false,
  });
  const rows: OrderRow[] = [];
  for (let day = new Date('2010-01-01T00:00:00Z'); day.toISOString().slice(0, 10) <= asOf; day = new Date(day.getTime() + 86_400_000)) {
    const date = day.toISOString().slice(0, 10);
    rows.push(order(`A-${date}`, 'C1', `${date}T10:00:00+08:00`, 'app', appAmount(day)));
    rows.push(order(`S-${date}`, 'C2', `${date}T15:00:00+08:00`, 'store', 50));
  }
  // 23:30 on 31 March in Shanghai: March. Gross 1,200 less a 200 return: 1,000.
  rows.push({ ...order('E1', 'C3', '2011-03-31T23:30:00+08:00', null, 1200, 200), is_outlier: true });
  // 16:30 UTC on 31 March is 00:30 on 1 April in Shanghai: April.
  rows.push(order('E2', 'C3', '2011-03-31T16:30:00Z', null, 7));
  // The day after the as-of day: never counted.
  if (withLateRow) rows.push(order('LATE', 'C1', '2012-06-21T10:00:00+08:00', 'app', 99_999));
  return rows;
}

async function seedRun({ runId, asOf }: { runId: string; asOf: string }, withLateRow: boolean): Promise<void> {
  for (const table of [...FORECAST_TABLES, 'clean_orders', 'customer_segments', 'runs']) await db(table).where({ run_id: runId }).delete();
  await db('runs').insert({ run_id: runId, as_of: asOf, status: 'running', config_digest: 'test', source_config: {}, started_at: new Date() });
  await db.batchInsert('clean_orders', ordersFor(runId, asOf, withLateRow), 1000);
  const segment = (customer_id: string, customer_group: string) => ({
    run_id: runId, customer_id, r_score: 5, f_score: 5, m_score: 5, rfm_segment: 'champions', rfm_segment_zh: '冠军客户', cluster: 0,
    value_tier: 'high', lifecycle: 'active', customer_group, tags: '[]',
  });
  await db('customer_segments').insert([segment('C1', 'high_value'), segment('C2', 'stable')]);
  for (const table of ['customer_value', 'value_models']) await db(table).where({ run_id: runId }).delete();
  if (runId === LATE.runId) await seedValueModels(runId);
}

/**
 * The late run's value stage output, written by hand: the published CDNOW fits (Fader, Hardie & Lee 2005; BG/NBD
 * r = 0.243, α = 4.414, a = 0.793, b = 2.426; Gamma-Gamma p = 6.25, q = 3.74, γ = 15.44) and two customers' summaries
 * in weeks: C1 (x = 2, t_x = 30.43, T = 38.86, mean repeat spend 20) and C2 (one purchase, T = 38.86).
 */
const CDNOW = { bgnbd: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, gammaGamma: { p: 6.25, q: 3.74, v: 15.44 } };
const VALUE_CUSTOMERS = [
  { customer_id: 'C1', frequency: 2, recency: 30.43, age: 38.86, monetary_value: 20 },
  { customer_id: 'C2', frequency: 0, recency: 0, age: 38.86, monetary_value: 0 },
];
async function seedValueModels(runId: string): Promise<void> {
  const { bgnbd, gammaGamma } = CDNOW;
  await db('value_models').insert({
    run_id: runId, time_unit: 'week', customers: 2, repeat_customers: 1, fitted: true, bgnbd_r: bgnbd.r, bgnbd_alpha: bgnbd.alpha, bgnbd_a: bgnbd.a, bgnbd_b: bgnbd.b,
    gg_p: gammaGamma.p, gg_q: gammaGamma.q, gg_v: gammaGamma.v, unallocated_marketing_spend: 0, parameters: {},
  });
  await db('customer_value').insert(VALUE_CUSTOMERS.map((c) => ({
    run_id: runId, ...c, total_spend: 100, average_annual_spend: 100, expected_lifetime_years: 3, margin: 0.3, acquisition_channel: 'app',
    acquisition_cost: 0, simple_clv: 0, time_since_last_purchase: 1, churn_risk: 'low',
  })));
}

const env = new MockActivityEnvironment();
const forecastRevenue = (run: { runId: string; asOf: string }) =>
  env.run(createActivities({ db, config: loadConfig() }).forecastRevenue, { context: handMadeRunContext({ ...run, timezone: TIME_ZONE }) });

async function actual(runId: string, seriesId: string, period: string): Promise<number> {
  const row = await db('forecast_points').where({ run_id: runId, series_id: seriesId, period, kind: 'actual' }).first();
  return Number(row.value);
}

/** The outlier orders an actual period left out of the series and what they add to it. */
async function leftOut(runId: string, seriesId: string, period: string): Promise<[number, number]> {
  const row = await db('forecast_points').where({ run_id: runId, series_id: seriesId, period, kind: 'actual' }).first();
  return [row.outlier_orders, Number(row.outlier_value)];
}

async function rowCounts(runId: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of FORECAST_TABLES) counts[table] = Number((await db(table).where({ run_id: runId }).count({ n: '*' }))[0].n);
  return counts;
}

/** Per frequency and measure (revenue keeps the shorter id): the total, 3 channels, 3 customer groups and 1 region (no customer rows: unknown). */
const SUFFIXES = ['channel:app', 'channel:store', 'channel:unknown', 'customer_group:high_value', 'customer_group:stable', 'customer_group:unsegmented', 'region:unknown', 'total'];
const SERIES_IDS = ['', 'orders:', 'active_customers:']
  .flatMap((measure) => SUFFIXES.flatMap((suffix) => [`month:${measure}${suffix}`, `week:${measure}${suffix}`]))
  .sort();

async function seedFallingRun(): Promise<void> {
  const { runId, asOf } = FALL;
  for (const table of [...FORECAST_TABLES, 'clean_orders', 'runs']) await db(table).where({ run_id: runId }).delete();
  await db('runs').insert({ run_id: runId, as_of: asOf, status: 'running', config_digest: 'test', source_config: {}, started_at: new Date() });
  const rows: OrderRow[] = [];
  for (let day = new Date('2008-01-01T00:00:00Z'); day.toISOString().slice(0, 10) <= asOf; day = new Date(day.getTime() + 86_400_000)) {
    const date = day.toISOString().slice(0, 10);
    const amount = date.startsWith('2009-01') ? 40 : 100;
    rows.push({ run_id: runId, order_id: `F-${date}`, customer_id: 'C1', ordered_at: `${date}T10:00:00+08:00`, channel: 'app', line_count: 1,
      gross_amount: amount, returned_amount: 0, net_amount: amount, is_outlier: false });
  }
  await db.batchInsert('clean_orders', rows, 1000);
}

beforeAll(async () => {
  db = createDb(process.env.DATABASE_URL!);
  await seedRun(EARLY, false);
  await seedRun(LATE, true);
  await seedFallingRun();
});
afterAll(async () => {
  for (const run of [EARLY, LATE, FALL]) {
    for (const table of [...FORECAST_TABLES, 'clean_orders', 'customer_segments', 'customer_value', 'value_models', 'runs']) await db(table).where({ run_id: run.runId }).delete();
  }
  await db.destroy();
});

describe('forecast stage', () => {
  it('stores the period sums of every series, with forecasts and intervals', async () => {
    const early = await forecastRevenue(EARLY);
    expect(early).toMatchObject({ customerBased: { rows: 0, notes: ['customer-based forecast: the value stage stored no models for this run'] } });
    const result = await forecastRevenue(LATE);
    expect(result).toMatchObject({ series: 48, forecast: 48, customerBased: { rows: 75 } });
    // No origin of these few customers can be fitted (see the customer-based backtest's test below).
    expect((result as ForecastStageResult).customerBased.backtests.map((b) => [b.seriesId, b.origins]).sort()).toEqual([['month:total', 0], ['week:total', 0]]);
    const series = await db('forecast_series').where({ run_id: LATE.runId }).orderBy('series_id');
    expect(series.map((s) => s.series_id)).toEqual(SERIES_IDS);

    // March 2011, k = 14: 31 days × (A = 170 + 50) = 6,820 modelled; C3's outlier order of 1,000 is left out and stored
    // beside it: modelled + outliers = 7,820, March's net revenue over all orders. April, k = 15: 30 × (175 + 50) + 7 = 6,757.
    expect(await actual(LATE.runId, 'month:total', '2011-03')).toBe(6820);
    expect(await leftOut(LATE.runId, 'month:total', '2011-03')).toEqual([1, 1000]);
    expect(await actual(LATE.runId, 'month:total', '2011-03') + (await leftOut(LATE.runId, 'month:total', '2011-03'))[1]).toBe(7820);
    expect(await leftOut(LATE.runId, 'month:total', '2011-04')).toEqual([0, 0]);
    expect(await actual(LATE.runId, 'month:total', '2011-04')).toBe(6757);
    // February 2011, k = 13: 28 × 165 app, 28 × 50 store.
    expect(await actual(LATE.runId, 'month:channel:app', '2011-02')).toBe(4620);
    expect(await actual(LATE.runId, 'month:customer_group:stable', '2011-02')).toBe(1400);
    // Orders and active customers: February 2011 has 28 days × 2 orders by 2 customers.
    expect(await actual(LATE.runId, 'month:orders:total', '2011-02')).toBe(56);
    expect(await actual(LATE.runId, 'month:active_customers:total', '2011-02')).toBe(2);
    // March 2011: C3's order of 1,000 on the 31st is an outlier: C3, active only through it, is a third customer left out;
    // 31 × 2 = 62 orders modelled, the outlier beside them.
    expect(await actual(LATE.runId, 'month:active_customers:total', '2011-03')).toBe(2);
    expect(await leftOut(LATE.runId, 'month:active_customers:total', '2011-03')).toEqual([1, 1]);
    expect(await actual(LATE.runId, 'month:orders:total', '2011-03')).toBe(62);
    expect(await leftOut(LATE.runId, 'month:orders:total', '2011-03')).toEqual([1, 1]);
    expect(await actual(LATE.runId, 'month:region:unknown', '2011-03')).toBe(6820);
    // C3's orders: no channel, no segment; the outlier leaves March at zero; zero in the months after.
    expect(await actual(LATE.runId, 'month:channel:unknown', '2011-03')).toBe(0);
    expect(await leftOut(LATE.runId, 'month:channel:unknown', '2011-03')).toEqual([1, 1000]);
    expect(await actual(LATE.runId, 'month:customer_group:unsegmented', '2011-04')).toBe(7);
    expect(await actual(LATE.runId, 'month:channel:unknown', '2011-05')).toBe(0);
    // ISO week 2011-W10 (Mon 7 – Sun 13 March): 7 × 220 = 1,540.
    expect(await actual(LATE.runId, 'week:total', '2011-W10')).toBe(1540);
    // 2011-W13 (28 March – 3 April): 4 × 220 + 3 × 225 + 7 = 1,562, and the outlier order of 1,000 beside it.
    expect(await actual(LATE.runId, 'week:total', '2011-W13')).toBe(1562);
    expect(await leftOut(LATE.runId, 'week:total', '2011-W13')).toEqual([1, 1000]);
    // 2011-W52 (26 December – 1 January): 6 × (100 + 115 + 80 + 50) + (100 + 120 + 50) = 2,340.
    expect(await actual(LATE.runId, 'week:total', '2011-W52')).toBe(2340);

    // The data start on Friday 1 January 2010: January is complete, week 2009-W53 is not and is left out.
    // The month and week holding the as-of day are set aside with their revenue to date (the 21 June order is not counted):
    // June 2012, k = 29: 20 days × (245 + 50) = 5,900; Mon 18 – Wed 20 June: 3 × 295 = 885.
    const byId = new Map(series.map((s) => [s.series_id, s]));
    expect(byId.get('month:total')).toMatchObject({ first_period: '2010-01', last_period: '2012-05', periods: 29, partial_period: '2012-06', horizon: 12, season: 12 });
    expect(Number(byId.get('month:total').partial_value)).toBe(5900);
    expect(byId.get('week:total')).toMatchObject({ first_period: '2010-W01', last_period: '2012-W24', partial_period: '2012-W25', horizon: 13, season: 52 });
    expect(Number(byId.get('week:total').partial_value)).toBe(885);
    expect(byId.get('month:channel:unknown')).toMatchObject({ first_period: '2011-03', last_period: '2012-05', periods: 15, partial_period: null });

    // Their forecasts are what they hold to date plus the model's forecast of the days to come, whose share is what those days
    // held in the same period of earlier seasons: days 21–30 of June 2011 and 2010, 10 of 30 equal days (1/3); Thursday to
    // Sunday of 2011-W25 and 2010-W25, 4 of 7 (4/7). Whole June 2012: 30 × 295 = 8,850; whole 2012-W25: 7 × 295 = 2,065.
    const first = (seriesId: string) => db('forecast_points').where({ run_id: LATE.runId, series_id: seriesId, kind: 'forecast', step: 1 }).first();
    const june = await first('month:total');
    expect(byId.get('month:total').notes).toEqual(expect.arrayContaining([
      expect.stringMatching(/^first step 2012-06 \(observed to 2012-06-20; the days after it held 33\.3 % of 2011-06, 2010-06\): 5900 observed \+ 33\.3 % of the model's [\d.]+ for the days still to come$/)]));
    const juneModel = Number(/of the model's ([\d.]+)/.exec(byId.get('month:total').notes.find((n: string) => n.startsWith('first step')))![1]);
    expect(Number(june.value)).toBeCloseTo(5900 + juneModel / 3, 1);
    expect(Math.abs(Number(june.value) - 8850)).toBeLessThan(30);
    expect(Number(june.lo95)).toBeGreaterThanOrEqual(5900);
    const week = await first('week:total');
    expect(byId.get('week:total').notes).toEqual(expect.arrayContaining([
      expect.stringMatching(/^first step 2012-W25 \(observed to 2012-06-20; the days after it held 57\.1 % of 2011-W25, 2010-W25\): 885 observed/)]));
    expect(Math.abs(Number(week.value) - 2065)).toBeLessThan(30);
    expect(Number(week.lo95)).toBeGreaterThanOrEqual(885);

    for (const s of series) {
      expect(s.chosen).toEqual(expect.any(String));
      const scores = await db('forecast_scores').where({ run_id: LATE.runId, series_id: s.series_id });
      expect(scores.filter((c) => c.chosen).map((c) => c.candidate)).toEqual([s.chosen]);
      expect(scores.map((c) => c.candidate)).toEqual(expect.arrayContaining(['snaive', 'ets', 'theta', 'stl']));
      expect(s.reason).toEqual(expect.any(String));
      const points = await db('forecast_points').where({ run_id: LATE.runId, series_id: s.series_id, kind: 'forecast' }).orderBy('step');
      expect(points.map((p) => p.step)).toEqual(Array.from({ length: s.horizon }, (_, i) => i + 1));
      expect(points[0].period).toBe(s.partial_period ?? (s.frequency === 'month' ? '2012-06' : '2012-W25'));
      for (const p of points) {
        const [lo95, lo80, value, hi80, hi95] = [p.lo95, p.lo80, p.value, p.hi80, p.hi95].map(Number);
        expect(lo95 <= lo80 && lo80 <= value && value <= hi80 && hi80 <= hi95).toBe(true);
      }
    }
  });

  it('backtests the customer-based forecast on the total revenue series beside the candidates, saying why an origin is not scored', async () => {
    // Run by the first test. Three customers cannot fit BG/NBD + Gamma-Gamma (50 repeat customers needed) at any origin:
    // the score row is there, unscored, and the series' note gives each origin's reason.
    for (const seriesId of ['month:total', 'week:total']) {
      const scores = await db('forecast_scores').where({ run_id: LATE.runId, series_id: seriesId, candidate: 'customer-based' });
      expect(scores).toMatchObject([{ chosen: false, evaluated: 0, mase: null }]);
      const [series] = await db('forecast_series').where({ run_id: LATE.runId, series_id: seriesId });
      const note = (series.notes as string[]).find((n) => n.startsWith('customer-based forecast backtested'))!;
      const tried = Math.min(CUSTOMER_BACKTEST_ORIGINS, series.backtest_origins as number);
      expect(note).toMatch(new RegExp(`^customer-based forecast backtested at 0 of the last ${tried} of ${series.backtest_origins} origins .*; not scored: origin \\d+: \\d repeat customers, fewer than the 50 needed`));
      expect(note.match(/origin \d+: /g)).toHaveLength(tried);
    }
    expect(await db('forecast_scores').where({ run_id: LATE.runId, candidate: 'customer-based' }).pluck('series_id')).toEqual(expect.arrayContaining(['month:total', 'week:total']));
    expect(await db('forecast_scores').where({ run_id: LATE.runId, candidate: 'customer-based' })).toHaveLength(2);
  });

  it('stores the customer-based forecast of the value stage’s models per customer group and for all customers', async () => {
    // Run by the first test. The early run has no value models: nothing stored, and the result says why.
    expect(await db('forecast_customer_based').where({ run_id: EARLY.runId })).toHaveLength(0);
    const rows = await db('forecast_customer_based').where({ run_id: LATE.runId }).orderBy(['frequency', 'member', 'step']);
    // 13 weeks and 12 months, for all customers, high_value (C1) and stable (C2).
    expect(rows).toHaveLength(3 * (13 + 12));
    // E[Y(t)] is counted from the end of the as-of day (Wed 20 June): June's days to come are 21–30 (10/7 weeks),
    // July's 31 days follow; week 2012-W25's days to come are Thursday to Sunday (4/7 weeks).
    const { bgnbd, gammaGamma } = CDNOW;
    const cumulative = (c: (typeof VALUE_CUSTOMERS)[number], days: number) => conditionalExpectedPurchases(bgnbd, days / 7, c.frequency, c.recency, c.age);
    const spend = (c: (typeof VALUE_CUSTOMERS)[number]) => expectedAverageSpend(gammaGamma, c.frequency, c.monetary_value); // 22.736…, 35.219…
    const [c1, c2] = VALUE_CUSTOMERS;
    const row = (frequency: string, member: string, step: number) => rows.find((r) => r.frequency === frequency && r.member === member && r.step === step);
    const june = row('month', 'high_value', 1);
    expect(june).toMatchObject({ period: '2012-06', customers: 1 });
    expect(june.expected_purchases).toBeCloseTo(cumulative(c1, 10), 9);
    expect(june.value).toBeCloseTo(cumulative(c1, 10) * spend(c1), 6);
    expect(row('month', 'stable', 2).value).toBeCloseTo((cumulative(c2, 41) - cumulative(c2, 10)) * spend(c2), 6);
    expect(row('month', '', 2)).toMatchObject({ period: '2012-07', customers: 2 });
    expect(row('month', '', 2).value).toBeCloseTo((cumulative(c1, 41) - cumulative(c1, 10)) * spend(c1) + (cumulative(c2, 41) - cumulative(c2, 10)) * spend(c2), 6);
    expect(row('week', '', 1)).toMatchObject({ period: '2012-W25' });
    expect(row('week', '', 1).expected_purchases).toBeCloseTo(cumulative(c1, 4) + cumulative(c2, 4), 9);
    for (const r of rows) expect(r.lo95 <= r.lo80 && r.lo80 <= r.value && r.value <= r.hi80 && r.hi80 <= r.hi95).toBe(true);
  });

  it('scores the earlier run’s forecasts against the periods now complete', async () => {
    // Early run: months 2012-01..12 and weeks 2011-W52..2012-W12 forecast; complete in the late run: 5 months and all 13 weeks,
    // for each of 8 series of each of 3 measures.
    const record = await db('forecast_track_record').where({ run_id: LATE.runId });
    expect(record).toHaveLength(3 * (8 * 5 + 8 * 13));
    expect(new Set(record.map((r) => r.forecast_run_id))).toEqual(new Set([EARLY.runId]));
    expect(await db('forecast_track_record').where({ run_id: EARLY.runId })).toHaveLength(0);

    const check = async (seriesId: string, period: string, expectedActual: number, expectedStep: number) => {
      const forecast = await db('forecast_points').where({ run_id: EARLY.runId, series_id: seriesId, period, kind: 'forecast' }).first();
      const row = record.find((r) => r.series_id === seriesId && r.period === period)!;
      const [value, lo80, hi80, lo95, hi95] = [forecast.value, forecast.lo80, forecast.hi80, forecast.lo95, forecast.hi95].map(Number);
      expect(Number(row.actual)).toBe(expectedActual);
      expect(row.step).toBe(expectedStep);
      expect(Number(row.forecast)).toBe(value);
      expect(Number(row.error)).toBeCloseTo(value - expectedActual, 2);
      expect(row.inside80).toBe(expectedActual >= lo80 && expectedActual <= hi80);
      expect(row.inside95).toBe(expectedActual >= lo95 && expectedActual <= hi95);
    };
    // March 2012, k = 26: 31 × (230 + 50) = 8,680, three months ahead of December 2011.
    await check('month:total', '2012-03', 8680, 3);
    // 2011-W52: 2,340 (above), the first week after the early run's last complete week 2011-W51.
    await check('week:total', '2011-W52', 2340, 1);
    // January 2012 through `store`: 31 × 50.
    await check('month:channel:store', '2012-01', 1550, 1);
  });

  it('re-running replaces the run’s rows instead of adding to them', async () => {
    const before = await rowCounts(LATE.runId);
    // Per measure — actuals: 29 months (2010-01..2012-05) for 6 series, 15 (from 2011-03) for C3's two; 128 weeks
    // (2010-W01..2012-W24) for 6 series, 64 (from 2011-W13) for two. Forecasts: 8 × 12 months + 8 × 13 weeks.
    expect(before.forecast_series).toBe(48);
    expect(before.forecast_points).toBe(3 * (6 * 29 + 2 * 15 + 6 * 128 + 2 * 64 + 8 * 12 + 8 * 13));
    await forecastRevenue(LATE);
    expect(await rowCounts(LATE.runId)).toEqual(before);
  });

  // Last: its forecasts would otherwise be earlier forecasts of the other runs' periods.
  it('warns of revenue that fell more than a fifth from the same period last year, per revenue series but the customer groups', async () => {
    await forecastRevenue(FALL);
    const warnings = await db('forecast_risk_warnings').where({ run_id: FALL.runId }).orderBy('series_id');
    // January 2009: 31 × 40 = 1,240 against 31 × 100 = 3,100 in January 2008. Week 2009-W05 (26 January – 1 February):
    // 6 × 40 + 100 = 340 against 700 in 2008-W05, 52 weeks before. The customer group (unsegmented) is not compared with last year.
    expect(new Set(warnings.map((w) => `${w.kind}: ${w.message_en.includes('below the same period last year')}`))).toEqual(new Set(['revenue_fall: true']));
    expect(warnings.map((w) => [w.series_id, w.period, Number(w.value), Number(w.reference)])).toEqual([
      ['month:channel:app', '2009-01', 1240, 3100],
      ['month:region:unknown', '2009-01', 1240, 3100],
      ['month:total', '2009-01', 1240, 3100],
      ['week:channel:app', '2009-W05', 340, 700],
      ['week:region:unknown', '2009-W05', 340, 700],
      ['week:total', '2009-W05', 340, 700],
    ]);
  });
});
