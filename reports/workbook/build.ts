/**
 * The finance workbook (SPEC §7) from the report model and its rendered charts. Sheet order:
 * Summary, Forecast, Segments, Customers, RFM grid, Value, Voice, Data quality, Method notes.
 * Document dates are the run's, so the same run renders the same workbook.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { Bilingual } from '../../analytics/segment/bilingual';
import type { RenderedChart } from '../charts/render';
import { both, documentDate, SHEETS } from '../labels';
import type { PendingStage, ReportModel } from '../model';
import { addCustomersSheet } from './customers';
import { addDataQualitySheet } from './dataQuality';
import { addForecastSheet } from './forecast';
import { addNotesSheet } from './notes';
import { addNotComputedSheet } from './pending';
import { addRfmSheet } from './rfm';
import { addSegmentsSheet } from './segments';
import { addSummarySheet } from './summary';
import { addValueSheet } from './value';
import { addVoiceSheet } from './voice';

/** Excel sheet names: at most 31 characters. */
export function sheetName(label: Bilingual): string {
  return both(label).slice(0, 31);
}

export async function buildWorkbook(model: ReportModel, charts: readonly RenderedChart[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const runDate = documentDate(model.run.asOf);
  workbook.creator = 'customer-insights-pipeline';
  workbook.title = `${model.run.runId}`;
  workbook.created = runDate;
  workbook.modified = runDate;
  workbook.calcProperties = { fullCalcOnLoad: true };
  const sheet = (label: Bilingual) => workbook.addWorksheet(sheetName(label));
  const pendingOr = (stage: PendingStage, label: Bilingual) => {
    if (model.notComputed.includes(stage)) addNotComputedSheet(sheet(label), stage);
  };

  addSummarySheet(workbook, sheet(SHEETS.summary), model, charts);
  if (model.forecast) addForecastSheet(workbook, sheet(SHEETS.forecast), model, model.forecast, charts);
  else pendingOr('forecast', SHEETS.forecast);
  addSegmentsSheet(workbook, sheet(SHEETS.segments), model, charts);
  addCustomersSheet(sheet(SHEETS.customers), model);
  addRfmSheet(workbook, sheet(SHEETS.rfm), model, charts);
  if (model.value) addValueSheet(workbook, sheet(SHEETS.value), model.value, charts);
  else pendingOr('value', SHEETS.value);
  if (model.voice) addVoiceSheet(sheet(SHEETS.voice), model.voice);
  else pendingOr('voice', SHEETS.voice);
  addDataQualitySheet(sheet(SHEETS.dataQuality), model);
  addNotesSheet(sheet(SHEETS.notes), model);
  return fixZipDates(Buffer.from(await workbook.xlsx.writeBuffer()), runDate);
}

/**
 * exceljs stamps every zip entry with the time of writing; restamping them with the run's
 * date makes the same data render to the same bytes (and the same sha256).
 */
async function fixZipDates(xlsx: Buffer, date: Date): Promise<Buffer> {
  const zip = await JSZip.loadAsync(xlsx);
  for (const entry of Object.values(zip.files)) entry.date = date;
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}
