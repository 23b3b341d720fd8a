/** Segments sheet: RFM segment sizes and revenue, persona cards, clusters, migration, product affinity, demographic cross-tabs. */
import type ExcelJS from 'exceljs';
import { both, TITLES } from '../labels';
import type { ReportModel } from '../model';
import type { RenderedChart } from '../charts/render';
import { addDataBar, addHeatScale, addTable, columnRange, placeImage, writeTitle } from './cells';
import { addSegmentInsights } from './segmentInsights';

const shares = (list: readonly { key: string; share: number }[]) => list.map((s) => `${s.key} ${(s.share * 100).toFixed(0)}%`).join(', ');

export function addSegmentsSheet(workbook: ExcelJS.Workbook, sheet: ExcelJS.Worksheet, model: ReportModel, charts: readonly RenderedChart[]): void {
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
  const chart = charts.find((c) => c.key === 'segments');
  if (chart) placeImage(workbook, sheet, chart.image, { row: 1, column: 10 }, 520);

  row = writeTitle(sheet, segments.nextRow, TITLES.personas, '每个 RFM 细分一张角色卡：典型值为中位数，品类/渠道为消费占比 · One card per RFM segment: typical values are medians, mixes are shares of spend');
  const personas = addTable(sheet, { row, name: 'Personas' }, [
    { header: { zh: '角色', en: 'Persona' } },
    { header: { zh: '客户数', en: 'Size' }, format: 'integer' },
    { header: { zh: '客户占比', en: 'Customer share' }, format: 'percent' },
    { header: { zh: '收入占比', en: 'Revenue share' }, format: 'percent' },
    { header: { zh: '典型R/F/M', en: 'Typical R/F/M' } },
    { header: { zh: '典型消费', en: 'Typical spend' }, format: 'currency' },
    { header: { zh: '主要品类', en: 'Top categories' } },
    { header: { zh: '主要渠道', en: 'Top channels' } },
    { header: { zh: '年龄段', en: 'Age bands' } },
    { header: { zh: '地区', en: 'Regions' } },
    { header: { zh: '互动客户占比', en: 'Engaged share' }, format: 'percent' },
    { header: { zh: '平均互动得分', en: 'Mean engagement' }, format: 'decimal' },
    { header: { zh: '平均情感得分', en: 'Mean sentiment' }, format: 'decimal' },
    { header: { zh: '评论客户数', en: 'Commenters' }, format: 'integer' },
    { header: { zh: '建议行动', en: 'Playbook (zh)' } },
    { header: { zh: '建议行动（英文）', en: 'Playbook (en)' } },
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
}
