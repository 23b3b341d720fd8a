/**
 * The Segments sheet's insights below the RFM tables: the k-means clusters with their rules,
 * the customer-group migration matrix since the previous run, and product affinity pairs.
 */
import type ExcelJS from 'exceljs';
import { groupName, type CustomerGroup } from '../../analytics/segment/groups';
import { both } from '../labels';
import type { AffinityPair, SegmentInsights } from '../model/segmentInsights';
import { addDataBar, addHeatScale, addTable, columnRange, writeLine, writeTitle, type TableColumn } from './cells';

const AFFINITY_COLUMNS: TableColumn[] = [
  { header: { zh: '商品/品类 A', en: 'Item A' } },
  { header: { zh: '商品/品类 B', en: 'Item B' } },
  { header: { zh: '同单订单数', en: 'Orders with both' }, format: 'integer' },
  { header: { zh: '支持度', en: 'Support' }, format: 'percent' },
  { header: { zh: '置信度 A→B', en: 'Confidence A→B' }, format: 'percent' },
  { header: { zh: '置信度 B→A', en: 'Confidence B→A' }, format: 'percent' },
  { header: { zh: '提升度', en: 'Lift' }, format: 'decimal' },
];

const affinityCells = (p: AffinityPair) => [p.itemA, p.itemB, p.orders, p.support, p.confidenceAB, p.confidenceBA, p.lift];

/** The matrix's rows and columns: every segment on either side, in the stored (alphabetical) order. */
export function migrationSegments(cells: readonly { from: string; to: string }[]): string[] {
  return [...new Set(cells.flatMap((c) => [c.from, c.to]))].sort();
}

/** Writes the insights from `row`; returns the next free row. */
export function addSegmentInsights(sheet: ExcelJS.Worksheet, startRow: number, insights: SegmentInsights): number {
  let row = startRow;
  const { clustering } = insights;
  if (clustering) {
    const fmt = (x: number | null, digits: number) => (x === null ? '—' : x.toFixed(digits));
    row = writeTitle(sheet, row, { zh: 'K-means 聚类', en: 'K-means clusters' },
      `k = ${clustering.k}${clustering.criterion === 'prediction_strength' ? '（按预测强度 by prediction strength）' : ''} · 预测强度 prediction strength = ${fmt(clustering.predictionStrength, 3)}`
      + ` · 轮廓系数 silhouette = ${fmt(clustering.silhouette, 3)} · 规则保真度 rule fidelity = ${clustering.ruleFidelity === null ? '—' : `${(clustering.ruleFidelity * 100).toFixed(1)}%`}`
      + ' · 各特征列为簇内均值（原始单位） · feature columns are cluster means in raw units');
    const clusters = addTable(sheet, { row, name: 'Clusters' }, [
      { header: { zh: '簇', en: 'Cluster' }, format: 'integer' },
      { header: { zh: '客户数', en: 'Customers' }, format: 'integer' },
      { header: { zh: '客户占比', en: 'Customer share' }, format: 'percent' },
      { header: { zh: '收入占比', en: 'Revenue share' }, format: 'percent' },
      ...clustering.featureKeys.map((key) => ({ header: { zh: key, en: key }, format: 'decimal' as const })),
      { header: { zh: '规则', en: 'Rules (zh)' }, wrapAt: 30 },
      { header: { zh: '规则（英文）', en: 'Rules (en)' }, wrapAt: 30 },
      { header: { zh: '规则保真度', en: 'Rule fidelity' }, format: 'percent' },
    ], clustering.clusters.map((c) => [
      c.cluster, c.customers, c.customerShare, c.revenueShare,
      ...clustering.featureKeys.map((key) => c.featureMeans[key] ?? null),
      c.rules.map((r) => r.zh).join('；'), c.rules.map((r) => r.en).join('; '), c.ruleFidelity,
    ]));
    addDataBar(sheet, columnRange(sheet, clusters, 4), 'FF63BE7B');
    row = clusters.nextRow;
  } else {
    row = writeTitle(sheet, row, { zh: 'K-means 聚类', en: 'K-means clusters' });
    row = writeLine(sheet, row, '本次运行未聚类（客户过少） · Not clustered in this run (too few customers)', { italic: true }) + 1;
  }

  const { migration } = insights;
  row = writeTitle(sheet, row, { zh: '客户分组迁移', en: 'Customer-group migration' },
    migration
      ? `上次运行 ${migration.previousRunId} → 本次（行 = 上次，列 = 本次，客户数）；转入风险分组：${migration.movedIntoRisk} 位 · previous run → this run (rows = previous, columns = this run, customers); moved into risk: ${migration.movedIntoRisk}`
      : '无上次运行，无法比较 · No previous run to compare with');
  if (migration) {
    const segments = migrationSegments(migration.cells);
    const count = new Map(migration.cells.map((c) => [`${c.from}\u0000${c.to}`, c.customers]));
    const name = (key: string) => both(groupName(key as CustomerGroup));
    const matrix = addTable(sheet, { row, name: 'GroupMigration' }, [
      { header: { zh: '上次 \\ 本次', en: 'Previous \\ this run' } },
      ...segments.map((s) => ({ header: { zh: name(s), en: name(s) }, format: 'integer' as const })),
    ], segments.map((from) => [name(from), ...segments.map((to) => count.get(`${from}\u0000${to}`) ?? 0)]));
    addHeatScale(sheet, `${sheet.getCell(matrix.firstDataRow, 2).address}:${sheet.getCell(matrix.lastDataRow, 1 + segments.length).address}`);
    row = matrix.nextRow;
  }

  row = writeTitle(sheet, row, { zh: '品类关联（全部客户）', en: 'Category affinity (all customers)' }, '提升度 > 1 表示常被一起购买 · lift > 1: bought together more often than by chance');
  const categories = addTable(sheet, { row, name: 'CategoryAffinity' }, AFFINITY_COLUMNS, insights.categoryAffinity.map(affinityCells));
  row = writeTitle(sheet, categories.nextRow, { zh: '商品关联（前 10）', en: 'Product affinity (top 10)' });
  return addTable(sheet, { row, name: 'ProductAffinity' }, AFFINITY_COLUMNS, insights.productAffinity.map(affinityCells)).nextRow;
}
