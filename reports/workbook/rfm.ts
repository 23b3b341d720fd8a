/**
 * RFM grid sheet: customers and revenue per (R, F) cell as heat maps (colour scales on the
 * cells themselves, which is what the PDF's heat-map picture shows), and the segment map.
 */
import type ExcelJS from 'exceljs';
import { RFM_SEGMENT_RULES } from '../../analytics/segment/rfm';
import type { Bilingual } from '../../analytics/segment/bilingual';
import { TITLES } from '../labels';
import type { ReportModel } from '../model';
import type { RfmCell } from '../model/segments';
import { addHeatScale, addTable, writeTitle, type CellFormat } from './cells';

const SCORES = [5, 4, 3, 2, 1];
const F_SCORES = [1, 2, 3, 4, 5];

function grid(sheet: ExcelJS.Worksheet, row: number, name: string, title: Bilingual, cells: readonly RfmCell[], measure: 'customers' | 'revenue', format: CellFormat): number {
  row = writeTitle(sheet, row, title);
  const value = (r: number, f: number) => cells.find((c) => c.r === r && c.f === f)?.[measure] ?? 0;
  const placed = addTable(sheet, { row, name }, [
    { header: { zh: 'R \\ F', en: 'R \\ F' } },
    ...F_SCORES.map((f) => ({ header: { zh: `F=${f}`, en: `F=${f}` }, format })),
  ], SCORES.map((r) => [`R=${r}`, ...F_SCORES.map((f) => value(r, f))]));
  addHeatScale(sheet, `${sheet.getCell(placed.firstDataRow, 2).address}:${sheet.getCell(placed.lastDataRow, 6).address}`);
  return placed.nextRow;
}

export function addRfmSheet(sheet: ExcelJS.Worksheet, model: ReportModel): void {
  let row = writeTitle(sheet, 1, { zh: 'RFM 矩阵', en: 'RFM grid' }, 'R = 最近购买得分，F = 购买频次得分（5 最好）· R = recency score, F = frequency score (5 best)');
  sheet.views = [{ state: 'frozen', ySplit: 2 }];
  row = grid(sheet, row, 'RfmCustomers', TITLES.rfmCustomers, model.rfmGrid, 'customers', 'integer');
  row = grid(sheet, row, 'RfmRevenue', TITLES.rfmRevenue, model.rfmGrid, 'revenue', 'currency');
  row = writeTitle(sheet, row, { zh: '细分规则', en: 'Segment map' });
  addTable(sheet, { row, name: 'RfmSegmentMap' }, [
    { header: { zh: '细分', en: 'Segment' } }, { header: { zh: '中文', en: 'Chinese' } }, { header: { zh: '英文', en: 'English' } },
    { header: { zh: 'R 得分', en: 'R scores' } }, { header: { zh: 'F 得分', en: 'F scores' } },
  ], RFM_SEGMENT_RULES.map((rule) => [rule.segment, rule.name.zh, rule.name.en, `${rule.r[0]}–${rule.r[1]}`, `${rule.f[0]}–${rule.f[1]}`]));
}
