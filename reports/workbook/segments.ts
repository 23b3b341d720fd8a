/**
 * Segments sheet: RFM segment sizes and revenue with the chart of their shares, customer
 * groups, persona cards, clusters, migration, product affinity, demographic cross-tabs.
 */
import type ExcelJS from 'exceljs';
import { groupName, type CustomerGroup } from '../../analytics/segment/groups';
import { both, TITLES } from '../labels';
import type { ReportModel } from '../model';
import { addDataBar, addHeatScale, addTable, columnRange, columnSum, formula, tableColumnRef, writeTitle, type Formula, type TablePlacement } from './cells';
import { headerCell, numberColumn, PALETTE, textColumn } from './chartData';
import type { ChartDefinition } from './drawingml/chartPart';
import type { PlacedChart } from './drawingml/packageCharts';
import { addSegmentInsights } from './segmentInsights';

const shares = (list: readonly { key: string; share: number }[]) => list.map((s) => `${s.key} ${(s.share * 100).toFixed(0)}%`).join(', ');

/** Customer and revenue shares per segment as horizontal bars, in the table's order. */
function sharesChart(sheet: ExcelJS.Worksheet, table: TablePlacement): ChartDefinition {
  const series = (column: number, color: string) => ({ name: headerCell(sheet, table, column), values: numberColumn(sheet, table, column), color });
  return {
    title: { zh: '各细分客户数与收入占比', en: 'Segment share of customers and of revenue' },
    categories: textColumn(sheet, table, 1),
    categoryAxisTitle: { zh: '细分', en: 'Segment' },
    valueAxisTitle: { zh: '占比', en: 'Share' },
    groups: [{ kind: 'bar', direction: 'horizontal', series: [series(3, PALETTE.blue), series(5, PALETTE.orange)] }],
  };
}

export interface SegmentsSheet {
  /** Null without segments. */
  shares: ChartDefinition | null;
  charts: PlacedChart[];
  /** The KPIs the customer-group table adds up: all customers, and those in the churn-risk group. */
  kpis: { customers?: Formula; churn_risk_customers?: Formula };
}

/** The groups table's sums as formulas over its cells, with the values they compute. */
function groupKpis(sheet: ExcelJS.Worksheet, table: TablePlacement, model: ReportModel): SegmentsSheet['kpis'] {
  const customers = columnSum(sheet, table, 2);
  if (!customers || table.table === undefined) return {};
  const churnRisk: CustomerGroup = 'churn_risk';
  const [names, counts] = [tableColumnRef(table.table, table.headers[0]), tableColumnRef(table.table, table.headers[1])];
  return {
    customers,
    churn_risk_customers: formula(`SUMIF(${names},"${both(groupName(churnRisk))}",${counts})`, model.groups.find((g) => g.group === churnRisk)?.customers ?? 0),
  };
}

