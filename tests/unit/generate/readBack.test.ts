/**
 * Reads a generated data set back from its files, with parsers written here independently
 * of the generator, and checks it against the manifest: every injected fault kind is
 * present and counted exactly, the timestamp formats match, the latent behaviours show in
 * the data, and the Chinese shopping calendar shows in weekly revenue.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { dayNumber, lunarToDayNumber } from '../../../analytics/calendar';
import { generateSampleData, type GenerateResult } from '../../../scripts/generate';

/** One order-line row as the pipeline sees it (view row or file row), raw text. */
interface Row {
  orderId: string;
  lineNo: string;
  customerId: string;
  orderedAt: string;
  channel: string;
  productId: string;
  quantity: string;
  unitPrice: string;
  amount: string;
  status: string;
}

let result: GenerateResult;
let root: string;
const sources: Record<string, Row[]> = {};
let customers: Record<string, string>[];

function csv(file: string, encoding: 'utf8' | 'gbk' = 'utf8'): Record<string, string>[] {
  const bytes = fs.readFileSync(path.join(result.outDir, file));
  return parse(encoding === 'gbk' ? iconv.decode(bytes, 'gbk') : bytes.toString('utf8'), { columns: true, bom: true }) as Record<string, string>[];
}

/** Minutes since the epoch of a timestamp in one of the generated formats, or undefined. */
function parseTime(text: string): number | undefined {
  let m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):\d{2}(?:\+08:00)?$/.exec(text);
  let parts = m && [m[1], m[2], m[3], m[4], m[5]];
  if (!parts && (m = /^(\d{4})\/(\d{1,2})\/(\d{1,2}) (\d{1,2}):(\d{2})$/.exec(text))) parts = [m[1], m[2], m[3], m[4], m[5]];
  if (!parts && (m = /^(\d{4})年(\d{1,2})月(\d{1,2})日 (\d{2}):(\d{2})$/.exec(text))) parts = [m[1], m[2], m[3], m[4], m[5]];
  if (!parts && (m = /^(\d{2})\/(\d{2})\/(\d{4}) (\d{2}):(\d{2})$/.exec(text))) parts = [m[3], m[2], m[1], m[4], m[5]];
  if (!parts) return undefined;
  const [y, mo, d, h, mi] = parts.map(Number);
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi));
  if (y < 1900 || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d || h > 23) return undefined;
  return date.getTime() / 60_000;
}

function formatOf(text: string): string | undefined {
  if (parseTime(text) === undefined) return undefined;
  if (/^\d{4}-/.test(text)) return 'iso';
  if (/^\d{4}\//.test(text)) return 'yyyy/M/d';
  return text.includes('年') ? 'cn' : 'd/M/yyyy';
}

/** Fen of an amount in any generated notation, or undefined. */
function parseFen(text: string): number | undefined {
  const plain = text.replace(/[０-９]/g, (d) => String(d.charCodeAt(0) - 0xff10)).replace(/[¥￥,元\s]|RMB/g, '');
  return /^-?\d+\.\d{2}$/.test(plain) ? Math.round(Number(plain) * 100) : undefined;
}

/** The faults and returns of a source, counted from its rows. */
function countFaults(rows: Row[], known: Set<string>): Record<string, number> {
  const counts: Record<string, number> = {};
  const add = (kind: string) => { counts[kind] = (counts[kind] ?? 0) + 1; };
  const seen = new Set<string>();
  const recent = new Map<string, { orderId: string; at: number }[]>();
  for (const row of rows) {
    const key = Object.values(row).join('\u0001');
    if (seen.has(key)) add('exact_duplicate');
    seen.add(key);
    const id = row.customerId;
    if (id === '') add('missing_customer_id');
    else if (id !== id.trim()) add('padded_customer_id');
    else if (!known.has(id)) add('unknown_customer_id');
    const at = parseTime(row.orderedAt);
    if (at === undefined) add('garbage_date');
    const fen = parseFen(row.amount);
    if (fen === undefined) add('garbage_amount');
    else if (fen === Number(row.quantity) * (parseFen(row.unitPrice) ?? 0) * 1_000) add('outlier_amount');
    if (/[０-９]/.test(row.amount)) add('full_width_digits');
    if (/[¥￥元]|RMB/.test(row.amount)) add('currency_format');
    if (row.status === 'returned') add('return_line');
    if (row.status !== 'completed' || at === undefined) continue;
    const twin = [id, row.productId, row.lineNo, row.quantity, row.amount].join('|');
    const earlier = recent.get(twin) ?? [];
    if (earlier.some((e) => e.orderId !== row.orderId && at - e.at >= 0 && at - e.at <= 10)) add('near_duplicate');
    recent.set(twin, [...earlier, { orderId: row.orderId, at }]);
  }
  return counts;
}

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'generate-readback-'));
  result = await generateSampleData({ seed: 7, customers: 3_000, lines: 40_000, start: '2023-11-20', end: '2026-11-22', outDir: root });
  const orders = new Map(csv('database/orders.csv').map((o) => [o.order_no, o]));
  sources.online_order_lines = csv('database/order_lines.csv').map((l) => {
    const o = orders.get(l.order_no);
    if (!o) throw new Error(`line ${l.line_key} has no order ${l.order_no}`);
    return {
      orderId: l.order_no, lineNo: l.line_no, customerId: o.member_no, orderedAt: l.returned_at || o.order_time, channel: o.channel,
      productId: l.sku, quantity: l.qty, unitPrice: l.unit_price, amount: l.amount, status: l.status,
    };
  });
  sources.store_orders = csv('store_orders_gbk.csv', 'gbk').map((r) => ({
    orderId: r['订单号'], lineNo: r['行号'], customerId: r['客户编号'], orderedAt: r['下单时间'], channel: r['渠道'],
    productId: r['商品编号'], quantity: r['数量'], unitPrice: r['单价'], amount: r['金额'], status: r['状态'],
  }));
  customers = csv('database/customers.csv');
});

afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('order sources read back', () => {
  it.each(['online_order_lines', 'store_orders'])('%s: every fault kind is present and counted as in the manifest', (name) => {
    const manifest = result.manifest.sources[name];
    const counted = countFaults(sources[name], new Set(customers.map((c) => c.customer_no)));
    expect(sources[name]).toHaveLength(manifest.rows);
    expect(counted).toEqual(manifest.mess);
    for (const kind of ['exact_duplicate', 'near_duplicate', 'missing_customer_id', 'unknown_customer_id', 'padded_customer_id',
      'garbage_date', 'garbage_amount', 'outlier_amount', 'full_width_digits', 'currency_format', 'return_line']) {
      expect(counted[kind]).toBeGreaterThan(0);
    }
  });

  it.each(['online_order_lines', 'store_orders'])('%s: timestamp formats are counted as in the manifest', (name) => {
    const counts: Record<string, number> = {};
    for (const row of sources[name]) {
      const format = formatOf(row.orderedAt);
      if (format) counts[format] = (counts[format] ?? 0) + 1;
    }
    expect(counts).toEqual(result.manifest.sources[name].forms.date);
  });

  it('puts the store channel in the GBK export and the others in the database', () => {
    expect(new Set(sources.store_orders.map((r) => r.channel))).toEqual(new Set(['store']));
    expect(new Set(sources.online_order_lines.map((r) => r.channel))).toEqual(new Set(['app', 'web', 'mini_program']));
  });

  it('dates every return after its sale, with the same order and line, negated', () => {
    for (const rows of Object.values(sources)) {
      const sales = new Map(rows.filter((r) => r.status === 'completed').map((r) => [`${r.orderId}|${r.lineNo}`, r]));
      for (const ret of rows.filter((r) => r.status === 'returned')) {
        const sale = sales.get(`${ret.orderId}|${ret.lineNo}`);
        expect(sale).toBeDefined();
        expect(Number(ret.quantity)).toBe(-Number(sale?.quantity));
        expect(parseFen(ret.amount)).toBe(-(parseFen(sale?.amount ?? '') ?? NaN));
        expect(parseTime(ret.orderedAt) ?? 0).toBeGreaterThan(parseTime(sale?.orderedAt ?? '') ?? Infinity);
      }
    }
  });
});

describe('other sources read back', () => {
  it('customers: the notations and gaps are counted as in the manifest', () => {
    const counted: Record<string, number> = {};
    const add = (kind: string, when: boolean) => { if (when) counted[kind] = (counted[kind] ?? 0) + 1; };
    for (const c of customers) {
      add('blank_gender', c.sex === '');
      add('missing_phone', c.mobile === '');
      add('full_width_digits', /[０-９]/.test(c.mobile));
      add('blank_city', c.city === '');
      add('missing_birth_date', c.birthday === '');
      add('missing_email', c.email === '');
    }
    expect(counted).toEqual(result.manifest.sources.customers.mess);
    expect(new Set(customers.map((c) => c.sex))).toEqual(new Set(['男', '女', 'M', 'F', '1', '0', '']));
  });

  it('surveys: blank, whitespace, emoji and multi-line comments and missing scores are counted as in the manifest', () => {
    const counted: Record<string, number> = {};
    const add = (kind: string, when: boolean) => { if (when) counted[kind] = (counted[kind] ?? 0) + 1; };
    const rows = csv('survey_responses.csv');
    for (const r of rows) {
      const comment = r['评价内容'];
      add('blank_comment', comment === '');
      add('whitespace_comment', comment !== '' && comment.trim() === '');
      add('emoji_comment', /\p{Extended_Pictographic}/u.test(comment));
      add('multiline_comment', comment.includes('\n'));
      add('missing_nps', r['推荐意愿'] === '');
      add('missing_csat', r['满意度'] === '');
    }
    expect(rows).toHaveLength(result.manifest.counts.surveyResponses);
    expect(counted).toEqual(result.manifest.sources.survey_responses.mess);
  });

  it('marketing: new customers are the customers first acquired in the window, spend cells with currency marks are counted', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path.join(result.outDir, 'marketing_spend.xlsx'));
    const rows: ExcelJS.CellValue[][] = [];
    workbook.worksheets[0].eachRow((row, i) => { if (i > 1) rows.push((row.values as ExcelJS.CellValue[]).slice(1)); });
    expect(rows).toHaveLength(result.manifest.sources.marketing_spend.rows);
    expect(rows.filter((r) => typeof r[2] === 'string')).toHaveLength(result.manifest.sources.marketing_spend.mess.currency_format);
    const acquired = rows.reduce((sum, r) => sum + Number(r[3]), 0);
    const windowStart = '2023-11-20';
    const signedUpInside = customers.filter((c) => /^\d{4}-\d{2}-\d{2}/.test(c.registered_at) && c.registered_at >= windowStart).length;
    expect(acquired).toBe(Object.values(result.manifest.expected.newCustomersByChannel).reduce((a, b) => a + b, 0));
    expect(acquired).toBeGreaterThan(signedUpInside * 0.8);
  });
});

