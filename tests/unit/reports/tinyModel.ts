/**
 * Hand-made report models the workbook tests build from — a tiny one (one customer, one
 * segment, no optional stages) and a full one (every section, details that add up to its
 * KPIs, source text that looks like formulas) — and reading a workbook back.
 */
import ExcelJS from 'exceljs';
import { buildKpis, KPI_DEFINITIONS, type KpiValues } from '../../../reports/kpis';
import type { ReportModel } from '../../../reports/model';
import type { CustomerRow } from '../../../reports/model/customers';
import type { CustomerBasedPoint, ForecastPoint } from '../../../reports/model/forecast';
import type { VoiceSection, VoiceWarningRow } from '../../../reports/model/voice';

export const FORMULA_LIKE = '=HYPERLINK("http://x.test","click")';

export function tinyModel(): ReportModel {
  const kpis = Object.fromEntries(Object.keys(KPI_DEFINITIONS).map((k) => [k, 1])) as KpiValues;
  return {
    run: { runId: 'run-2024-12-31', asOf: '2024-12-31', status: 'running', timeZone: 'Asia/Shanghai' },
    previousRun: null,
    kpis: buildKpis({ ...kpis, net_revenue: 2100 }, null),
    warnings: [],
    segments: [{ segment: 'new', name: { zh: '新客户', en: 'New' }, customers: 1, customerShare: 1, revenue: 300, revenueShare: 1, medianRecencyDays: 11, medianFrequency: 1, medianMonetary: 300 }],
    groups: [{ group: 'growth_potential', name: { zh: '增长潜力', en: 'Growth potential' }, customers: 1, customerShare: 1, revenue: 300, revenueShare: 1 }],
    personas: [],
    crossTabs: [],
    customers: [{
      customerId: FORMULA_LIKE, rfmSegment: { zh: '新客户', en: 'New' }, r: 5, f: 1, m: 3, group: { zh: '增长潜力', en: 'Growth potential' },
      lifecycle: { zh: '新客', en: 'New' }, valueTier: { zh: '低价值', en: 'Low value' }, tags: ['new'], recencyDays: 11, frequency: 1,
      monetary: 300, averageOrderValue: 300, firstOrderDate: '2024-12-20', lastOrderDate: '2024-12-20', topChannel: 'app', topCategory: '+SUM(1,2)', city: '深圳', ageBand: 'unknown', clv: 1234.5, pAlive: 0.8, churnRisk: 'low',
    }],
    customersTotal: 1,
    customersLimit: 5000,
    rfmGrid: [{ r: 5, f: 1, customers: 1, revenue: 300 }],
    dataQuality: { sources: [], rules: [], quarantineTotal: 0, quarantineSample: [] },
    revenueHistory: [],
    forecast: null,
    value: null,
    voice: null,
    segmentInsights: { clustering: null, migration: null, categoryAffinity: [], productAffinity: [] },
    notComputed: ['forecast', 'value', 'voice'],
  };
}

const customerWarning = (id: string): VoiceWarningRow => ({ kind: 'high_value_negative', subject: id, detail: `${id} negative`, value: 1, previous: null });

/** A voice section with a keyword per month and per segment, seven high-value customers turning negative and one rising segment. */
export function voiceSection(): VoiceSection {
  return {
    comments: 10, negative: 4, negativeShare: 0.4, meanScore: 0.55,
    byLanguage: [{ key: 'zh', comments: 8, negative: 4, negativeShare: 0.5 }, { key: 'en', comments: 2, negative: 0, negativeShare: 0 }],
    bySource: [{ key: 'review', comments: 6, negative: 3, negativeShare: 0.5 }, { key: 'survey', comments: 4, negative: 1, negativeShare: 0.25 }],
    topics: [
      { grouping: 'all', groupKey: 'all', period: 'all', kind: 'complaint', rank: 2, term: '物流', weight: 0.5, comments: 2 },
      { grouping: 'all', groupKey: 'all', period: 'all', kind: 'complaint', rank: 1, term: '质量差', weight: 0.8, comments: 3 },
      { grouping: 'all', groupKey: 'all', period: 'all', kind: 'praise', rank: 1, term: '好用', weight: 0.9, comments: 4 },
      { grouping: 'month', groupKey: '2024-12', period: '2024-12', kind: 'complaint', rank: 1, term: '退货', weight: 0.7, comments: 1 },
      { grouping: 'segment', groupKey: 'champions', period: 'all', kind: 'praise', rank: 1, term: 'quality', weight: 0.6, comments: 2 },
    ],
    segments: [
      { segment: 'at_risk', name: { zh: '有流失风险', en: 'At risk' }, comments: 5, negativeShare: 0.45, previousShare: 0.3 },
      { segment: 'champions', name: { zh: '冠军客户', en: 'Champions' }, comments: 5, negativeShare: 0.2, previousShare: null },
    ],
    previousRunId: 'run-2024-11-30',
    tagCounts: [{ tag: 'promoter', customers: 3 }, { tag: 'detractor', customers: 2 }, { tag: 'negative_voice', customers: 1 }, { tag: 'social_influencer', customers: 0 }, { tag: 'silent', customers: 7 }],
    warnings: [
      ...['C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7'].map(customerWarning),
      { kind: 'negative_share_rise', subject: 'at_risk', detail: 'rose', value: 0.45, previous: 0.3 },
    ],
  };
}

