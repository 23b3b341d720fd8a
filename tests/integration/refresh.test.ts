/**
 * The refresh workflow on a real Temporal dev server and PostgreSQL, over a hand-made
 * fixture whose every row's fate is known: which rows are accepted, fixed, netted or
 * quarantined and why. Expected numbers are worked out in the comments beside the rows.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WorkflowFailedError } from '@temporalio/client';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { readFeatures } from '../../activities/segment';
import { parseSourceConfig, type SourceConfig } from '../../config/sources';
import { refreshWorkflowId, startRefresh } from '../../scripts/lib/refresh';
import { openHarness, withWorker, type Harness } from '../support/pipeline';

const AS_OF = '2024-12-31';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'refresh-fixture-'));

function writeFixture(): void {
  // UTF-8 with BOM, English headers. C4 signs up after the as-of date.
  fs.writeFileSync(path.join(dir, 'customers.csv'), '\uFEFF' + [
    'customer_id,name,phone,gender,birthday,city,signup',
    'C1,张三,+86 138-0013-8000,男,1990-05-01,北京市,2023-01-05', // accepted
    'C2,李四,13900139000,F,1985/3/2,Shanghai,2023/2/1', // accepted
    'C3,王五,,1,,未知城,2023-03-01', // accepted, unknown city
    'C3,dup,,,,,2023-03-01', // duplicate_key
    ',nobody,,,,,2023-01-01', // missing_customer_id
    'C4,future,,,,,2026-12-01', // after as-of: not read
  ].join('\n'));
  // GBK with Chinese headers: the store export.
  const orders = [
    '订单号,行号,客户编号,下单时间,渠道,商品编号,品类,数量,金额,状态',
    'O1,1,C1,2024-01-05 10:00,门店,P1,服饰,1,"￥1,299.00",paid', // sale 1299
    'O1,1,C1,2024-01-05 10:00,门店,P1,服饰,1,"￥1,299.00",paid', // exact_duplicate
    'O2,1,C1,2024-01-05 10:04,门店,P1,服饰,1,1299,paid', // near_duplicate (4 minutes later)
    'O3,1,C2,2024年2月1日 12:30,APP,P2,美妆,２,５９８,paid', // sale 598 (full-width, Chinese date)
    'O3,1,C2,2024/2/10 09:00,APP,P2,美妆,-1,-299,退货', // return netted: O3 net 299
    'O4,1,,2024-03-01 08:00,web,P3,数码,1,100,paid', // missing_customer_id
    'O5,1,C9,2024-03-01 08:00,web,P3,数码,1,100,paid', // unknown_customer
    'O6,1,C2,2024-13-01,web,P3,数码,1,100,paid', // invalid_date
    'O7,1,C2,2024-03-02 08:00,web,P3,数码,1,abc,paid', // invalid_amount
    'O8,1,C3,2024-04-01 08:00,小程序,P4,食品,1,50,paid', // sale 50
    'O9,1,C3,2024-04-01 08:00,web,P4,食品,1,-50,退货', // return_without_sale
    'O10,1,C1,2025-03-01 08:00,web,P1,服饰,1,10,paid', // after as-of: not read
  ].join('\r\n');
  fs.writeFileSync(path.join(dir, 'orders_gbk.csv'), iconv.encode(orders, 'gbk'));
  fs.writeFileSync(path.join(dir, 'surveys.csv'), [
    'response_id,customer_id,answered_at,nps,csat,comment',
    'R1,C1,2024-02-01 09:00,10,5,很好', // accepted
    'R2,C2,2024-02-02 09:00,11,3,bad', // invalid_score
    'R3,C9,2024-02-03 09:00,3,2,差', // unknown_customer
  ].join('\n'));
}

async function writeMarketingWorkbook(): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('投放');
  sheet.addRow(['月份', '渠道', '投放金额', '新客数']);
  sheet.addRow(['2024-01', 'APP', '¥10,000', 5]); // accepted
  sheet.addRow(['2024-01', '门店', 8000, 4]); // accepted
  sheet.addRow(['2024-01', 'app', 1, 1]); // duplicate_key (app, 2024-01)
  sheet.addRow(['2025-01', 'app', 1, 1]); // after as-of
  await workbook.xlsx.writeFile(path.join(dir, 'marketing.xlsx'));
}

function fixtureConfig(ordersColumns?: Record<string, string>): SourceConfig {
  return parseSourceConfig({
    timezone: 'Asia/Shanghai',
    sources: [
      { name: 'crm_customers', kind: 'csv', entity: 'customers', path: path.join(dir, 'customers.csv'), dateFormats: ['iso', 'yyyy/M/d'],
        columns: { customer_id: 'customer_id', name: 'name', phone: 'phone', gender: 'gender', birthday: 'birth_date', city: 'city', signup: 'signup_at' } },
      { name: 'store_orders', kind: 'csv', entity: 'order_lines', path: path.join(dir, 'orders_gbk.csv'), encoding: 'auto', dateFormats: ['iso', 'cn', 'yyyy/M/d'],
        columns: ordersColumns ?? { 订单号: 'order_id', 行号: 'line_no', 客户编号: 'customer_id', 下单时间: 'ordered_at', 渠道: 'channel', 商品编号: 'product_id', 品类: 'category', 数量: 'quantity', 金额: 'amount', 状态: 'status' } },
      { name: 'marketing', kind: 'xlsx', entity: 'marketing_spend', path: path.join(dir, 'marketing.xlsx'),
        columns: { 月份: 'month', 渠道: 'channel', 投放金额: 'spend', 新客数: 'new_customers' } },
      { name: 'surveys', kind: 'csv', entity: 'survey_responses', path: path.join(dir, 'surveys.csv'),
        columns: { response_id: 'response_id', customer_id: 'customer_id', answered_at: 'answered_at', nps: 'nps', csat: 'csat', comment: 'comment' } },
    ],
  });
}

let harness: Harness;
beforeAll(async () => {
  writeFixture();
  await writeMarketingWorkbook();
  harness = await openHarness('test-refresh');
});
afterAll(() => harness.close());

async function refreshOnce(config: SourceConfig, asOf = AS_OF) {
  const handle = await startRefresh(harness.client, harness.config, { asOf, sourceConfig: config });
  return handle.result();
}

async function countsOf(runId: string) {
  const count = async (table: string) => Number((await harness.db(table).where({ run_id: runId }).count<{ n: string }[]>({ n: '*' }))[0].n);
  return {
    customers: await count('clean_customers'),
    lines: await count('clean_order_lines'),
    orders: await count('clean_orders'),
    spend: await count('clean_marketing_spend'),
    surveys: await count('clean_survey_responses'),
    quarantine: await count('quarantine'),
    dq: await count('dq_summary'),
    profiles: await count('customer_profiles'),
    segments: await count('customer_segments'),
    personas: await count('segment_personas'),
    crosstabs: await count('segment_crosstabs'),
    affinity: await count('product_affinity'),
    values: await count('customer_value'),
    forecastPoints: await count('forecast_points'),
  };
}

describe('refresh workflow on the fixture', () => {
  it('accounts for every row and applies every rule', async () => {
    const result = await withWorker(harness, () => refreshOnce(fixtureConfig()));
    const runId = result.runId;
    const bySource = Object.fromEntries(result.extracted.map((e) => [e.source, e]));
    expect(bySource.crm_customers).toMatchObject({ read: 5, afterAsOf: 1 });
    expect(bySource.store_orders).toMatchObject({ read: 11, afterAsOf: 1 });
    expect(bySource.marketing).toMatchObject({ read: 3, afterAsOf: 1 });
    const byEntity = Object.fromEntries(result.cleaned.map((c) => [c.entity, c]));
    expect(byEntity.customers).toMatchObject({ read: 5, accepted: 3, quarantined: 2 });
    expect(byEntity.order_lines).toMatchObject({ read: 11, accepted: 4, quarantined: 7 });
    expect(byEntity.marketing_spend).toMatchObject({ read: 3, accepted: 2, quarantined: 1 });
    expect(byEntity.survey_responses).toMatchObject({ read: 3, accepted: 1, quarantined: 2 });

    const reasons = await harness.db('quarantine').where({ run_id: runId, entity: 'order_lines' }).select('reason', 'detail').orderBy('row_no');
    expect(reasons.map((r) => r.reason)).toEqual(['exact_duplicate', 'near_duplicate', 'missing_customer_id', 'unknown_customer', 'invalid_date', 'invalid_amount', 'return_without_sale']);
    const invalidDate = reasons.find((r) => r.reason === 'invalid_date');
    expect(invalidDate.detail).toContain('orders_gbk.csv line 9');
    expect(invalidDate.detail).toContain('下单时间');

    const orders = await harness.db('clean_orders').where({ run_id: runId }).select('order_id', 'gross_amount', 'returned_amount', 'net_amount').orderBy('order_id');
    expect(orders.map((o) => [o.order_id, Number(o.gross_amount), Number(o.returned_amount), Number(o.net_amount)])).toEqual([
      ['O1', 1299, 0, 1299], ['O3', 598, 299, 299], ['O8', 50, 0, 50],
    ]);
    const c1 = await harness.db('clean_customers').where({ run_id: runId, customer_id: 'C1' }).first();
    expect(c1).toMatchObject({ gender: 'M', city: '北京', region: 'north', city_tier: '1', age_band: '25-34' });
    expect(JSON.stringify(c1)).not.toContain('张三');

    const rules = Object.fromEntries((await harness.db('dq_summary').where({ run_id: runId, source: 'store_orders' }).select('rule', 'rows')).map((r) => [r.rule, Number(r.rows)]));
    // Fixes are counted per standardized row: O1 and its exact duplicate both had "￥1,299.00".
    expect(rules).toMatchObject({ fullwidth_digits: 1, currency_symbol: 2, thousands_separator: 2, return_netted: 1, exact_duplicate: 1, near_duplicate: 1 });

    const run = await harness.db('runs').where({ run_id: runId }).first();
    expect(run.status).toBe('succeeded');
    expect(run.source_counts.store_orders).toEqual({ entity: 'order_lines', read: 11, afterAsOf: 1, extracted: 12, fromStore: 0, accepted: 4, quarantined: 7 });

    // Profiles, as of the end of 2024-12-31 in Asia/Shanghai (2024-12-31T16:00Z), from the
    // three orders above (none is an outlier): recency = tenure = days from the one order.
    const profiles = await harness.db('customer_profiles').where({ run_id: runId }).orderBy('customer_id');
    expect(profiles.map((p) => ({
      customer_id: p.customer_id, frequency: p.frequency, monetary: Number(p.monetary), avg_order_value: Number(p.avg_order_value),
      mean_interpurchase_days: p.mean_interpurchase_days, top_channel: p.top_channel, top_category: p.top_category,
    }))).toEqual([
      { customer_id: 'C1', frequency: 1, monetary: 1299, avg_order_value: 1299, mean_interpurchase_days: null, top_channel: 'store', top_category: '服饰' },
      // O3: sale 598 less the 299 return; category / channel shares count the sale line only.
      { customer_id: 'C2', frequency: 1, monetary: 299, avg_order_value: 299, mean_interpurchase_days: null, top_channel: 'app', top_category: '美妆' },
      { customer_id: 'C3', frequency: 1, monetary: 50, avg_order_value: 50, mean_interpurchase_days: null, top_channel: 'mini_program', top_category: '食品' },
    ]);
    // C1: 2024-01-05 10:00+08 (02:00Z) → 361 days 14 h; C2: 2024-02-01 12:30+08 (04:30Z) → 334 days 11.5 h;
    // C3: 2024-04-01 08:00+08 (00:00Z) → 274 days 16 h.
    const expectedDays = [361 + 14 / 24, 334 + 11.5 / 24, 274 + 16 / 24];
    profiles.forEach((p, i) => {
      expect(Number(p.recency_days)).toBeCloseTo(expectedDays[i], 6);
      expect(Number(p.tenure_days)).toBeCloseTo(expectedDays[i], 6);
    });
    expect(result.profiled).toMatchObject({ customers: 3 });
    // The segment stage reads the profiles in keyset batches: two of them here, the same features in the same order as one.
    const features = await readFeatures(harness.db, runId);
    expect(features.map((f) => f.customerId)).toEqual(['C1', 'C2', 'C3']);
    expect(await readFeatures(harness.db, runId, 2)).toEqual(features);
    // Shopping festivals: 2024's windows after each first order hold 30 days (618: 06-01…06-18,
    // Double 11: 11-01…11-11, Double 12) of the 362, 335 and 275 local days up to 2024-12-31; no
    // order falls in one. One sale line per category: each unit price is its category's median
    // (price index 0); C2 bought two units.
    expect(profiles.map((p) => [p.festival_orders, p.festival_exposure, Number(p.price_index), Number(p.units_per_line)])).toEqual([
      [0, 30 / 362, 0, 1], [0, 30 / 335, 0, 2], [0, 30 / 275, 0, 1],
    ]);

    // One segment row per profiled customer. Three customers are too few to cluster: k = 1.
    // R scores ⌈5(b + 1)/3⌉ by recency rank → 2, 4, 5; every F = 2 (all one order).
    const segments = await harness.db('customer_segments').where({ run_id: runId }).orderBy('customer_id');
    expect(segments.map((s) => s.customer_id)).toEqual(profiles.map((p) => p.customer_id));
    for (const s of segments) expect(s.rfm_segment).toEqual(expect.any(String));
    expect(segments.every((s) => s.rfm_segment.length > 0 && s.rfm_segment_zh.length > 0)).toBe(true);
    expect(segments.map((s) => [s.r_score, s.f_score, s.rfm_segment, s.cluster])).toEqual([
      [2, 2, 'hibernating', 0], [4, 2, 'potential_loyalists', 0], [5, 2, 'potential_loyalists', 0],
    ]);
    expect(result.segmented).toMatchObject({ customers: 3, k: 1, silhouette: null, clusteringSkipped: true, seed: 42 });
    const summary = await harness.db('segment_summary').where({ run_id: runId }).orderBy('segment');
    expect(summary.map((x) => [x.segment, x.customers])).toEqual([['hibernating', 1], ['potential_loyalists', 2]]);
    // Value: three one-order customers are too few to fit the models; all three signed up in
    // 2023, before the first order of the data, so none counts as acquired in 2024.
    expect(result.valued).toMatchObject({ customers: 3, repeatCustomers: 0, bgnbd: null, gammaGamma: null });
    const costs = await harness.db('acquisition_costs').where({ run_id: runId }).orderBy(['period', 'channel']);
    expect(costs.map((c) => [c.channel, c.period, Number(c.spend), c.new_customers, c.cac, c.flag])).toEqual([
      ['app', '2024-01', 10000, 0, null, 'no_new_customers'], ['store', '2024-01', 8000, 0, null, 'no_new_customers'],
    ]);
    expect(await harness.db('survey_scores').where({ run_id: runId, grouping: 'overall' }).first()).toMatchObject({ nps_responses: 1, nps: 100, nps_small_sample: true, csat: 100 });
    expect(Object.keys(run.stage_timings)).toEqual(expect.arrayContaining(['voice', 'profile', 'segment', 'value']));

    // Demographics from the customer master; personas per dimension; cross-tabs cover every customer once per attribute.
    expect(profiles.map((p) => p.category_shares)).toEqual([{ 服饰: 1 }, { 美妆: 1 }, { 食品: 1 }]);
    const personas = await harness.db('segment_personas').where({ run_id: runId }).orderBy(['dimension', 'segment']);
    expect(personas.filter((p) => p.dimension === 'rfm_segment').map((p) => [p.segment, p.customers])).toEqual([['hibernating', 1], ['potential_loyalists', 2]]);
    expect(personas.find((p) => p.dimension === 'cluster')).toMatchObject({ segment: 'cluster_0', customers: 3 });
    const crosstabs = await harness.db('segment_crosstabs').where({ run_id: runId }).select('attribute').sum({ n: 'customers' }).groupBy('attribute');
    expect(crosstabs.map((c) => Number(c.n))).toEqual(crosstabs.map(() => 3));
    expect(crosstabs).toHaveLength(6);
    // No earlier run with segments: no migration; three one-line orders: no pairs.
    expect(result.segmentInsights).toMatchObject({ customers: 3, previousRunId: null, movedIntoRisk: 0, affinityPairs: 0 });
    // Monthly revenue, net of returns: O3 598 − 299 in February, O8 50 in April; December is complete on the 31st. The data
    // start on 5 January (O1), so January is only partly covered and left out.
    const monthly = await harness.db('forecast_points').where({ run_id: runId, series_id: 'month:total', kind: 'actual' }).orderBy('period');
    expect(monthly.map((p) => Number(p.value))).toEqual([299, 0, 50, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(monthly.map((p) => p.period)).toEqual(Array.from({ length: 11 }, (_, i) => `2024-${String(i + 2).padStart(2, '0')}`));
    const monthlyForecast = await harness.db('forecast_points').where({ run_id: runId, series_id: 'month:total', kind: 'forecast' }).orderBy('step');
    expect(monthlyForecast.map((p) => p.period)).toEqual(Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, '0')}`));
    expect(result.forecasted?.series).toBeGreaterThanOrEqual(2);

    // Voice: the one accepted survey comment (R1 很好) is scored positive; C1 answered NPS 10
    // (promoter); C2 (its answer quarantined) and C3 bought but never answered or engaged (silent).
    expect(result.voiced).toMatchObject({ comments: 1, negative: 0, customers: 3 });
    const scored = await harness.db('comment_sentiment').where({ run_id: runId }).select('row_id', 'customer_id', 'polarity', 'lang');
    expect(scored).toEqual([{ row_id: 'R1', customer_id: 'C1', polarity: 'positive', lang: 'zh' }]);
    const voiceTags = segments.map((s) => [s.customer_id, s.tags.filter((t: string) => ['promoter', 'detractor', 'negative_voice', 'social_influencer', 'silent'].includes(t))]);
    expect(voiceTags).toEqual([['C1', ['promoter']], ['C2', ['silent']], ['C3', ['silent']]]);
  });

  it('re-running the same period replaces its rows instead of duplicating them', async () => {
    const runId = `run-${AS_OF}`;
    const before = await countsOf(runId);
    await withWorker(harness, () => refreshOnce(fixtureConfig()));
    expect(await countsOf(runId)).toEqual(before);
    const run = await harness.db('runs').where({ run_id: runId }).first();
    expect(run.attempt).toBeGreaterThanOrEqual(2);
  });

  it('fails a run whose source lacks a required column, naming file and column, without retrying', async () => {
    const config = fixtureConfig({ 订单号: 'order_id', 客户编号: 'customer_id', 下单时间: 'ordered_at', 成交金额: 'amount', 行号: 'line_no', 渠道: 'channel', 商品编号: 'product_id', 品类: 'category', 数量: 'quantity', 状态: 'status' });
    const asOf = '2024-06-30';
    const error = await withWorker(harness, () => refreshOnce(config, asOf).then(() => undefined, (e: unknown) => e));
    expect(error).toBeInstanceOf(WorkflowFailedError);
    const run = await harness.db('runs').where({ run_id: `run-${asOf}` }).first();
    expect(run.status).toBe('failed');
    expect(run.error).toContain('orders_gbk.csv');
    expect(run.error).toContain('missing required column "成交金额"');
    const history = await harness.client.workflow.getHandle(refreshWorkflowId(asOf)).fetchHistory();
    const attempts = (history.events ?? []).filter((e) => e.activityTaskStartedEventAttributes).map((e) => e.activityTaskStartedEventAttributes!.attempt ?? 0);
    expect(Math.max(...attempts)).toBe(1);
  });
});
