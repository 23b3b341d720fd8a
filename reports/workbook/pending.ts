/** A sheet for a stage with no results in this run: it says so plainly, with no numbers. */
import type ExcelJS from 'exceljs';
import { notComputedLine, STAGE_NAMES } from '../labels';
import type { PendingStage } from '../model';
import { writeLine, writeTitle } from './cells';

export function addNotComputedSheet(sheet: ExcelJS.Worksheet, stage: PendingStage): void {
  const row = writeTitle(sheet, 1, STAGE_NAMES[stage]);
  writeLine(sheet, row + 1, notComputedLine(stage), { italic: true, color: { argb: 'FFC00000' } });
  sheet.getColumn(1).width = 90;
}
