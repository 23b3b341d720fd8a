/**
 * Personal data never leaves cleaning raw: a run whose customer source carries planted names,
 * phones and e-mails — in rows that are accepted and in rows quarantined for every reason a
 * customer row can get (bad sign-up date, date before the floor, duplicate id, missing id, a
 * malformed row, a row in another encoding) — leaves none of them in any table of the database,
 * in any file under the output folder (workbook and PDF read as a reader would), or in the mail.
 * The rows are there: accepted customers carry their pseudonyms, rejected ones their reasons.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import JSZip from 'jszip';
import { pseudonymize } from '../../analytics/cleaning/pii';
import { parseSourceConfig } from '../../config/sources';
import type { RefreshResult } from '../../contract/refresh';
import { startRefresh } from '../../scripts/lib/refresh';
import { startMailbox, type Mailbox } from '../support/mailbox';
import { pdfText } from '../support/pdfText';
import { openHarness, withWorker, type Harness } from '../support/pipeline';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'privacy-fixture-'));
const outDir = path.join(dir, 'out');

/** Planted personal data: [name, phone as written, e-mail as written]. */
const PLANTED = {
  accepted: ['隐私甲一', '+86 139-1111-0001', 'Planted.One@Privacy.test'],
  acceptedToo: ['Jane Plantedtwo', '13911110002', 'planted.two@privacy.test'],
  badSignup: ['隐私丙三', '13911110003', 'planted.three@privacy.test'],
  beforeFloor: ['隐私丁四', '13911110004', 'planted.four@privacy.test'],
  duplicate: ['隐私戊五', '13911110005', 'planted.five@privacy.test'],
  missingId: ['隐私己六', '13911110006', 'planted.six@privacy.test'],
  malformed: ['卫庚七,苏七号', '13911110007', 'planted.seven@privacy.test'],
  badBytes: ['隐私辛八', '13911110008', 'planted.eight@privacy.test'],
} as const;

/** Every way a planted value could show: as written, its parts, the bare phone digits, the e-mail lower-cased. */
const needles = Object.values(PLANTED).flatMap(([name, phone, email]) => [
  ...name.split(','), phone, phone.replace(/\D/g, '').slice(-11), email, email.toLowerCase(),
]);

const customerRow = (id: string, [name, phone, email]: readonly string[], signup: string) => `${id},${name},${phone},${email},${signup}`;

function writeFixture(): void {
  const lines = [
    'customer_id,name,phone,email,signup',
    customerRow('C1', PLANTED.accepted, '2023-01-05'),
    customerRow('C2', PLANTED.acceptedToo, '2023-02-01'),
    customerRow('C3', PLANTED.badSignup, '2023-13-45'),
    customerRow('C4', PLANTED.beforeFloor, '1850-01-01'),
    customerRow('C1', PLANTED.duplicate, '2023-03-01'),
    customerRow('', PLANTED.missingId, '2023-03-01'),
    customerRow('C7', PLANTED.malformed, '2023-03-01'),
  ].join('\n');
  fs.writeFileSync(path.join(dir, 'customers.csv'), Buffer.concat([
    Buffer.from(`${lines}\n`, 'utf8'),
    iconv.encode(`${customerRow('C8', PLANTED.badBytes, '2023-03-01')}\n`, 'gbk'),
  ]));
  fs.writeFileSync(path.join(dir, 'orders.csv'), [
    'order_id,customer_id,ordered_at,amount',
    'O1,C1,2024-03-05 10:00,120',
    'O2,C1,2024-09-05 10:00,80',
    'O3,C2,2024-11-20 10:00,300',
    'O4,C2,2024-12-20 10:00,1,234.50',
  ].join('\n'));
}

const sourceConfig = () => parseSourceConfig({
  timezone: 'Asia/Shanghai',
  sources: [
    { name: 'crm', kind: 'csv', entity: 'customers', path: path.join(dir, 'customers.csv'), dateFormats: ['iso'],
      columns: { customer_id: 'customer_id', name: 'name', phone: 'phone', email: 'email', signup: 'signup_at' } },
    { name: 'orders', kind: 'csv', entity: 'order_lines', path: path.join(dir, 'orders.csv'),
      columns: { order_id: 'order_id', customer_id: 'customer_id', ordered_at: 'ordered_at', amount: 'amount' } },
  ],
});

/** The planted values found in `text`. */
const found = (text: string) => needles.filter((n) => text.includes(n));

