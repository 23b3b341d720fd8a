/** Data-quality sheet: row accounting per source, counts per rule and source, a quarantine sample. */
import type ExcelJS from 'exceljs';
import { TITLES } from '../labels';
import type { ReportModel } from '../model';
import { addDataBar, addTable, columnRange, columnSum, writeTitle, type Formula } from './cells';

/** The KPIs the row accounting adds up: rows read and rows quarantined over every source. */
export interface DataQualityKpis {
  rows_read?: Formula;
  rows_quarantined?: Formula;
}

export function addDataQualitySheet(sheet: ExcelJS.Worksheet, model: ReportModel): DataQualityKpis {
  const dq = model.dataQuality;
  let row = writeTitle(sheet, 1, TITLES.dataQuality, '每个数据源：读取 = 接受 + 隔离 · For every source: read = accepted + quarantined');
  sheet.views = [{ state: 'frozen', ySplit: 2 }];
  row = writeTitle(sheet, row, TITLES.sources);
  const sources = addTable(sheet, { row, name: 'SourceAccounting' }, [
    { header: { zh: '数据源', en: 'Source' } },
    { header: { zh: '实体', en: 'Entity' } },
    { header: { zh: '读取', en: 'Read' }, format: 'integer' },
    { header: { zh: '晚于截至日', en: 'After as-of' }, format: 'integer' },
    { header: { zh: '接受', en: 'Accepted' }, format: 'integer' },
    { header: { zh: '隔离', en: 'Quarantined' }, format: 'integer' },
    { header: { zh: '核对', en: 'Balanced' } },
  ], dq.sources.map((s) => [s.source, s.entity, s.read, s.afterAsOf, s.accepted, s.quarantined, s.read === s.accepted + s.quarantined ? '✓' : '✗']));
  row = writeTitle(sheet, sources.nextRow, TITLES.rules);
  const rules = addTable(sheet, { row, name: 'DataQualityRules' }, [
    { header: { zh: '实体', en: 'Entity' } },
    { header: { zh: '数据源', en: 'Source' } },
    { header: { zh: '规则', en: 'Rule' } },
    { header: { zh: '说明', en: 'Description (zh)' }, wrapAt: 36 },
    { header: { zh: '说明（英文）', en: 'Description (en)' }, wrapAt: 36 },
    { header: { zh: '处理', en: 'Action' } },
    { header: { zh: '行数', en: 'Rows' }, format: 'integer' },
  ], dq.rules.map((r) => [r.entity, r.source, r.rule, r.description.zh, r.description.en, r.action, r.rows]));
  addDataBar(sheet, columnRange(sheet, rules, 7), 'FFF4B183');
  row = writeTitle(sheet, rules.nextRow, TITLES.quarantine,
    `前 ${dq.quarantineSample.length} / 共 ${dq.quarantineTotal} 行；原始值按文本保存 · First ${dq.quarantineSample.length} of ${dq.quarantineTotal} rows; raw values kept as text`);
  addTable(sheet, { row, name: 'QuarantineSample' }, [
    { header: { zh: '实体', en: 'Entity' } },
    { header: { zh: '数据源', en: 'Source' } },
    { header: { zh: '行号', en: 'Row' }, format: 'integer' },
    { header: { zh: '原因', en: 'Reason' } },
    { header: { zh: '列', en: 'Column' } },
    { header: { zh: '详情', en: 'Detail' } },
    { header: { zh: '原始值', en: 'Raw values' } },
  ], dq.quarantineSample.map((q) => [q.entity, q.source, q.rowNo, q.reason, q.column, q.detail, q.raw]));
  return { rows_read: columnSum(sheet, sources, 3) ?? undefined, rows_quarantined: columnSum(sheet, sources, 6) ?? undefined };
}
