/**
 * The report's charts as Vega-Lite specs, built from the report model (pure). A chart whose
 * data the run does not have is left out rather than drawn empty.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Bilingual } from '../../analytics/segment/bilingual';
import { cacByChannel as channelCacs, clvHistogram, npsByMonth, TOTAL_REVENUE_SERIES } from '../figures';
import { both } from '../labels';
import type { ReportModel } from '../model';

export type ChartKey = 'revenue_history' | 'segments' | 'rfm_heatmap' | 'clv_distribution' | 'cac_by_channel' | 'nps_trend';

export interface ChartSpec {
  key: ChartKey;
  title: Bilingual;
  spec: TopLevelSpec;
}

const WIDTH = 560;

/** Monthly actuals with the forecast and its 80% / 95% bands. */
function revenueForecast(model: ReportModel): ChartSpec | null {
  const points = model.forecast?.points.filter((p) => p.seriesId === TOTAL_REVENUE_SERIES.month) ?? [];
  if (!points.some((p) => p.kind === 'forecast')) return null;
  const title = { zh: '月度净收入与预测（80% / 95% 区间）', en: 'Monthly net revenue and forecast (80% / 95% intervals)' };
  const values = points.map((p) => ({ start: p.periodStart, kind: p.kind === 'actual' ? '实际（不含异常订单） Actual, outliers left out' : '预测 Forecast', value: p.value, lo80: p.lo80, hi80: p.hi80, lo95: p.lo95, hi95: p.hi95 }));
  const x = { field: 'start', type: 'temporal' as const, title: '月份 Month', axis: { format: '%Y-%m' } };
  const band = (lo: string, hi: string, opacity: number) => ({
    transform: [{ filter: `datum.${lo} != null` }],
    mark: { type: 'area' as const, color: '#f58518', opacity },
    encoding: { x, y: { field: lo, type: 'quantitative' as const }, y2: { field: hi } },
  });
  return {
    key: 'revenue_history',
    title,
    spec: {
      title: both(title),
      width: WIDTH,
      height: 240,
      data: { values },
      layer: [
        band('lo95', 'hi95', 0.15),
        band('lo80', 'hi80', 0.3),
        {
          mark: { type: 'line', point: true },
          encoding: {
            x,
            y: { field: 'value', type: 'quantitative', title: '净收入 Net revenue (¥)', axis: { format: '~s' } },
            color: { field: 'kind', type: 'nominal', title: null, scale: { range: ['#4c78a8', '#f58518'] }, legend: { orient: 'bottom' } },
          },
        },
      ],
    },
  };
}

function revenueHistory(model: ReportModel): ChartSpec | null {
  const withForecast = revenueForecast(model);
  if (withForecast) return withForecast;
  if (model.revenueHistory.length === 0) return null;
  const title = { zh: '月度净收入', en: 'Monthly net revenue' };
  return {
    key: 'revenue_history',
    title,
    spec: {
      title: both(title),
      width: WIDTH,
      height: 220,
      data: { values: model.revenueHistory.map((m) => ({ month: m.month, revenue: m.revenue })) },
      mark: { type: 'line', point: true },
      encoding: {
        x: { field: 'month', type: 'temporal', timeUnit: 'yearmonth', title: '月份 Month', axis: { format: '%Y-%m' } },
        y: { field: 'revenue', type: 'quantitative', title: '净收入 Net revenue (¥)', axis: { format: '~s' } },
      },
    },
  };
}

function segments(model: ReportModel): ChartSpec | null {
  if (model.segments.length === 0) return null;
  const title = { zh: '各细分客户数与收入占比', en: 'Segment share of customers and of revenue' };
  const values = model.segments.flatMap((s) => [
    { segment: both(s.name), measure: '客户占比 Customers', share: s.customerShare },
    { segment: both(s.name), measure: '收入占比 Revenue', share: s.revenueShare },
  ]);
  return {
    key: 'segments',
    title,
    spec: {
      title: both(title),
      width: WIDTH - 160,
      height: 300,
      data: { values },
      mark: 'bar',
      encoding: {
        y: { field: 'segment', type: 'nominal', title: null, sort: model.segments.map((s) => both(s.name)) },
        yOffset: { field: 'measure' },
        x: { field: 'share', type: 'quantitative', title: '占比 Share', axis: { format: '.0%' } },
        color: { field: 'measure', type: 'nominal', title: null, legend: { orient: 'bottom' } },
      },
    },
  };
}

