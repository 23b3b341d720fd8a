/**
 * The finance workbook (SPEC §7) from the report model. Sheet order: Summary, Forecast,
 * Segments, Customers, RFM grid, Value, Voice, Data quality, Method notes. The Summary is
 * filled last: its KPIs are formulas over the detail sheets and its charts those of the
 * Forecast and Segments sheets. exceljs writes the cells; the native charts are added to its
 * package afterwards (drawingml/). Document and zip-entry dates are the run's, so the same
 * run renders the same bytes.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { Bilingual } from '../../analytics/segment/bilingual';
import { both, documentDate, SHEETS } from '../labels';
import type { PendingStage, ReportModel } from '../model';
import { addCustomersSheet } from './customers';
import { addDataQualitySheet } from './dataQuality';
import { addChartsToPackage, type PlacedChart } from './drawingml/packageCharts';
import { addForecastSheet } from './forecast';
import { addNotesSheet } from './notes';
import { addNotComputedSheet } from './pending';
import { setPrintSetup } from './print';
import { addRfmSheet } from './rfm';
import { addSegmentsSheet } from './segments';
import { addSummarySheet } from './summary';
import { addValueSheet } from './value';
import { addVoiceSheet } from './voice';

/** Excel sheet names: at most 31 characters. */
export function sheetName(label: Bilingual): string {
  return both(label).slice(0, 31);
}

export async function buildWorkbook(model: ReportModel): Promise<Buffer> {
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

  const summary = sheet(SHEETS.summary);
  const forecast = model.forecast ? addForecastSheet(sheet(SHEETS.forecast), model, model.forecast) : null;
  if (!model.forecast) pendingOr('forecast', SHEETS.forecast);
  const segments = addSegmentsSheet(sheet(SHEETS.segments), model);
  addCustomersSheet(sheet(SHEETS.customers), model);
  addRfmSheet(sheet(SHEETS.rfm), model);
  const valueCharts = model.value ? addValueSheet(sheet(SHEETS.value), model.value) : [];
  if (!model.value) pendingOr('value', SHEETS.value);
  if (model.voice) addVoiceSheet(sheet(SHEETS.voice), model.voice);
  else pendingOr('voice', SHEETS.voice);
  const dataQuality = addDataQualitySheet(sheet(SHEETS.dataQuality), model);
  addNotesSheet(sheet(SHEETS.notes), model);
  const summaryCharts = addSummarySheet(summary, model, {
    details: { ...segments.kpis, ...dataQuality },
    monthlyRevenue: forecast?.monthlyRevenue ?? null,
    segmentShares: segments.shares,
  });

  const charts: PlacedChart[] = [...summaryCharts, ...(forecast?.charts ?? []), ...segments.charts, ...valueCharts];
  for (const ws of workbook.worksheets) setPrintSetup(ws, model.run, charts);
  const zip = await JSZip.loadAsync(await workbook.xlsx.writeBuffer());
  await addChartsToPackage(zip, charts);
  // exceljs and JSZip stamp entries with the time of writing: the run's date keeps the bytes (and the sha256) the same.
  for (const entry of Object.values(zip.files)) entry.date = runDate;
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}