/** The text a person could read from a file: every part of a workbook, a PDF's text, anything else as UTF-8. */
async function readableText(file: string): Promise<string> {
  const bytes = fs.readFileSync(file);
  if (file.endsWith('.xlsx')) {
    const zip = await JSZip.loadAsync(bytes);
    return (await Promise.all(Object.values(zip.files).map((entry) => entry.async('string')))).join('\n');
  }
  if (file.endsWith('.pdf')) return pdfText(file);
  return bytes.toString('utf8');
}

function filesUnder(folder: string): string[] {
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

let harness: Harness;
let mailbox: Mailbox;
let result: RefreshResult;

beforeAll(async () => {
  writeFixture();
  harness = await openHarness('test-privacy');
  mailbox = await startMailbox();
  harness.config = { ...harness.config, smtpUrl: mailbox.url, outDir, reportRecipients: ['finance@example.test'] };
  result = await withWorker(harness, async () => (await startRefresh(harness.client, harness.config, { asOf: '2024-12-31', sourceConfig: sourceConfig() })).result());
}, 600_000);
afterAll(async () => {
  await mailbox.stop();
  await harness.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('personal data', () => {
  it('the planted rows were read: accepted customers keep pseudonyms, the others are quarantined with their reasons', async () => {
    const salt = harness.config.piiSalt;
    const customers = await harness.db('clean_customers').where({ run_id: result.runId }).orderBy('customer_id').select('customer_id', 'name_hash', 'phone_hash', 'email_hash');
    expect(customers).toEqual([
      { customer_id: 'C1', name_hash: pseudonymize('隐私甲一', salt), phone_hash: pseudonymize('13911110001', salt), email_hash: pseudonymize('planted.one@privacy.test', salt) },
      { customer_id: 'C2', name_hash: pseudonymize('jane plantedtwo', salt), phone_hash: pseudonymize('13911110002', salt), email_hash: pseudonymize('planted.two@privacy.test', salt) },
    ]);
    const quarantined = await harness.db('quarantine').where({ run_id: result.runId }).orderBy(['entity', 'row_no']).select('entity', 'row_no', 'reason');
    expect(quarantined.map((q) => [q.entity, q.row_no, q.reason])).toEqual([
      ['customers', 3, 'invalid_date'],
      ['customers', 4, 'date_before_floor'],
      ['customers', 5, 'duplicate_key'],
      ['customers', 6, 'missing_customer_id'],
      ['customers', 7, 'malformed_row'],
      ['customers', 8, 'bad_encoding'],
      ['order_lines', 4, 'malformed_row'],
    ]);
    expect(result.cleaned.find((c) => c.entity === 'customers')).toMatchObject({ read: 8, accepted: 2, quarantined: 6 });
  });

  it('no table holds a planted name, phone or e-mail', async () => {
    const tables: string[] = await harness.db('information_schema.tables').where({ table_schema: 'public', table_type: 'BASE TABLE' }).pluck('table_name');
    expect(tables).toEqual(expect.arrayContaining(['stg_customers', 'clean_customers', 'quarantine', 'report_artifacts', 'crm_export', 'runs']));
    const hits: string[] = [];
    for (const table of tables) {
      const rows = await harness.db.raw(`SELECT t::text AS row FROM "${table}" t WHERE t::text LIKE ANY (?)`, [needles.map((n) => `%${n}%`)]);
      for (const { row } of rows.rows as Array<{ row: string }>) hits.push(`${table}: ${found(row).join(', ')}`);
    }
    expect(hits).toEqual([]);
  });

  it('no file under the output folder, read as a person would read it, holds one', async () => {
    const files = filesUnder(outDir);
    expect(files.map((f) => path.extname(f)).sort()).toEqual(expect.arrayContaining(['.csv', '.json', '.pdf', '.xlsx']));
    for (const file of files) expect({ file, found: found(await readableText(file)) }).toEqual({ file, found: [] });
  });

  it('no mail holds one, in its headers, text or attachments', async () => {
    const mail = mailbox.messages.find((m) => m.messageId === result.published.delivery.messageId);
    expect(mail).toBeDefined();
    const headers = [...(mail?.headers.entries() ?? [])].map(([key, value]) => `${key}: ${JSON.stringify(value)}`).join('\n');
    expect(found(`${headers}\n${mail?.text ?? ''}\n${String(mail?.html ?? '')}`)).toEqual([]);
    for (const attachment of mail?.attachments ?? []) {
      const file = path.join(dir, `attached-${attachment.filename}`);
      fs.writeFileSync(file, attachment.content);
      expect({ attachment: attachment.filename, found: found(await readableText(file)) }).toEqual({ attachment: attachment.filename, found: [] });
    }
  });
});
