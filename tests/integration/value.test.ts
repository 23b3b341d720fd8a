/**
 * The value stage's activity on the test stack's PostgreSQL, over hand-made rows written into
 * the clean tables: four customers whose CAC, NPS, CSAT, profitability and simple CLV are
 * worked out by hand in the comments, plus simulated buyers on a channel without
 * spend (so the models have data to fit) whose per-customer values must equal the pure
 * functions' on the same transactions. Times are local (Asia/Shanghai, UTC+8); the run sees
 * everything before 2024-12-31 24:00 local = 2024-12-31T16:00Z.
 */
import { MockActivityEnvironment } from '@temporalio/testing';
import { createActivities } from '../../activities';
import { fitValueModels } from '../../analytics/clv/fitModels';
import { summarizeTransactions } from '../../analytics/clv/summary';
import { betaVariate, exponentialVariate, gammaVariate, mulberry32, randomInt } from '../../analytics/random';
import { customerValues } from '../../analytics/value/customerValue';
import type { ValuationInput } from '../../config/valuation';
import { STEPS } from '../../contract/stages';
import { openHarness, type Harness } from '../support/pipeline';
import { handMadeRunContext } from '../support/runContext';

const RUN_ID = 'run-value-test';
const AS_OF = '2024-12-31';
const TIME_ZONE = 'Asia/Shanghai';
const VALUATION: ValuationInput = { margin: 0.5, expectedLifetimeYears: 2, profitMargin: 0.25, minRepeatCustomersToFit: 10, minSurveyResponses: 3 };
const CONTEXT = handMadeRunContext({ runId: RUN_ID, asOf: AS_OF, timezone: TIME_ZONE, valuation: VALUATION });
const VALUE_TABLES = STEPS.value.owns.map((o) => o.table);

interface Order {
  customer: string;
  /** Local time, `YYYY-MM-DD HH:mm`. */
  at: string;
  channel: string;
  amount: number;
  outlier?: boolean;
}

const HAND_ORDERS: Order[] = [
  // A: purchase days 01-10, 03-10 (two orders merged: 500), 06-10 → x = 2, t_x = 152 days,
  // T = 356 days, mean repeat spend (500 + 400) / 2 = 450, total 1000.
  { customer: 'A', at: '2024-01-10 10:00', channel: 'app', amount: 100 },
  { customer: 'A', at: '2024-03-10 10:00', channel: 'app', amount: 300 },
  { customer: 'A', at: '2024-03-10 20:00', channel: 'web', amount: 200 },
  { customer: 'A', at: '2024-06-10 10:00', channel: 'app', amount: 400 },
  { customer: 'A', at: '2024-07-01 10:00', channel: 'app', amount: 99_999, outlier: true }, // not valued, not a transaction
  { customer: 'A', at: '2025-01-01 00:30', channel: 'app', amount: 700 }, // after the as-of day
  { customer: 'B', at: '2024-01-20 10:00', channel: 'app', amount: 300 },
  // C signed up before the data begins (A's first order): not acquired in the data.
  { customer: 'C', at: '2024-02-05 10:00', channel: 'store', amount: 600 },
  { customer: 'D', at: '2024-01-25 10:00', channel: 'store', amount: 400 },
  { customer: 'D', at: '2024-02-25 10:00', channel: 'store', amount: 500 },
];

/**
 * BULK_CUSTOMERS buyers on the web channel (no spend there), drawn as BG/NBD customers with a
 * fixed seed: first purchase in the first half of 2024, purchase rate λ ~ Gamma(1.5, 30/day),
 * drop-out after each purchase with p ~ Beta(1, 4), and Gamma-Gamma spend: amounts
 * Gamma(6, ν) with ν ~ Gamma(4, 300) (mean spend about 450).
 */
const BULK_CUSTOMERS = 120;
function bulkOrders(): Order[] {
  const uniform = mulberry32(20241231);
  const end = Date.UTC(2024, 11, 31);
  const orders: Order[] = [];
  for (let i = 1; i <= BULK_CUSTOMERS; i++) {
    const rate = gammaVariate(uniform, 1.5, 30);
    const dropOut = betaVariate(uniform, 1, 4);
    const spendRate = gammaVariate(uniform, 4, 300);
    let day = Date.UTC(2024, 0, 2) + randomInt(uniform, 180) * 86_400_000;
    do {
      orders.push({ customer: `W${String(i).padStart(3, '0')}`, at: `${new Date(day).toISOString().slice(0, 10)} 12:00`, channel: 'web', amount: Math.round(gammaVariate(uniform, 6, spendRate) * 100) / 100 });
      day += Math.ceil(exponentialVariate(uniform, rate)) * 86_400_000;
    } while (day <= end && uniform() >= dropOut);
  }
  return orders;
}

