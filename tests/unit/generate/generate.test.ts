/**
 * The generator's contract without a database: byte-identical output for a seed, the
 * requested size, a GBK export with Chinese headers, and a sources.json the extract stage
 * accepts whose file sources match the files' headers.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { foldFullWidth } from '../../../analytics/cleaning/text';
import { parseSourceConfig } from '../../../config/sources';
import { generateSampleData, type GenerateOptions, type GenerateResult } from '../../../scripts/generate';

const base = { customers: 1_500, lines: 15_000, start: '2023-11-20', end: '2026-11-22' };
let root: string;
let first: GenerateResult;
let again: GenerateResult;
let other: GenerateResult;
let undropped: GenerateResult;

function run(seed: number, dir: string, extra: Partial<GenerateOptions> = {}): Promise<GenerateResult> {
  const options: GenerateOptions = { ...base, seed, outDir: path.join(root, dir), ...extra };
  return generateSampleData(options);
}

/** File name → SHA-256 of every output file, manifest included. */
function hashes(result: GenerateResult): Record<string, string> {
  const files = Object.fromEntries(Object.entries(result.manifest.files).map(([name, digest]) => [name, digest.sha256]));
  return { ...files, 'manifest.json': fs.readFileSync(result.manifestPath).toString('base64') };
}

/** The header row of a file source, decoded as sources.json says. */
async function header(file: string): Promise<string[]> {
  if (file.endsWith('.xlsx')) {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    return (workbook.worksheets[0].getRow(1).values as ExcelJS.CellValue[]).slice(1).map(String);
  }
  const bytes = fs.readFileSync(file);
  const text = /gbk|gb18030/.test(file) ? iconv.decode(bytes, 'gb18030') : bytes.toString('utf8');
  return (parse(text, { bom: true, to_line: 1 }) as string[][])[0];
}

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'generate-test-'));
  first = await run(42, 'a');
  again = await run(42, 'b');
  other = await run(43, 'c');
  undropped = await run(42, 'd', { channelDrop: false });
});

afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('generateSampleData', () => {
  it('produces byte-identical files for the same options', () => {
    expect(hashes(again)).toEqual(hashes(first));
  });

  it('produces different files for a different seed', () => {
    const a = hashes(first);
    const c = hashes(other);
    for (const name of ['store_orders_gbk.csv', 'survey_responses.csv', 'marketing_spend.xlsx', 'database/order_lines.csv', 'database/customers.csv']) {
      expect(c[name]).not.toBe(a[name]);
    }
  });

  it('has about the requested size', () => {
    const { counts } = first.manifest;
    expect(counts.customers).toBe(base.customers);
    expect(counts.orderLineRows).toBeGreaterThan(base.lines * 0.85);
    expect(counts.orderLineRows).toBeLessThan(base.lines * 1.15);
    expect(counts.customersWithOrders).toBeGreaterThan(base.customers * 0.9);
    expect(first.manifest.latent.behaviourCodes).toHaveLength(base.customers);
  });

  it('writes the store export in GBK with Chinese headers', () => {
    const bytes = fs.readFileSync(path.join(first.outDir, 'store_orders_gbk.csv'));
    expect(bytes.toString('utf8')).toContain('\uFFFD'); // not UTF-8
    const text = iconv.decode(bytes, 'gbk');
    expect(text).not.toContain('\uFFFD');
    expect(text.split('\r\n')[0]).toBe('订单号,行号,客户编号,下单时间,渠道,门店,商品编号,品类,数量,单价,金额,币种,状态');
    expect(text).toContain('服饰');
    expect(text).toContain('￥');
  });

  it('writes the survey export as UTF-8 with a BOM', () => {
    const bytes = fs.readFileSync(path.join(first.outDir, 'survey_responses.csv'));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('writes a sources.json the source config accepts, whose files match their column mappings', async () => {
    const config = parseSourceConfig(JSON.parse(fs.readFileSync(first.sourcesPath, 'utf8')), 'sources.json');
    expect(config.timezone).toBe('Asia/Shanghai');
    expect(config.sources.map((s) => s.kind).sort()).toEqual(['csv', 'csv', 'csv', 'csv', 'database', 'database', 'xlsx']);
    for (const source of config.sources) {
      expect(source.dateFormats.length).toBeGreaterThan(0);
      if (source.kind === 'database') continue;
      const file = path.resolve(path.dirname(first.sourcesPath), source.path);
      expect((await header(file)).sort()).toEqual([...Object.keys(source.columns), ...source.ignore].sort());
    }
  });

  it('plants the voice groups: silent customers never engage, vocal detractors review badly, influencers bring customers', () => {
    const { plantedCodes, referrals } = first.manifest.latent;
    const idOf = (i: number) => `C${String(i + 1).padStart(8, '0')}`;
    const group = (code: string) => new Set([...plantedCodes].flatMap((c, i) => (c === code ? [idOf(i)] : [])));
    const [silent, vocal, influencers] = [group('1'), group('2'), group('3')];
    expect(silent.size).toBeGreaterThan(0);
    expect(vocal.size).toBeGreaterThan(0);
    expect(influencers.size).toBeGreaterThanOrEqual(3);
    const events = parse(fs.readFileSync(path.join(first.outDir, 'engagement_events.csv')), { columns: true }) as Array<Record<string, string>>;
    const reviews = parse(iconv.decode(fs.readFileSync(path.join(first.outDir, 'reviews_gb18030.csv')), 'gb18030'), { columns: true }) as Array<Record<string, string>>;
    const survey = parse(fs.readFileSync(path.join(first.outDir, 'survey_responses.csv')), { columns: true, bom: true }) as Array<Record<string, string>>;
    // Fault rows pick random customers with a garbage time or type; every genuine row of a silent customer would be a planting bug.
    const genuineEvents = events.filter((e) => /^\d{4}/.test(e.event_time) && !['purchase_intent', '收藏', 'unsubscribe'].includes(e.event_type));
    expect(genuineEvents.filter((e) => silent.has(foldFullWidth(e.member_id)))).toEqual([]);
    expect(reviews.filter((r) => silent.has(r['会员编号']) && r['评价内容'] !== '还行')).toEqual([]);
    expect(survey.filter((r) => silent.has(r['会员编号']))).toEqual([]);
    const vocalRatings = reviews.filter((r) => vocal.has(r['会员编号']) && !['6', '0', '五星好评'].includes(r['评分']));
    expect(vocalRatings.length).toBeGreaterThan(vocal.size);
    for (const r of vocalRatings) expect(['1', '2', '１', '２', '1星', '2星', '★', '★★']).toContain(r['评分']);
    expect(Object.keys(referrals).sort()).toEqual([...influencers].sort());
    for (const [influencer, brought] of Object.entries(referrals)) {
      // Ordinary referrals name nobody; ids now and then come in full-width digits.
      const referred = genuineEvents.filter((e) => foldFullWidth(e.member_id) === influencer && e.event_type === 'referral' && e.referred_member_id !== '')
        .map((e) => e.referred_member_id).sort();
      expect(referred).toEqual(brought);
    }
  });

  it('plants the web channel drop by removing orders only: every other row is as without it', () => {
    const { plantedChannelDrop } = first.manifest.latent;
    expect(plantedChannelDrop.orders).toBeGreaterThan(0);
    expect(undropped.manifest.latent.plantedChannelDrop.orders).toBe(0);
    const [withDrop, without] = [hashes(first), hashes(undropped)];
    const orderFiles = ['database/orders.csv', 'database/order_lines.csv'];
    for (const name of Object.keys(without).filter((n) => n !== 'manifest.json' && !orderFiles.includes(n))) expect([name, withDrop[name]]).toEqual([name, without[name]]);
    const lines = (result: GenerateResult, name: string) => fs.readFileSync(path.join(result.outDir, name), 'utf8').split('\n');
    const removed = (name: string) => {
      const kept = new Set(lines(first, name));
      const all = lines(undropped, name);
      // The kept rows are the full rows in their order, with some taken out (ids do not move).
      expect(all.filter((row) => kept.has(row))).toEqual(lines(first, name));
      return all.filter((row) => !kept.has(row));
    };
    const removedOrders = parse(removed('database/orders.csv').join('\n')) as string[][];
    const removedIds = new Set(removedOrders.map((o) => o[0]));
    expect(removedOrders.length).toBeGreaterThanOrEqual(plantedChannelDrop.orders);
    for (const order of removedOrders) {
      expect(order[3]).toBe('web');
      expect(order[0].slice(0, 8) >= '20261012').toBe(true); // order ids start with the day; the window's last 42 days
    }
    const removedLines = parse(removed('database/order_lines.csv').join('\n')) as string[][];
    expect(removedLines.length).toBeGreaterThan(0);
    for (const line of removedLines) expect(removedIds.has(line[1])).toBe(true);
  });

  it('rejects bad options with a message that names them', async () => {
    await expect(generateSampleData({ ...base, seed: 1, customers: 0, outDir: path.join(root, 'bad') })).rejects.toThrow(/customers must be a positive integer/);
    await expect(generateSampleData({ ...base, seed: 1, start: '2026-01-01', end: '2025-01-01', outDir: path.join(root, 'bad') })).rejects.toThrow(/end 2025-01-01 must be after/);
  });
});
