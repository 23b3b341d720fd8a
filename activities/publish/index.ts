/**
 * Publish stage, first step: render the run's reports — charts, the workbook, the PDF summary,
 * the mail text — and the CRM export, record each with its bytes, size and sha256 in
 * `report_artifacts` before anything is sent (the second step, deliver.ts, sends exactly these
 * recorded bytes, on whichever worker it runs), and keep a local copy under OUT_DIR/<run_id>/.
 */
import path from 'node:path';
import type { RenderResult } from '../../contract/results';
import { STEPS, type StageInput } from '../../contract/stages';
import { renderCharts } from '../../reports/charts/render';
import { chartSpecs } from '../../reports/charts/specs';
import { reportMail } from '../../reports/mail';
import { buildPdf } from '../../reports/pdf/build';
import { buildWorkbook } from '../../reports/workbook/build';
import { defineStage } from '../stage';
import { recordArtifacts, writeArtifact } from './artifacts';
import { exportCrm } from './crmExport';
import { loadReportModel } from './loadModel';

export function reportFileNames(runId: string) {
  return {
    workbook: `customer-insights-${runId}.xlsx`,
    pdf: `customer-insights-${runId}.pdf`,
    crm_csv: `crm-export-${runId}.csv`,
    mail: `mail-${runId}.json`,
  };
}

/** Rendering runs in long synchronous stretches: let the heartbeat timer and the worker's polls run between them. */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export const renderStage = defineStage<StageInput, Omit<RenderResult, 'ms'>>({
  step: () => STEPS.render,
  async run({ context, client, db, app, progress }) {
    const { runId } = context;
    const dir = path.join(app.outDir, runId);
    const names = reportFileNames(runId);
    const model = await loadReportModel(db, context);
    progress({ step: 'charts' });
    const charts = await renderCharts(chartSpecs(model), yieldToEventLoop);
    progress({ step: 'workbook' });
    const workbook = writeArtifact(dir, names.workbook, 'workbook', await buildWorkbook(model));
    await yieldToEventLoop();
    progress({ step: 'pdf' });
    const pdf = writeArtifact(dir, names.pdf, 'pdf', await buildPdf(model, charts));
    const mail = writeArtifact(dir, names.mail, 'mail', Buffer.from(JSON.stringify(reportMail(model), null, 2)));
    progress({ step: 'crm export' });
    const crm = await exportCrm(client, runId);
    const crmCsv = writeArtifact(dir, names.crm_csv, 'crm_csv', crm.csv);
    await recordArtifacts(client, runId, [workbook, pdf, crmCsv, mail]);
    // The workflow gets the records, not the bytes.
    const artifacts = [workbook, pdf, crmCsv, mail].map(({ data: _data, ...record }) => record);
    return { artifacts, crmRows: crm.rows, charts: charts.length };
  },
  rows: (result) => result.crmRows,
});