/** Source text that a spreadsheet would run as a formula if it were written as one. */
export const FORMULA_LIKE_CHANNEL = '=cmd|\' /C calc\'!A0';
export const FORMULA_LIKE_KEYWORD = '+1+1';

const point = (seriesId: string, period: string, periodStart: string, value: number, step: number | null = null, spread = 0): ForecastPoint => ({
  seriesId, period, periodStart, kind: step === null ? 'actual' : 'forecast', step, value,
  lo80: step === null ? null : value - spread, hi80: step === null ? null : value + spread,
  lo95: step === null ? null : value - 2 * spread, hi95: step === null ? null : value + 2 * spread,
  outlierOrders: step === null ? 0 : null, outlierValue: step === null ? 0 : null,
});

const customerBased = (member: string, period: string, periodStart: string, step: number, value: number, spread: number): CustomerBasedPoint => ({
  frequency: 'month', member, period, periodStart, step, customers: member === '' ? 4 : 2, expectedPurchases: value / 100, spendPerPurchase: 100,
  value, lo80: value - spread, hi80: value + spread, lo95: value - 2 * spread, hi95: value + 2 * spread,
});

/** Customer `i` of a longer list (for a Customers sheet that prints on several pages). */
function customer(i: number): CustomerRow {
  const id = `C${String(i).padStart(5, '0')}`;
  return {
    customerId: id, rfmSegment: { zh: '冠军客户', en: 'Champions' }, r: 5, f: 4, m: 5, group: { zh: '高价值', en: 'High value' },
    lifecycle: { zh: '活跃', en: 'Active' }, valueTier: { zh: '高价值', en: 'High value' }, tags: ['promoter'], recencyDays: 3, frequency: 9,
    monetary: 10_000 - i, averageOrderValue: 800, firstOrderDate: '2024-01-02', lastOrderDate: '2024-12-28', topChannel: 'app', topCategory: '服饰',
    city: '上海', ageBand: '25-34', clv: 5000, pAlive: 0.9, churnRisk: 'low',
  };
}

/**
 * Every section filled: three months of revenue (2,100 in 5 orders), four customers in three
 * groups (one at churn risk), two sources (11 rows read, 1 quarantined), monthly and weekly
 * total forecasts with their bands, CAC for two channels (one named like a formula), NPS for
 * three months, and `customers` extra rows on the Customers sheet.
 */