function rfmHeatmap(model: ReportModel): ChartSpec | null {
  if (model.rfmGrid.length === 0) return null;
  const title = { zh: 'RFM 热力图（客户数）', en: 'RFM heat map (customers)' };
  return {
    key: 'rfm_heatmap',
    title,
    spec: {
      title: both(title),
      width: 300,
      height: 300,
      data: { values: model.rfmGrid },
      encoding: {
        x: { field: 'f', type: 'ordinal', title: '频次得分 F score' },
        y: { field: 'r', type: 'ordinal', title: '最近购买得分 R score', sort: 'descending' },
      },
      layer: [
        { mark: 'rect', encoding: { color: { field: 'customers', type: 'quantitative', title: '客户 Customers', scale: { scheme: 'greens' } } } },
        { mark: { type: 'text', fontSize: 11 }, encoding: { text: { field: 'customers', type: 'quantitative', format: ',' } } },
      ],
    },
  };
}

function clvDistribution(model: ReportModel): ChartSpec | null {
  const bins = clvHistogram(model.value?.clv ?? []);
  if (!model.value || bins.length === 0) return null;
  const title = { zh: '客户终身价值分布', en: 'CLV distribution' };
  const method = model.value.clvKind === 'probabilistic' ? 'BG/NBD × Gamma-Gamma' : '财务简式 finance formula';
  return {
    key: 'clv_distribution',
    title,
    spec: {
      title: both(title),
      width: 420,
      height: 200,
      data: { values: bins.map((b) => ({ from: b.from, to: b.to, customers: b.count })) },
      mark: 'bar',
      encoding: {
        x: { field: 'from', type: 'quantitative', bin: 'binned', title: `CLV (¥, ${method})`, axis: { format: '~s' } },
        x2: { field: 'to' },
        y: { field: 'customers', type: 'quantitative', title: '客户 Customers' },
      },
    },
  };
}

/** CAC per channel over all periods: total spend ÷ total new customers. */
function cacByChannel(model: ReportModel): ChartSpec | null {
  const values = channelCacs(model.value?.acquisitionCosts ?? []).map(({ channel, cac }) => ({ channel, cac }));
  if (values.length === 0) return null;
  const title = { zh: '各渠道获客成本', en: 'CAC by channel' };
  return {
    key: 'cac_by_channel',
    title,
    spec: {
      title: both(title),
      width: 420,
      height: 200,
      data: { values },
      mark: 'bar',
      encoding: {
        x: { field: 'channel', type: 'nominal', title: '渠道 Channel', sort: '-y', axis: { labelAngle: 0 } },
        y: { field: 'cac', type: 'quantitative', title: 'CAC (¥)' },
      },
    },
  };
}

function npsTrend(model: ReportModel): ChartSpec | null {
  const values = npsByMonth(model.value?.surveyScores ?? []).map((s) => ({ month: s.key, nps: s.nps }));
  if (values.length === 0) return null;
  const title = { zh: '月度 NPS', en: 'NPS by month' };
  return {
    key: 'nps_trend',
    title,
    spec: {
      title: both(title),
      width: 420,
      height: 200,
      data: { values },
      mark: { type: 'line', point: true },
      encoding: {
        x: { field: 'month', type: 'temporal', timeUnit: 'yearmonth', title: '月份 Month', axis: { format: '%Y-%m' } },
        y: { field: 'nps', type: 'quantitative', title: 'NPS' },
      },
    },
  };
}

export function chartSpecs(model: ReportModel): ChartSpec[] {
  return [revenueHistory(model), segments(model), rfmHeatmap(model), clvDistribution(model), cacByChannel(model), npsTrend(model)]
    .filter((c): c is ChartSpec => c !== null);
}
