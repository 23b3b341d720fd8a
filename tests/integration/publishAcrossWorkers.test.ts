/**
 * Workers on different machines share PostgreSQL and Temporal, not a disk: a run whose reports
 * are rendered by one worker process and mailed by another, each with its own OUT_DIR. The
 * first worker renders and records the reports, then cannot reach SMTP; it is stopped and its
 * disk goes out of reach (its OUT_DIR is removed), a second one takes the retried send, and the
 * mail carries the recorded bytes — although no file of them is left on this machine.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sha256 } from '../../activities/publish/artifacts';
import { parseSourceConfig } from '../../config/sources';
import { startRefresh } from '../../scripts/lib/refresh';
import { closedPort, startMailbox, type Mailbox } from '../support/mailbox';
import { openHarness, type Harness } from '../support/pipeline';
import { startWorkerProcess, stopWorkerProcess, until } from '../support/workerProcess';

const TASK_QUEUE = 'test-publish-across-workers';
const AS_OF = '2024-12-31';
const RUN_ID = `run-${AS_OF}`;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'across-workers-'));
const outDirs = { render: path.join(dir, 'out-render'), send: path.join(dir, 'out-send') };

function writeFixture(): void {
  fs.writeFileSync(path.join(dir, 'customers.csv'), ['customer_id,gender,city,signup', 'C1,男,北京,2023-01-05', 'C2,F,上海,2023-02-01', 'C3,M,广州,2023-03-01'].join('\n'));
  fs.writeFileSync(path.join(dir, 'orders.csv'), [
    'order_id,line_no,customer_id,ordered_at,channel,product_id,category,quantity,amount,status',
    'O1,1,C1,2024-01-05 10:00,store,P1,服饰,1,1000,paid',
    'O2,1,C1,2024-06-01 10:00,app,P2,美妆,1,500,paid',
    'O3,1,C2,2024-03-01 10:00,web,P3,数码,1,200,paid',
    'O4,1,C3,2024-12-30 10:00,store,P4,食品,1,100,paid',
  ].join('\n'));
}

const sourceConfig = () => parseSourceConfig({
  timezone: 'Asia/Shanghai',
  sources: [
    { name: 'crm', kind: 'csv', entity: 'customers', path: path.join(dir, 'customers.csv'),
      columns: { customer_id: 'customer_id', gender: 'gender', city: 'city', signup: 'signup_at' } },
    { name: 'orders', kind: 'csv', entity: 'order_lines', path: path.join(dir, 'orders.csv'),
      columns: { order_id: 'order_id', line_no: 'line_no', customer_id: 'customer_id', ordered_at: 'ordered_at', channel: 'channel', product_id: 'product_id', category: 'category', quantity: 'quantity', amount: 'amount', status: 'status' } },
  ],
});

let harness: Harness;
let mailbox: Mailbox;

beforeAll(async () => {
  writeFixture();
  harness = await openHarness(TASK_QUEUE);
  mailbox = await startMailbox();
});
afterAll(async () => {
  await mailbox.stop();
  await harness.close();
});

it('renders on one worker process and mails from another with its own OUT_DIR: the attachments are the recorded bytes', async () => {
  const renderer = startWorkerProcess('across-render', TASK_QUEUE, { OUT_DIR: outDirs.render, SMTP_URL: `smtp://127.0.0.1:${await closedPort()}`, REPORT_RECIPIENTS: 'finance@example.test' });
  let sender: ReturnType<typeof startWorkerProcess> | undefined;
  try {
    const handle = await startRefresh(harness.client, harness.config, { asOf: AS_OF, sourceConfig: sourceConfig() });
    // The reports are recorded and the first worker's send has failed: it leaves, the second takes over.
    await until(async () => {
      const pending = (await handle.describe()).raw.pendingActivities ?? [];
      return pending.some((a) => a.activityType?.name === 'sendReports' && (a.attempt ?? 0) >= 2);
    }, 300_000);
    stopWorkerProcess(renderer);
    await until(async () => renderer.exitCode !== null || renderer.signalCode !== null, 60_000);
    // The rendering worker kept its local copy of each recorded report; then its disk is out of reach, as on another machine.
    const recorded = await harness.db('report_artifacts').where({ run_id: RUN_ID }).select('kind', 'path', 'sha256', 'content');
    expect(recorded.map((r) => r.kind).sort()).toEqual(['crm_csv', 'mail', 'pdf', 'workbook']);
    for (const r of recorded) {
      expect(r.path.startsWith(path.join(outDirs.render, RUN_ID))).toBe(true);
      expect(fs.readFileSync(r.path).equals(r.content)).toBe(true);
    }
    fs.rmSync(outDirs.render, { recursive: true });
    sender = startWorkerProcess('across-send', TASK_QUEUE, { OUT_DIR: outDirs.send, SMTP_URL: mailbox.url, REPORT_RECIPIENTS: 'finance@example.test' });
    const result = await handle.result();

    const history = await handle.fetchHistory();
    const events = history.events ?? [];
    const workerOf = (activity: string) => {
      const scheduled = events.filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === activity).map((e) => String(e.eventId));
      return events.find((e) => scheduled.includes(String(e.activityTaskStartedEventAttributes?.scheduledEventId)))!.activityTaskStartedEventAttributes!.identity;
    };
    expect(workerOf('sendReports')).not.toBe(workerOf('renderReports'));

    // The sending worker never had the files.
    expect(fs.existsSync(path.join(outDirs.send, RUN_ID))).toBe(false);

    const mail = mailbox.messages.find((m) => m.messageId === result.published.delivery.messageId)!;
    const attached = new Map(mail.attachments.map((a) => [a.filename, a.content]));
    expect([...attached.keys()].sort()).toEqual([`customer-insights-${RUN_ID}.pdf`, `customer-insights-${RUN_ID}.xlsx`]);
    for (const kind of ['workbook', 'pdf']) {
      const record = recorded.find((r) => r.kind === kind)!;
      const content = attached.get(path.basename(record.path))!;
      expect(content.equals(record.content)).toBe(true);
      expect(sha256(content)).toBe(record.sha256);
    }
  } finally {
    stopWorkerProcess(renderer);
    if (sender) stopWorkerProcess(sender);
  }
}, 600_000);
