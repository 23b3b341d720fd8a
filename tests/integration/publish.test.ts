/**
 * The publish stage on a real Temporal dev server, PostgreSQL and an SMTP server started here:
 * the workbook read back matches the database (figures worked out by hand beside the fixture),
 * a customer id that looks like a formula stays text, the sheets of source data hold no
 * formula and the Summary's are its own totals, the PDF's Chinese headings extract, the mail
 * carries byte-identical copies of the recorded files, and with SMTP down the send is retried
 * until the server is back — and delivered once.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import JSZip from 'jszip';
import { sha256 } from '../../activities/publish/artifacts';
import { exportCrm } from '../../activities/publish/crmExport';
import { rfmSegmentName } from '../../analytics/segment/rfm';
import { parseSourceConfig } from '../../config/sources';
import { inTransaction } from '../../infra/postgres';
import { KPI_DEFINITIONS } from '../../reports/kpis';
import { both, SHEETS } from '../../reports/labels';
import { sheetName } from '../../reports/workbook/build';
import { sheetParts } from '../../reports/workbook/drawingml/packageCharts';
import { startRefresh } from '../../scripts/lib/refresh';
import { formulaCells } from '../../scripts/lib/workbookCheck';
import type { RefreshResult } from '../../contract/refresh';
import type { resendReports } from '../../workflows';
import { pdfText } from '../support/pdfText';
import { closedPort, startMailbox, type Mailbox } from '../support/mailbox';
import { openHarness, withWorker, type Harness } from '../support/pipeline';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'publish-fixture-'));
const INJECTION_ID = '=HYPERLINK("http://x.test","点我")';

function writeFixture(): void {
  fs.writeFileSync(path.join(dir, 'customers.csv'), [
    'customer_id,name,gender,city,signup',
    'C1,张三,男,北京,2023-01-05',
    'C2,李四,F,上海,2023-02-01',
    'C3,王五,M,广州,2023-03-01',
    `"${INJECTION_ID.replace(/"/g, '""')}",Mallory,F,深圳,2023-04-01`,
  ].join('\n'));
  // Times are Asia/Shanghai. Run 1 (as of 2024-12-31): revenue 1000 + 500 + 200 + 300 + 100 = 2100 in 5 orders;
  // the last 28 days (from 2024-12-04) hold O4 and O5 = 400. Run 2 (as of 2025-01-31) adds O7: 2350 in 6 orders.
  fs.writeFileSync(path.join(dir, 'orders.csv'), [
    'order_id,line_no,customer_id,ordered_at,channel,product_id,category,quantity,amount,status',
    'O1,1,C1,2024-01-05 10:00,store,P1,服饰,1,1000,paid',
    'O2,1,C1,2024-06-01 10:00,app,P2,美妆,1,500,paid',
    'O3,1,C2,2024-03-01 10:00,web,P3,数码,1,200,paid',
    `O4,1,"${INJECTION_ID.replace(/"/g, '""')}",2024-12-20 10:00,app,P1,服饰,1,300,paid`,
    'O5,1,C3,2024-12-30 10:00,store,P4,食品,1,100,paid',
    'O6,1,C9,2024-12-30 11:00,store,P4,食品,1,100,paid', // unknown_customer: quarantined
    'O7,1,C2,2025-01-15 10:00,web,P3,数码,1,250,paid',
  ].join('\n'));
}

const sourceConfig = () => parseSourceConfig({
  timezone: 'Asia/Shanghai',
  sources: [
    { name: 'crm', kind: 'csv', entity: 'customers', path: path.join(dir, 'customers.csv'),
      columns: { customer_id: 'customer_id', name: 'name', gender: 'gender', city: 'city', signup: 'signup_at' } },
    { name: 'orders', kind: 'csv', entity: 'order_lines', path: path.join(dir, 'orders.csv'),
      columns: { order_id: 'order_id', line_no: 'line_no', customer_id: 'customer_id', ordered_at: 'ordered_at', channel: 'channel', product_id: 'product_id', category: 'category', quantity: 'quantity', amount: 'amount', status: 'status' } },
  ],
});

let harness: Harness;
let mailbox: Mailbox;
let first: RefreshResult;

beforeAll(async () => {
  writeFixture();
  harness = await openHarness('test-publish');
  mailbox = await startMailbox();
  harness.config = { ...harness.config, smtpUrl: mailbox.url, outDir: path.join(dir, 'out'), reportRecipients: ['finance@example.test'] };
  first = await withWorker(harness, async () => (await startRefresh(harness.client, harness.config, { asOf: '2024-12-31', sourceConfig: sourceConfig() })).result());
}, 600_000);
afterAll(async () => {
  await mailbox.stop();
  await harness.close();
});

/** The KPI table's row of a KPI (the first row naming it: the reconciliation block below names some again). */
function kpiRow(summary: ExcelJS.Worksheet, key: keyof typeof KPI_DEFINITIONS): ExcelJS.Row {
  let found: ExcelJS.Row | undefined;
  summary.eachRow((row) => { if (!found && row.getCell(1).value === both(KPI_DEFINITIONS[key].label)) found = row; });
  return found!;
}