const ORDERS = [...HAND_ORDERS, ...bulkOrders()];
const SEGMENTS: Record<string, [string, string]> = { A: ['champions', 'high_value'], B: ['new', 'growth_potential'], C: ['at_risk', 'churn_risk'], D: ['champions', 'high_value'] };
const instant = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);

async function insertFixture(db: Harness['db']): Promise<void> {
  await db('clean_orders').where({ run_id: RUN_ID }).delete();
  await db('clean_customers').where({ run_id: RUN_ID }).delete();
  await db('customer_segments').where({ run_id: RUN_ID }).delete();
  await db('clean_marketing_spend').where({ run_id: RUN_ID }).delete();
  await db('clean_survey_responses').where({ run_id: RUN_ID }).delete();
  await db('clean_orders').insert(ORDERS.map((o, i) => ({
    run_id: RUN_ID, order_id: `O${i}`, customer_id: o.customer, ordered_at: instant(o.at), channel: o.channel, line_count: 1,
    gross_amount: o.amount, returned_amount: 0, net_amount: o.amount, is_outlier: o.outlier ?? false,
  })));
  const customers = [...new Set(ORDERS.map((o) => o.customer))];
  await db('clean_customers').insert(customers.map((customer, i) => ({
    run_id: RUN_ID, customer_id: customer, source: 'crm', row_no: i + 1, gender: 'U', age_band: 'unknown', generation: 'unknown', city: '', region: '', city_tier: '',
    signup_at: customer === 'C' ? instant('2023-06-01 09:00') : null,
  })));
  await db('customer_segments').insert(customers.map((customer) => {
    const [segment, group] = SEGMENTS[customer] ?? ['bulk', 'bulk'];
    return { run_id: RUN_ID, customer_id: customer, r_score: 3, f_score: 3, m_score: 3, rfm_segment: segment, rfm_segment_zh: segment, cluster: 0,
      value_tier: 'mid', lifecycle: 'active', customer_group: group, tags: '[]' };
  }));
  await db('clean_marketing_spend').insert([
    { month: '2024-01-01', channel: 'app', spend: 1000 },
    { month: '2024-02-01', channel: 'app', spend: 500 },
    { month: '2024-01-01', channel: 'store', spend: 900 },
  ].map((row, i) => ({ run_id: RUN_ID, source: 'marketing', row_no: i + 1, new_customers: null, ...row })));
  await db('clean_survey_responses').insert([
    { customer_id: 'A', at: '2024-02-01 09:00', nps: 10, csat: 5 },
    { customer_id: 'A', at: '2024-03-01 00:30', nps: 9, csat: 4 }, // March locally, February in UTC
    { customer_id: 'B', at: '2024-02-10 09:00', nps: 6, csat: 2 },
    { customer_id: 'C', at: '2024-03-15 09:00', nps: 8, csat: null },
    { customer_id: 'Z', at: '2024-03-20 09:00', nps: null, csat: 3 }, // no orders, no segment
    { customer_id: 'D', at: '2024-12-31 23:30', nps: 10, csat: 5 },
    { customer_id: 'D', at: '2025-01-01 00:30', nps: 0, csat: 1 }, // after the as-of day
  ].map((r, i) => ({ run_id: RUN_ID, source: 'survey', row_no: i + 1, response_id: `R${i}`, customer_id: r.customer_id, answered_at: instant(r.at), nps: r.nps, csat: r.csat })));
}

/** The same run through the pure path: the calibration summaries of the transactions the run sees. */
const SEEN = ORDERS.filter((o) => !o.outlier && instant(o.at) < instant('2025-01-01 00:00'));
const SUMMARIES = summarizeTransactions(SEEN.map((o) => ({ customerId: o.customer, date: o.at.slice(0, 10), amount: o.amount })), { calibrationEnd: AS_OF, timeUnit: 'week' });
const REPEAT_CUSTOMERS = SUMMARIES.filter((s) => s.frequency > 0).length;

let harness: Harness;
const valueCustomers = () => {
  const { valueCustomers: activity } = createActivities({ db: harness.db, config: harness.config });
  return new MockActivityEnvironment().run(activity, { context: CONTEXT });
};
const rowsOf = (table: string, order: string[]) => harness.db(table).where({ run_id: RUN_ID }).orderBy(order);

beforeAll(async () => {
  harness = await openHarness('test-value');
  await insertFixture(harness.db);
});
afterAll(() => harness.close());

