/**
 * The report's charts as Vega-Lite specs, built from the report model (pure). A chart whose
 * data the run does not have is left out rather than drawn empty.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Bilingual } from '../../analytics/segment/bilingual';
import { both } from '../labels';
import type { ReportModel } from '../model';

export type ChartKey = 'revenue_history' | 'segments' | 'rfm_heatmap';

export interface ChartSpec {
  key: ChartKey;
  title: Bilingual;
  spec: TopLevelSpec;
}

const WIDTH = 560;

function revenueHistory(model: ReportModel): ChartSpec | null {
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

export function chartSpecs(model: ReportModel): ChartSpec[] {
  return [revenueHistory(model), segments(model), rfmHeatmap(model)].filter((c): c is ChartSpec => c !== null);
}