export function addSegmentsSheet(sheet: ExcelJS.Worksheet, model: ReportModel): SegmentsSheet {
  let row = writeTitle(sheet, 1, TITLES.segments, 'RFM 五分位得分与命名细分；收入为净收入 · RFM quintile scores and named segments; revenue is net revenue');
  sheet.views = [{ state: 'frozen', ySplit: 2 }];
  const segments = addTable(sheet, { row, name: 'Segments' }, [
    { header: { zh: '细分', en: 'Segment' } },
    { header: { zh: '客户数', en: 'Customers' }, format: 'integer' },
    { header: { zh: '客户占比', en: 'Customer share' }, format: 'percent' },
    { header: { zh: '净收入', en: 'Net revenue' }, format: 'currency' },
    { header: { zh: '收入占比', en: 'Revenue share' }, format: 'percent' },
    { header: { zh: '最近购买天数中位数', en: 'Median recency (days)' }, format: 'decimal' },
    { header: { zh: '购买次数中位数', en: 'Median orders' }, format: 'decimal' },
    { header: { zh: '消费金额中位数', en: 'Median spend' }, format: 'currency' },
  ], model.segments.map((s) => [both(s.name), s.customers, s.customerShare, s.revenue, s.revenueShare, s.medianRecencyDays, s.medianFrequency, s.medianMonetary]));
  addDataBar(sheet, columnRange(sheet, segments, 3));
  addDataBar(sheet, columnRange(sheet, segments, 5), 'FF63BE7B');
  const segmentShares = model.segments.length > 0 ? sharesChart(sheet, segments) : null;

  row = writeTitle(sheet, segments.nextRow, TITLES.groups, '摘要中的客户数与流失风险客户数为本表之和 · the Summary’s customer and churn-risk counts add up this table');
  const groups = addTable(sheet, { row, name: 'CustomerGroups' }, [
    { header: { zh: '客户分组', en: 'Group' } },
    { header: { zh: '客户数', en: 'Customers' }, format: 'integer' },
    { header: { zh: '客户占比', en: 'Customer share' }, format: 'percent' },
    { header: { zh: '净收入', en: 'Net revenue' }, format: 'currency' },
    { header: { zh: '收入占比', en: 'Revenue share' }, format: 'percent' },
  ], model.groups.map((g) => [both(g.name), g.customers, g.customerShare, g.revenue, g.revenueShare]));
  addDataBar(sheet, columnRange(sheet, groups, 3));

  row = writeTitle(sheet, groups.nextRow, TITLES.personas, '每个 RFM 细分一张角色卡：典型值为中位数，品类/渠道为消费占比 · One card per RFM segment: typical values are medians, mixes are shares of spend');
  const personas = addTable(sheet, { row, name: 'Personas' }, [
    { header: { zh: '角色', en: 'Persona' } },
    { header: { zh: '客户数', en: 'Size' }, format: 'integer' },
    { header: { zh: '客户占比', en: 'Customer share' }, format: 'percent' },
    { header: { zh: '收入占比', en: 'Revenue share' }, format: 'percent' },
    { header: { zh: '典型R/F/M', en: 'Typical R/F/M' } },
    { header: { zh: '典型消费', en: 'Typical spend' }, format: 'currency' },
    { header: { zh: '主要品类', en: 'Top categories' }, wrapAt: 18 },
    { header: { zh: '主要渠道', en: 'Top channels' }, wrapAt: 18 },
    { header: { zh: '年龄段', en: 'Age bands' }, wrapAt: 18 },
    { header: { zh: '地区', en: 'Regions' }, wrapAt: 18 },
    { header: { zh: '互动客户占比', en: 'Engaged share' }, format: 'percent' },
    { header: { zh: '平均互动得分', en: 'Mean engagement' }, format: 'decimal' },
    { header: { zh: '平均情感得分', en: 'Mean sentiment' }, format: 'decimal' },
    { header: { zh: '评论客户数', en: 'Commenters' }, format: 'integer' },
    { header: { zh: '建议行动', en: 'Playbook (zh)' }, wrapAt: 30 },
    { header: { zh: '建议行动（英文）', en: 'Playbook (en)' }, wrapAt: 30 },
  ], model.personas.map(({ name, card }) => [
    both(name), card.size, card.customerShare, card.revenueShare,
    card.typical.r === undefined ? null : `${card.typical.r}/${card.typical.f}/${card.typical.m}`,
    card.typical.monetary, shares(card.topCategories), shares(card.topChannels),
    shares(card.demographics.age_band ?? []), shares(card.demographics.region ?? []),
    card.voice?.engagedShare ?? null, card.voice?.meanEngagement ?? null, card.voice?.meanSentiment ?? null, card.voice?.commenters ?? null,
    card.action?.action.zh ?? null, card.action?.action.en ?? null,
  ]));
  row = addSegmentInsights(sheet, personas.nextRow, model.segmentInsights);

  row = writeTitle(sheet, row, TITLES.crossTabs, '客户数 · customer counts');
  model.crossTabs.forEach((crossTab, i) => {
    row = writeTitle(sheet, row, crossTab.title);
    const { table } = crossTab;
    const placed = addTable(sheet, { row, name: `CrossTab${i + 1}` }, [
      { header: { zh: '细分', en: 'Segment' } },
      ...table.columnKeys.map((key) => ({ header: { zh: key, en: key }, format: 'integer' as const })),
      { header: { zh: '合计', en: 'Total' }, format: 'integer' },
    ], table.rowKeys.map((key, r) => [key, ...table.counts[r], table.rowTotals[r]]));
    if (table.columnKeys.length > 0) {
      addHeatScale(sheet, `${sheet.getCell(placed.firstDataRow, 2).address}:${sheet.getCell(placed.lastDataRow, 1 + table.columnKeys.length).address}`);
    }
    row = placed.nextRow;
  });
  const charts: PlacedChart[] = segmentShares ? [{ sheet: sheet.name, at: { row: 1, column: 10 }, width: 560, height: 360, chart: segmentShares }] : [];
  return { shares: segmentShares, charts, kpis: groupKpis(sheet, groups, model) };
}