describe('value stage on hand-made clean rows', () => {
  it('computes CAC per channel and month from first orders, not counting customers from before the data', async () => {
    const result = await valueCustomers();
    expect(SUMMARIES.length).toBe(4 + BULK_CUSTOMERS);
    expect(result).toMatchObject({ customers: SUMMARIES.length, repeatCustomers: REPEAT_CUSTOMERS, skipReason: null });
    const costs = await rowsOf('acquisition_costs', ['period', 'channel']);
    const hand = costs.filter((c) => c.channel !== 'web').map((c) => [c.channel, c.period, Number(c.spend), c.new_customers, c.cac, c.flag]);
    expect(hand).toEqual([
      ['app', '2024-01', 1000, 2, 500, null], // A and B: 1000 / 2
      ['store', '2024-01', 900, 1, 900, null], // D (C is from before the data)
      ['app', '2024-02', 500, 0, null, 'no_new_customers'],
    ]);
    // The web cells: every bulk customer acquired, no spend recorded.
    const web = costs.filter((c) => c.channel === 'web');
    expect(web.reduce((n, c) => n + c.new_customers, 0)).toBe(BULK_CUSTOMERS);
    expect(web.every((c) => c.cac === 0 && c.flag === 'no_spend_recorded')).toBe(true);
  });

  it('scores NPS and CSAT overall, per segment, per group and per local month', async () => {
    const scores = await rowsOf('survey_scores', ['grouping', 'key']);
    const view = (grouping: string) => scores.filter((s) => s.grouping === grouping)
      .map((s) => [s.key, s.nps_responses, s.nps, s.nps_small_sample, s.csat_responses, s.csat, s.csat_small_sample]);
    // NPS over 10, 9, 6, 8, 10: (3 promoters − 1 detractor) / 5 = 40; CSAT over 5, 4, 2, 3, 5: 3 / 5 = 60 %.
    expect(view('overall')).toEqual([['all', 5, 40, false, 5, 60, false]]);
    expect(view('rfm_segment')).toEqual([
      ['at_risk', 1, 0, true, 0, null, true], // one passive (8)
      ['champions', 3, 100, false, 3, 100, false], // A's 10, 9 and D's 10; 5, 4, 5
      ['new', 1, -100, true, 1, 0, true], // B: 6 and 2
      ['unknown', 0, null, true, 1, 0, true], // Z: CSAT 3 only
    ]);
    expect(view('customer_group').map((s) => s[0])).toEqual(['churn_risk', 'growth_potential', 'high_value', 'unknown']);
    expect(view('month')).toEqual([
      ['2024-02', 2, 0, true, 2, 50, true], // 10 and 6; 5 and 2
      ['2024-03', 2, 50, true, 2, 50, true], // 9 (00:30 local on 1 March) and 8; 4 and 3
      ['2024-12', 1, 100, true, 1, 100, true],
    ]);
  });

  it('computes segment profitability with marketing spend shared by orders per channel-month', async () => {
    const rows = await rowsOf('segment_profitability', ['grouping', 'segment']);
    const bySegment = Object.fromEntries(rows.filter((r) => r.grouping === 'rfm_segment').map((r) => [r.segment, r]));
    // champions: A's four orders (100, 300, 200, 400; the outlier excluded) and D's two (400, 500):
    // 6 transactions averaging 1900 / 6, × 0.25 profit = 79.1667; gross 475. Marketing: half of
    // app 2024-01 (A's order beside B's) 500 + all of store 2024-01 (D's) 900 = 1400.
    expect(bySegment.champions.transactions).toBe(6);
    expect(bySegment.champions.average_profit_per_transaction).toBeCloseTo(1900 / 6 / 4, 9);
    expect(bySegment.champions.gross_profit).toBeCloseTo(475, 9);
    expect(bySegment.champions.marketing_cost).toBeCloseTo(1400, 9);
    expect(bySegment.champions.net_profit).toBeCloseTo(-925, 9);
    expect(bySegment.champions.marketing_roi).toBeCloseTo(-925 / 1400, 9);
    // new (B): 300 × 0.25 = 75 − 500 = −425, ROI −0.85; at_risk (C): 150, no spend in store 2024-02.
    expect([bySegment.new.gross_profit, bySegment.new.marketing_cost, bySegment.new.net_profit, bySegment.new.marketing_roi]).toEqual([75, 500, -425, -0.85]);
    expect([bySegment.at_risk.net_profit, bySegment.at_risk.marketing_roi]).toEqual([150, null]);
    expect(bySegment.bulk.marketing_cost).toBe(0);
    const groups = Object.fromEntries(rows.filter((r) => r.grouping === 'customer_group').map((r) => [r.segment, r.net_profit]));
    expect(groups.high_value).toBeCloseTo(-925, 9);
    // app 2024-02 (500) has no orders to carry it.
    const model = await harness.db('value_models').where({ run_id: RUN_ID }).first();
    expect(Number(model.unallocated_marketing_spend)).toBe(500);
  });

  it('stores the simple CLV with its inputs, worked by hand', async () => {
    const rows = Object.fromEntries((await rowsOf('customer_value', ['customer_id'])).map((r) => [r.customer_id, r]));
    // A: x = 2, t_x = 152 days, T = 356 days (in weeks), mean repeat spend 450; 1000 in under a
    // year → 1000 a year × 2 years × 0.5 − CAC 500 = 500.
    expect(rows.A).toMatchObject({ frequency: 2, monetary_value: 450, total_spend: 1000, average_annual_spend: 1000, expected_lifetime_years: 2, margin: 0.5,
      acquisition_channel: 'app', acquisition_period: '2024-01', acquisition_cost: 500, simple_clv: 500 });
    expect(rows.A.recency).toBeCloseTo(152 / 7, 12);
    expect(rows.A.age).toBeCloseTo(356 / 7, 12);
    // B: 300 × 2 × 0.5 − 500 = −200. C: from before the data, charged store's average CAC 900 / 1: 600 − 900 = −300.
    // D: 900 − 900 = 0.
    expect([rows.B.simple_clv, rows.C.simple_clv, rows.D.simple_clv]).toEqual([-200, -300, 0]);
    expect([rows.C.acquisition_channel, rows.C.acquisition_period, rows.C.acquisition_cost]).toEqual(['store', null, 900]);
  });

  it('stores per-customer model values equal to the pure functions on the same transactions', async () => {
    const { valuation } = CONTEXT.config;
    const summaries = SUMMARIES;
    const fit = fitValueModels(summaries, valuation.minRepeatCustomersToFit);
    if (!fit.fitted) throw new Error(fit.reason);
    const model = await harness.db('value_models').where({ run_id: RUN_ID }).first();
    expect(model).toMatchObject({ fitted: true, customers: SUMMARIES.length, repeat_customers: REPEAT_CUSTOMERS, bgnbd_converged: true, gg_converged: true, time_unit: 'week' });
    expect(model.parameters).toEqual(valuation);
    for (const [column, value] of [['bgnbd_r', fit.bgnbd.r], ['bgnbd_alpha', fit.bgnbd.alpha], ['bgnbd_a', fit.bgnbd.a], ['bgnbd_b', fit.bgnbd.b],
      ['bgnbd_log_likelihood', fit.bgnbd.logLikelihood], ['gg_p', fit.gammaGamma.p], ['gg_q', fit.gammaGamma.q], ['gg_v', fit.gammaGamma.v],
      ['frequency_monetary_correlation', fit.gammaGamma.frequencyMonetaryCorrelation]] as const) {
      expect([column, model[column]]).toEqual([column, expect.closeTo(value, 6)]);
    }
    const stored = new Map((await rowsOf('customer_value', ['customer_id'])).map((r) => [r.customer_id, r]));
    const expected = customerValues(summaries.map((s) => ({ ...s, totalSpend: 0, acquisitionCost: 0 })),
      { bgnbd: { r: model.bgnbd_r, alpha: model.bgnbd_alpha, a: model.bgnbd_a, b: model.bgnbd_b }, gammaGamma: { p: model.gg_p, q: model.gg_q, v: model.gg_v } },
      valuation);
    expect(stored.size).toBe(expected.length);
    for (const [i, s] of summaries.entries()) {
      const row = stored.get(s.customerId);
      const e = expected[i];
      expect([s.customerId, row.frequency, row.recency, row.age, row.monetary_value]).toEqual([s.customerId, s.frequency, expect.closeTo(s.recency, 12), expect.closeTo(s.T, 12), expect.closeTo(s.monetaryValue, 9)]);
      expect([s.customerId, row.expected_purchases, row.p_alive, row.expected_spend, row.clv, row.churn_risk, row.gap_ratio]).toEqual([
        s.customerId, expect.closeTo(e.expectedPurchases!, 9), expect.closeTo(e.pAlive!, 9), expect.closeTo(e.expectedSpend!, 9), expect.closeTo(e.clv!, 9), e.churn.band,
        e.churn.gapRatio === null ? null : expect.closeTo(e.churn.gapRatio, 9),
      ]);
    }
  });

  it('re-running the activity replaces its rows: the same counts, no duplicates', async () => {
    const count = async (table: string) => Number((await harness.db(table).where({ run_id: RUN_ID }).count<{ n: string }[]>({ n: '*' }))[0].n);
    const before = await Promise.all(VALUE_TABLES.map(count));
    // value_models, customer_value, acquisition_costs (3 hand cells + the web months), survey_scores (1 + 4 + 4 + 3), segment_profitability (4 + 4)
    expect(before).toEqual([1, SUMMARIES.length, expect.any(Number), 12, 8]);
    await valueCustomers();
    expect(await Promise.all(VALUE_TABLES.map(count))).toEqual(before);
  });
});