/** A cell's value, or the result cached with its formula. */
const shown = (cell: ExcelJS.Cell) => (cell.formula ? cell.result : cell.value);

/** The forms of the Summary's own formulas: sums over detail tables, ratios and differences of its cells. */
const REPORT_FORMULA = /^(SUM\(\w+\[[^\]]+\]\)|SUMIF\(\w+\[[^\]]+\],"[^"]*",\w+\[[^\]]+\]\)|B\d+\/B\d+|B\d+-C\d+|\(B\d+-C\d+\)\/C\d+)$/;

const artifactPath = (result: RefreshResult, kind: string) => result.published.artifacts.find((a) => a.kind === kind)!.path;

describe('publish stage', () => {
  it('records every artifact with its size and checksum, and exports tags and segments for the CRM', async () => {
    const recorded = await harness.db('report_artifacts').where({ run_id: first.runId }).orderBy('kind');
    expect(recorded.map((r) => r.kind)).toEqual(['crm_csv', 'mail', 'pdf', 'workbook']);
    for (const r of recorded) {
      const data = fs.readFileSync(r.path);
      expect(r.path.startsWith(path.join(dir, 'out', first.runId))).toBe(true);
      expect(Number(r.bytes)).toBe(data.length);
      expect(r.sha256).toBe(sha256(data));
    }
    const segments = await harness.db('customer_segments').where({ run_id: first.runId }).orderBy('customer_id');
    const crm = await harness.db('crm_export').where({ run_id: first.runId }).orderBy('customer_id');
    expect(crm.map((c) => [c.customer_id, c.rfm_segment, c.tags])).toEqual(segments.map((s) => [s.customer_id, s.rfm_segment, s.tags]));
    const csv = fs.readFileSync(artifactPath(first, 'crm_csv'), 'utf8').replace(/^\uFEFF/, '').trim().split('\n');
    expect(csv[0]).toBe('customer_id,rfm_segment,rfm_segment_zh,customer_group,lifecycle,value_tier,tags');
    expect(csv).toHaveLength(1 + 4);
    // The formula-like customer id is written as text with a leading ' (OWASP), the others as they are.
    const exported = parse(csv.join('\n'), { columns: true }) as Array<Record<string, string>>;
    expect(exported.map((r) => r.customer_id).sort()).toEqual(['C1', 'C2', 'C3', `'${INJECTION_ID}`].sort());
  });

  it('writes the CRM export in batches with the same bytes as in one', async () => {
    const recorded = fs.readFileSync(artifactPath(first, 'crm_csv'));
    // 4 customers: batches of 3 (a short last one) and of 2 (an empty last one); rolled back.
    for (const batch of [3, 2]) {
      const redone = await inTransaction(harness.db, async (client) => {
        await client.query('DELETE FROM crm_export WHERE run_id = $1', [first.runId]);
        const result = await exportCrm(client, first.runId, batch);
        throw Object.assign(new Error('roll back'), { result });
      }).catch((e: { result?: { rows: number; csv: Buffer } }) => e.result);
      expect(redone?.rows).toBe(4);
      expect(redone?.csv.equals(recorded)).toBe(true);
    }
  });

  it('writes a workbook whose numbers equal the database and whose source text stays text', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(artifactPath(first, 'workbook'));
    const summary = workbook.getWorksheet(sheetName(SHEETS.summary))!;
    const kpi = (key: keyof typeof KPI_DEFINITIONS) => shown(kpiRow(summary, key).getCell(2));
    const [{ revenue, orders }] = (await harness.db.raw('SELECT sum(net_amount)::float8 AS revenue, count(*)::int AS orders FROM clean_orders WHERE run_id = ?', [first.runId])).rows;
    expect(revenue).toBe(2100);
    expect(kpi('net_revenue')).toBe(revenue);
    expect(kpi('orders')).toBe(orders);
    expect(kpi('revenue_28d')).toBe(400);
    expect(kpi('customers')).toBe(4);
    expect(kpi('rows_quarantined')).toBe(1);

    const segmentsSheet = workbook.getWorksheet(sheetName(SHEETS.segments))!;
    const sheetCounts = new Map<string, unknown>();
    // The segment table comes first on the sheet: the first row naming a segment is its row.
    segmentsSheet.eachRow((row) => {
      const name = String(row.getCell(1).value);
      if (typeof row.getCell(2).value === 'number' && !sheetCounts.has(name)) sheetCounts.set(name, row.getCell(2).value);
    });
    const stored = await harness.db('segment_summary').where({ run_id: first.runId });
    expect(stored.length).toBeGreaterThan(0);
    for (const s of stored) expect(sheetCounts.get(both(rfmSegmentName(s.segment)))).toBe(s.customers);

    const customers = workbook.getWorksheet(sheetName(SHEETS.customers))!;
    const ids: ExcelJS.Cell[] = [];
    customers.eachRow((row, n) => { if (n > 3) ids.push(row.getCell(1)); });
    expect(ids.map((c) => c.value).sort()).toEqual(['C1', 'C2', 'C3', INJECTION_ID].sort());
    const injected = ids.find((c) => c.value === INJECTION_ID)!;
    expect(injected.type).toBe(ExcelJS.ValueType.String);
    // No cell of the sheets that hold source data is a formula; the Summary's formulas are the report's own (its totals).
    const zip = await JSZip.loadAsync(fs.readFileSync(artifactPath(first, 'workbook')));
    const parts = await sheetParts(zip);
    for (const sheet of [SHEETS.segments, SHEETS.customers, SHEETS.rfm, SHEETS.voice, SHEETS.dataQuality, SHEETS.notes].map(sheetName)) {
      expect(await zip.files[parts.get(sheet)!].async('string')).not.toMatch(/<f[ >]/);
    }
    const summaryFormulas = (await formulaCells(fs.readFileSync(artifactPath(first, 'workbook')))).filter((f) => f.sheet === sheetName(SHEETS.summary));
    expect(summaryFormulas.length).toBeGreaterThan(0);
    for (const f of summaryFormulas) expect(f.formula).toMatch(REPORT_FORMULA);

    const dq = workbook.getWorksheet(sheetName(SHEETS.dataQuality))!;
    const ruleRows: number[] = [];
    dq.eachRow((row) => { if (typeof row.getCell(7).value === 'number' && typeof row.getCell(3).value === 'string' && row.getCell(6).value !== null) ruleRows.push(row.getCell(7).value as number); });
    const [{ total }] = (await harness.db.raw('SELECT sum(rows)::int AS total FROM dq_summary WHERE run_id = ?', [first.runId])).rows;
    expect(ruleRows.reduce((s, x) => s + x, 0)).toBe(total);
    expect(String(workbook.getWorksheet(sheetName(SHEETS.voice))?.getCell(3, 1).value)).toContain('本次运行未计算');
    // CLV per customer as the value stage stored it (the finance formula when the models are not fitted).
    const values = await harness.db('customer_value').where({ run_id: first.runId }).select('customer_id', harness.db.raw('coalesce(clv, simple_clv) AS clv'));
    expect(values).toHaveLength(4);
    const clvShown = new Map<unknown, unknown>();
    customers.eachRow((row, n) => { if (n > 3) clvShown.set(row.getCell(1).value, row.getCell(20).value); });
    for (const v of values) expect(clvShown.get(v.customer_id)).toBeCloseTo(Number(v.clv), 6);
    const forecastSheet = workbook.getWorksheet(sheetName(SHEETS.forecast))!;
    const seriesShown = new Set<string>();
    forecastSheet.eachRow((row) => {
      const value = row.getCell(1).value;
      if (typeof value === 'string' && /^(week|month):/.test(value)) seriesShown.add(value);
    });
    const seriesStored: string[] = await harness.db('forecast_series').where({ run_id: first.runId }).pluck('series_id');
    expect(seriesStored.length).toBeGreaterThan(0);
    expect([...seriesShown].sort()).toEqual([...seriesStored].sort());
  });

  it('writes a PDF whose Chinese headings extract as text', async () => {
    const text = await pdfText(artifactPath(first, 'pdf'));
    for (const heading of ['客户洞察周报', '核心指标', '风险预警', '数据质量', '客户角色']) expect(text).toContain(heading);
    expect(text).toContain('¥2,100.00');
    expect(text).not.toContain('\uFFFD');
  });

  it('mails both recorded files byte for byte with the headline numbers', async () => {
    expect(first.published.delivery.alreadyDelivered).toBe(false);
    const mail = mailbox.messages.find((m) => m.messageId === first.published.delivery.messageId)!;
    expect(mail.subject).toContain('2024-12-31');
    expect(mail.text).toContain('¥2,100.00');
    expect(mail.text).toContain('累计净收入');
    expect(mail.text).toContain('Net revenue (to date)');
    const attached = new Map(mail.attachments.map((a) => [a.filename, a.content]));
    for (const kind of ['workbook', 'pdf']) {
      const file = artifactPath(first, kind);
      expect(attached.get(path.basename(file))!.equals(fs.readFileSync(file))).toBe(true);
    }
    // Other test files may have published this period with other data (other message ids): this mail is recorded once.
    const deliveries = await harness.db('report_deliveries').where({ run_id: first.runId, message_id: first.published.delivery.messageId });
    expect(deliveries.map((d) => [d.message_id, d.trigger])).toEqual([[first.published.delivery.messageId, 'workflow']]);
  });

  it('retries the send while SMTP is down, delivers once it is back, and a re-run sends nothing twice', async () => {
    const port = await closedPort();
    harness.config = { ...harness.config, smtpUrl: `smtp://127.0.0.1:${port}` };
    const asOf = '2025-01-31';
    let late: Mailbox | undefined;
    try {
      const result = await withWorker(harness, async () => {
        const handle = await startRefresh(harness.client, harness.config, { asOf, sourceConfig: sourceConfig() });
        // Wait until the send has failed at least once, then bring the server up.
        for (;;) {
          const pending = (await handle.describe()).raw.pendingActivities ?? [];
          if (pending.some((a) => a.activityType?.name === 'sendReports' && (a.attempt ?? 0) >= 2)) break;
          await new Promise((r) => setTimeout(r, 500));
        }
        late = await startMailbox(port);
        return handle.result();
      });
      expect(late!.messages).toHaveLength(1);
      expect(late!.messages[0].messageId).toBe(result.published.delivery.messageId);
      const history = await harness.client.workflow.getHandle(`refresh-${asOf}`).fetchHistory();
      const sendAttempts = (history.events ?? []).filter((e) => e.activityTaskStartedEventAttributes).map((e) => e.activityTaskStartedEventAttributes!.attempt ?? 0);
      expect(Math.max(...sendAttempts)).toBeGreaterThanOrEqual(2);

      // Previous-run comparison: run 1 is the previous run of run 2.
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(artifactPath(result, 'workbook'));
      const summary = workbook.getWorksheet(sheetName(SHEETS.summary))!;
      const revenueRow = kpiRow(summary, 'net_revenue');
      expect([shown(revenueRow.getCell(2)), shown(revenueRow.getCell(3)), shown(revenueRow.getCell(4))]).toEqual([2350, 2100, 250]);

      // The same period again renders the same bytes: the delivery is found, nothing is sent.
      const again = await withWorker(harness, async () => (await startRefresh(harness.client, harness.config, { asOf, sourceConfig: sourceConfig() })).result());
      expect(again.published.artifacts.find((a) => a.kind === 'workbook')!.sha256).toBe(result.published.artifacts.find((a) => a.kind === 'workbook')!.sha256);
      expect(again.published.delivery).toMatchObject({ alreadyDelivered: true, messageId: result.published.delivery.messageId });
      expect(late!.messages).toHaveLength(1);
      expect(await harness.db('report_deliveries').where({ run_id: result.runId })).toHaveLength(1);
    } finally {
      await late?.stop();
    }
  });

  it('report resend mails the recorded reports again, and with --render renders them anew in the run\'s context: the same bytes', async () => {
    harness.config = { ...harness.config, smtpUrl: mailbox.url };
    const resend = (render: boolean) => withWorker(harness, () => harness.client.workflow.execute<typeof resendReports>('resendReports', {
      taskQueue: harness.config.temporal.taskQueue, workflowId: `report-resend-${first.runId}-${render ? 'render' : 'send'}`, args: [{ runId: first.runId, render }],
    }));
    const mailed = mailbox.messages.length;
    const rendered = await resend(true);
    const checksums = (artifacts: RefreshResult['published']['artifacts']) => Object.fromEntries(artifacts.map((a) => [a.kind, a.sha256]));
    expect(checksums(rendered.rendered!.artifacts)).toEqual(checksums(first.published.artifacts));
    const sent = await resend(false);
    expect(sent.rendered).toBeNull();
    const resent = [rendered.delivery.messageId, sent.delivery.messageId];
    for (const messageId of resent) expect(messageId).toMatch(new RegExp(`^<${first.runId}\\.[0-9a-f]{16}\\.resend-\\d+@customer-insights>$`));
    expect(mailbox.messages.slice(mailed).map((m) => m.messageId)).toEqual(resent);
    const deliveries = await harness.db('report_deliveries').whereIn('message_id', resent).orderBy('delivery_id');
    expect(deliveries.map((d) => d.trigger)).toEqual(['resend', 'resend']);
  });
});