export function fullModel(customers = 0): ReportModel {
  const tiny = tinyModel();
  const current: KpiValues = {
    net_revenue: 2100, revenue_28d: 400, orders: 5, average_order_value: 420, customers: 4, active_customers: 3,
    churn_risk_customers: 1, rows_read: 11, rows_quarantined: 1, quarantine_rate: 1 / 11,
  };
  const previous: KpiValues = { ...current, net_revenue: 1600, orders: 4, average_order_value: 400, customers: 3, churn_risk_customers: 0 };
  return {
    ...tiny,
    previousRun: { runId: 'run-2024-11-30', asOf: '2024-11-30' },
    kpis: buildKpis(current, previous),
    groups: [
      { group: 'growth_potential', name: { zh: '增长潜力', en: 'Growth potential' }, customers: 2, customerShare: 0.5, revenue: 1500, revenueShare: 1500 / 2100 },
      { group: 'churn_risk', name: { zh: '流失风险', en: 'Churn risk' }, customers: 1, customerShare: 0.25, revenue: 300, revenueShare: 300 / 2100 },
      { group: 'high_value', name: { zh: '高价值', en: 'High value' }, customers: 1, customerShare: 0.25, revenue: 300, revenueShare: 300 / 2100 },
    ],
    customers: [...tiny.customers, ...Array.from({ length: customers }, (_, i) => customer(i + 1))],
    customersTotal: tiny.customersTotal + customers,
    dataQuality: {
      sources: [
        { source: 'crm', entity: 'customers', read: 4, afterAsOf: 0, accepted: 4, quarantined: 0 },
        { source: 'orders', entity: 'order_lines', read: 7, afterAsOf: 0, accepted: 6, quarantined: 1 },
      ],
      rules: [{ entity: 'order_lines', source: 'orders', rule: 'unknown_customer', description: { zh: '未知客户', en: 'Unknown customer' }, action: 'quarantined', rows: 1 }],
      quarantineTotal: 1,
      quarantineSample: [{ entity: 'order_lines', source: 'orders', rowNo: 7, reason: 'unknown_customer', column: 'customer_id', detail: null, raw: '{"customer_id":"=HYPERLINK(1)"}' }],
    },
    revenueHistory: [
      { month: '2024-10', revenue: 1000, orders: 2, customers: 2 },
      { month: '2024-11', revenue: 700, orders: 1, customers: 1 },
      { month: '2024-12', revenue: 400, orders: 2, customers: 2 },
    ],
    forecast: {
      series: [
        { seriesId: 'month:total', frequency: 'month', measure: 'revenue', dimension: 'total', member: '', periods: 2, lastPeriod: '2024-11', chosen: 'naive', model: 'naive', reason: 'naive: the only candidate', backtestOrigins: 1, notes: [], partialPeriod: '2024-12', partialValue: 400 },
        { seriesId: 'week:total', frequency: 'week', measure: 'revenue', dimension: 'total', member: '', periods: 3, lastPeriod: '2024-W52', chosen: 'naive', model: 'naive', reason: 'naive: the only candidate', backtestOrigins: 1, notes: [], partialPeriod: null, partialValue: null },
      ],
      points: [
        // October's net revenue of 1,000 holds one outlier order of 400, left out of the modelled 600.
        { ...point('month:total', '2024-10', '2024-10-01', 600), outlierOrders: 1, outlierValue: 400 }, point('month:total', '2024-11', '2024-11-01', 700),
        point('month:total', '2024-12', '2024-12-01', 700, 1, 100), point('month:total', '2025-01', '2025-01-01', 700, 2, 150),
        point('week:total', '2024-W50', '2024-12-09', 200), point('week:total', '2024-W51', '2024-12-16', 150), point('week:total', '2024-W52', '2024-12-23', 180),
        point('week:total', '2025-W01', '2024-12-30', 180, 1, 40), point('week:total', '2025-W02', '2025-01-06', 180, 2, 60),
      ],
      scores: [
        { seriesId: 'month:total', candidate: 'naive', chosen: true, mase: 0.9, smape: 20, bias: 1, coverage80: 0.8, coverage95: 1 },
        { seriesId: 'month:total', candidate: 'customer-based', chosen: false, mase: 1.2, smape: 25, bias: -40, coverage80: 0.5, coverage95: 1 },
      ],
      trackRecord: [],
      // December's days after the as-of day and January, for all customers and one group.
      customerBased: [
        customerBased('', '2024-12', '2024-12-01', 1, 250, 50), customerBased('', '2025-01', '2025-01-01', 2, 650, 120),
        customerBased('growth_potential', '2024-12', '2024-12-01', 1, 200, 40), customerBased('growth_potential', '2025-01', '2025-01-01', 2, 500, 100),
      ],
    },
    value: {
      model: { timeUnit: 'week', customers: 4, repeatCustomers: 2, fitted: true, skipReason: null, bgnbd: { r: 0.2, alpha: 4, a: 0.8, b: 2.4, logLikelihood: -20.5, converged: true, iterations: 40, gradientNorm: 1e-7, uniqueRows: 4 },
        gammaGamma: { p: 6, q: 4, v: 15, logLikelihood: -8.25, converged: true, iterations: 30, gradientNorm: 1e-7 }, frequencyMonetaryCorrelation: 0.1 },
      acquisitionCosts: [
        { channel: FORMULA_LIKE_CHANNEL, period: '2024-11', spend: 30, newCustomers: 3, cac: 10, flag: null },
        { channel: 'app', period: '2024-11', spend: 100, newCustomers: 2, cac: 50, flag: null },
        { channel: 'app', period: '2024-12', spend: 50, newCustomers: 0, cac: null, flag: 'no_new_customers' },
      ],
      surveyScores: [
        { grouping: 'month', key: '2024-10', npsResponses: 10, nps: 10, npsSmallSample: false, csatResponses: 10, csat: 80, csatSmallSample: false },
        { grouping: 'overall', key: 'all', npsResponses: 30, nps: 15, npsSmallSample: false, csatResponses: 30, csat: 82, csatSmallSample: false },
        { grouping: 'month', key: '2024-12', npsResponses: 10, nps: -5, npsSmallSample: false, csatResponses: 10, csat: 75, csatSmallSample: false },
        { grouping: 'month', key: '2024-11', npsResponses: 10, nps: 20, npsSmallSample: false, csatResponses: 10, csat: 90, csatSmallSample: false },
      ],
      profitability: [{ grouping: 'rfm_segment', segment: 'champions', transactions: 5, averageProfitPerTransaction: 84, marketingCost: 30, grossProfit: 420, netProfit: 390, marketingRoi: 13 }],
      clv: [10, 20, 30, 250],
      clvKind: 'probabilistic',
    },
    voice: { ...voiceSection(), topics: [...voiceSection().topics, { grouping: 'month', groupKey: '2024-12', period: '2024-12', kind: 'complaint', rank: 2, term: FORMULA_LIKE_KEYWORD, weight: 0.2, comments: 1 }] },
    notComputed: [],
  };
}

export async function readBack(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  return workbook;
}
