/**
 * Publish stage, part 1: render the run's reports — charts, the workbook, the PDF summary,
 * the mail text — and the CRM export, write them under OUT_DIR/<run_id>/ and record each
 * file's size and sha256 in `report_artifacts` before anything is sent (part 2,
 * deliver.ts, sends exactly these recorded bytes).
 */
import path from 'node:path';
import { stageLogger } from '../../infra/logging';
import { renderChart } from '../../reports/charts/render';
import { chartSpecs } from '../../reports/charts/specs';
import { reportMail } from '../../reports/mail';
import { buildPdf } from '../../reports/pdf/build';
import { buildWorkbook, type RenderedChart } from '../../reports/workbook/build';
import type { RenderResult } from '../../contract/results';
import { recordArtifacts, writeArtifact } from './artifacts';
import { exportCrm } from './crmExport';
import type { ActivityDeps } from '../deps';
import { withHeartbeat } from '../heartbeat';
import { loadReportModel } from './loadModel';
import { recordStageTiming } from '../runs';

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

export function createPublishActivities({ db, config }: ActivityDeps) {
  return {
    async renderReports(input: { runId: string }): Promise<RenderResult> {
      const { runId } = input;
      const log = stageLogger(runId, 'publish');
      const started = new Date();
      const dir = path.join(config.outDir, runId);
      const names = reportFileNames(runId);
      const result = await withHeartbeat(async (progress) => {
        const model = await loadReportModel(db, runId);
        progress({ step: 'charts' });
        const charts: RenderedChart[] = [];
        for (const chart of chartSpecs(model)) {
          charts.push({ key: chart.key, title: chart.title, image: await renderChart(chart.spec) });
          await yieldToEventLoop();
        }
        progress({ step: 'workbook' });
        const workbook = writeArtifact(dir, names.workbook, 'workbook', await buildWorkbook(model, charts));
        await yieldToEventLoop();
        progress({ step: 'pdf' });
        const pdf = writeArtifact(dir, names.pdf, 'pdf', await buildPdf(model, charts));
        const mail = writeArtifact(dir, names.mail, 'mail', Buffer.from(JSON.stringify(reportMail(model), null, 2)));
        progress({ step: 'crm export' });
        const crm = await exportCrm(db, runId);
        const crmCsv = writeArtifact(dir, names.crm_csv, 'crm_csv', crm.csv);
        const artifacts = [workbook, pdf, crmCsv, mail];
        await recordArtifacts(db, runId, artifacts);
        return { artifacts, crmRows: crm.rows, charts: charts.length };
      });
      const finished = new Date();
      const ms = finished.getTime() - started.getTime();
      await recordStageTiming(db, runId, 'publish_render', { startedAt: started.toISOString(), finishedAt: finished.toISOString(), ms, rows: result.crmRows });
      log.info({ artifacts: result.artifacts.map((a) => ({ kind: a.kind, bytes: a.bytes })), ms }, 'reports rendered');
      return { ...result, ms };
    },
  };
}