describe('the truth shows in the data', () => {
  /** Per customer: net revenue (fen), orders, store share, last order minute; from parseable rows of known customers. */
  function perCustomer(): Map<string, { fen: number; orders: Set<string>; store: number; rows: number; last: number }> {
    const out = new Map<string, { fen: number; orders: Set<string>; store: number; rows: number; last: number }>();
    for (const row of [...sources.online_order_lines, ...sources.store_orders]) {
      const fen = parseFen(row.amount);
      const at = parseTime(row.orderedAt);
      if (fen === undefined || at === undefined || row.status !== 'completed') continue;
      const c = out.get(row.customerId) ?? { fen: 0, orders: new Set<string>(), store: 0, rows: 0, last: 0 };
      c.fen += fen;
      c.orders.add(row.orderId);
      c.rows++;
      if (row.channel === 'store') c.store++;
      c.last = Math.max(c.last, at);
      out.set(row.customerId, c);
    }
    return out;
  }

  it('the latent behaviours are visible as segments', () => {
    const stats = perCustomer();
    const { behaviours, behaviourCodes } = result.manifest.latent;
    const group = (name: string) => {
      const code = behaviours.find((b) => b.name === name)?.code;
      return customers.filter((_, i) => behaviourCodes[i] === code).map((c) => stats.get(c.customer_no)).filter((s) => s !== undefined);
    };
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    const everyone = [...stats.values()];
    expect(mean(group('vip').map((s) => s.fen))).toBeGreaterThan(3 * mean(everyone.map((s) => s.fen)));
    expect(mean(group('one_time').map((s) => s.orders.size))).toBeLessThan(1.1);
    expect(mean(group('store_regular').map((s) => s.store / s.rows))).toBeGreaterThan(0.7);
    const lateDay = dayNumber(2026, 5, 22) * 1_440;
    expect(group('lapsed').filter((s) => s.last >= lateDay).length).toBeLessThan(group('lapsed').length * 0.05);
    const birthYears = (name: string) => {
      const code = behaviours.find((b) => b.name === name)?.code;
      return customers.filter((c, i) => behaviourCodes[i] === code && /^\d{4}-/.test(c.birthday)).map((c) => Number(c.birthday.slice(0, 4)));
    };
    expect(mean(birthYears('young_app'))).toBeGreaterThan(mean(birthYears('store_regular')) + 20);
  });

  it('weekly revenue peaks in the Double 11 week and dips in the Spring Festival week', () => {
    const weeks = new Map<number, number>();
    for (const row of [...sources.online_order_lines, ...sources.store_orders]) {
      const fen = parseFen(row.amount);
      const at = parseTime(row.orderedAt);
      if (fen === undefined || at === undefined || fen === Number(row.quantity) * (parseFen(row.unitPrice) ?? 0) * 1_000) continue;
      const day = Math.floor(at / 1_440);
      const monday = day - ((day + 3) % 7);
      weeks.set(monday, (weeks.get(monday) ?? 0) + fen);
    }
    const full = [...weeks.entries()].sort((a, b) => a[0] - b[0]).slice(1, -1);
    const median = full.map(([, fen]) => fen).sort((a, b) => a - b)[full.length >> 1];
    const weekOf = (day: number) => weeks.get(day - ((day + 3) % 7)) ?? NaN;
    for (const year of [2024, 2025, 2026]) {
      expect(weekOf(dayNumber(year, 11, 11))).toBeGreaterThan(1.3 * median);
      expect(weekOf(lunarToDayNumber(year, 1, 1))).toBeLessThan(0.7 * median);
    }
  });
});
