/**
 * A seeded fuzz of the pipeline's reading path (extract's CSV reader, then clean's order-line
 * standardizer): files in UTF-8, UTF-8 with BOM, GBK and UTF-16 whose rows are written in every
 * documented date and amount format, with malformed rows, stray quotes, bad bytes, NUL bytes,
 * ambiguous amounts, impossible dates, empty lines and multi-line quoted fields mixed in. For
 * every file: rows read = accepted + quarantined, every mutated row is quarantined, and every
 * accepted row is exactly what the source said (order, customer, instant, amount, category).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { readCsvSource } from '../../../activities/extract/csv';
import { stagedValues } from '../../../activities/extract/staging';
import { cleanContext } from '../../../analytics/cleaning/fields';
import { standardizeOrderLine } from '../../../analytics/cleaning/orderLines';
import { mulberry32, randomInt, type Uniform } from '../../../analytics/random';
import { entityColumns } from '../../../config/canonical';
import { parseSourceConfig, type SourceSpec } from '../../../config/sources';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'csv-fuzz-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

type Encoding = 'utf8' | 'utf8-bom' | 'gbk' | 'utf16le';
const ENCODINGS: Encoding[] = ['utf8', 'utf8-bom', 'gbk', 'utf16le'];
const MUTATIONS = ['extra_field', 'missing_field', 'stray_quote', 'ambiguous_amount', 'impossible_date', 'bad_bytes', 'nul_byte'] as const;
type Mutation = (typeof MUTATIONS)[number];
const CATEGORIES = ['服饰', '美妆', '数码', '食品', 'home, garden', 'say "hi"', '家居\n用品', 'books'];

interface Intended {
  orderId: string;
  customerId: string;
  /** Asia/Shanghai wall clock. */
  wall: [number, number, number, number, number];
  fen: number;
  category: string;
  mutation?: Mutation;
}

const pick = <T>(u: Uniform, items: readonly T[]): T => items[randomInt(u, items.length)];
const pad = (n: number) => String(n).padStart(2, '0');
const field = (value: string) => (/[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
const fullWidth = (text: string) => text.replace(/[0-9.,]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

function dateText(u: Uniform, [y, m, d, h, mi]: Intended['wall']): string {
  switch (randomInt(u, 3)) {
    case 0: return `${y}-${pad(m)}-${pad(d)} ${pad(h)}:${pad(mi)}:00`;
    case 1: return `${y}年${m}月${d}日 ${pad(h)}:${pad(mi)}`;
    default: return `${y}/${m}/${d} ${h}:${pad(mi)}`;
  }
}

function amountText(u: Uniform, fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const yuan = `${Math.floor(Math.abs(fen) / 100)}.${pad(Math.abs(fen) % 100)}`;
  const grouped = yuan.replace(/\B(?=(\d{3})+\.)/g, ',');
  switch (randomInt(u, 5)) {
    case 0: return `${sign}${yuan}`;
    case 1: return `${sign}￥${grouped}`; // ¥ is not in GBK: GBK exports write ￥
    case 2: return `${sign}${grouped}元`;
    case 3: return `${sign}RMB ${grouped}`;
    default: return `${sign}${fullWidth(yuan)}`;
  }
}

/** One file's rows (intent) and bytes. */
function generate(seed: number): { encoding: Encoding; rows: Intended[]; bytes: Buffer } {
  const u = mulberry32(seed);
  const encoding = ENCODINGS[seed % ENCODINGS.length];
  const encode = (text: string) => (encoding === 'gbk' ? iconv.encode(text, 'gbk') : encoding === 'utf16le' ? Buffer.from(text, 'utf16le') : Buffer.from(text, 'utf8'));
  const chunks: Buffer[] = [];
  if (encoding === 'utf8-bom') chunks.push(Buffer.from([0xef, 0xbb, 0xbf]));
  if (encoding === 'utf16le') chunks.push(Buffer.from([0xff, 0xfe]));
  chunks.push(encode('order_id,customer_id,ordered_at,amount,category\n'));
  const rows: Intended[] = [];
  let badBytes = 0;
  for (let i = 1; i <= 200; i++) {
    if (u() < 0.03) chunks.push(encode('\n'));
    const row: Intended = {
      orderId: `O${i}`,
      customerId: `C${randomInt(u, 50)}`,
      wall: [2020 + randomInt(u, 5), 1 + randomInt(u, 12), 1 + randomInt(u, 28), randomInt(u, 24), randomInt(u, 60)],
      fen: (u() < 0.1 ? -1 : 1) * (1 + randomInt(u, 500_000)),
      category: pick(u, CATEGORIES),
    };
    let mutation: Mutation | undefined = u() < 0.25 ? pick(u, MUTATIONS) : undefined;
    // A few bad-byte rows per file, as real exports have: many would (rightly) fail the whole file.
    if ((mutation === 'bad_bytes' || mutation === 'nul_byte') && ++badBytes > 8) mutation = undefined;
    row.mutation = mutation;
    rows.push(row);
    const fields = [row.orderId, row.customerId, dateText(u, row.wall), amountText(u, row.fen), row.category].map(field);
    switch (mutation) {
      case 'extra_field': fields[3] = `${Math.floor(Math.abs(row.fen) / 100) + 1000}`.replace(/(\d)(\d{3})$/, '$1,$2'); break;
      case 'missing_field': fields.pop(); break;
      case 'stray_quote': fields[4] = `bro"ken`; break;
      case 'ambiguous_amount': fields[3] = field(pick(u, ['12,5', '1.234,50', '0x10', 'Infinity', '1e5', '12元34'])); break;
      case 'impossible_date': fields[2] = pick(u, ['2024-13-45 10:00:00', '0001-01-01', '2024-02-30', '待定']); break;
      case 'nul_byte': fields[4] = 'x\u0000y'; break;
      default: break;
    }
    if (mutation === 'bad_bytes') {
      // Bytes the file's encoding cannot hold: GBK in a UTF-8 file, 0xFF in GBK, a lone surrogate in UTF-16.
      const line = `${fields.slice(0, 4).join(',')},`;
      const bad = encoding === 'gbk' ? Buffer.from([0xff, 0x41]) : encoding === 'utf16le' ? Buffer.from([0x00, 0xd8]) : iconv.encode('坏', 'gbk');
      chunks.push(encode(line), bad, encode('\n'));
    } else {
      chunks.push(encode(`${fields.join(',')}\n`));
    }
  }
  return { encoding, rows, bytes: Buffer.concat(chunks) };
}

function sourceFor(file: string): Extract<SourceSpec, { kind: 'csv' }> {
  const [source] = parseSourceConfig({
    sources: [{ name: 'orders', kind: 'csv', entity: 'order_lines', path: file, dateFormats: ['iso', 'cn', 'yyyy/M/d'],
      columns: { order_id: 'order_id', customer_id: 'customer_id', ordered_at: 'ordered_at', amount: 'amount', category: 'category' } }],
  }).sources;
  if (source.kind !== 'csv') throw new Error('a CSV source');
  return source;
}

describe('reading fuzzed CSV files', () => {
  it('the generator plants every mutation, in every encoding, beside clean rows', () => {
    const files = Array.from({ length: 24 }, (_, i) => generate(i + 1));
    expect(new Set(files.map((f) => f.encoding))).toEqual(new Set(ENCODINGS));
    const planted = new Set(files.flatMap((f) => f.rows.map((r) => r.mutation ?? 'none')));
    expect([...planted].sort()).toEqual([...MUTATIONS, 'none'].sort());
    for (const f of files) expect(f.rows.filter((r) => !r.mutation).length).toBeGreaterThan(100);
  });

  it.each(Array.from({ length: 24 }, (_, i) => [i + 1]))('seed %i: every row accounted for, accepted rows exactly as written', async (seed) => {
    const { rows, bytes } = generate(seed);
    const file = path.join(dir, `fuzz-${seed}.csv`);
    fs.writeFileSync(file, bytes);
    const source = sourceFor(file);
    const ctx = cleanContext({ source, config: { timezone: 'Asia/Shanghai', currency: 'CNY', dateFloor: '1900-01-01' }, asOf: { day: '2025-12-31', cutoff: '2025-12-31T16:00:00.000Z' }, piiSalt: 'fuzz-salt' });
    const columns = entityColumns('order_lines');
    let read = 0;
    const accepted = new Map<number, ReturnType<typeof standardizeOrderLine>>();
    const quarantined = new Set<number>();
    for await (const row of readCsvSource(source)) {
      read++;
      const staged = stagedValues(row, source, 'fuzz-salt');
      if (staged[columns.length] !== null) {
        quarantined.add(row.rowNo);
        continue;
      }
      const result = standardizeOrderLine(row.values, ctx);
      if (result.ok) accepted.set(row.rowNo, result);
      else quarantined.add(row.rowNo);
    }
    expect(read).toBe(rows.length);
    expect(accepted.size + quarantined.size).toBe(read);
    rows.forEach((intended, i) => {
      const rowNo = i + 1;
      if (intended.mutation) {
        expect({ rowNo, mutation: intended.mutation, quarantined: quarantined.has(rowNo) }).toEqual({ rowNo, mutation: intended.mutation, quarantined: true });
        return;
      }
      const result = accepted.get(rowNo);
      const [y, m, d, h, mi] = intended.wall;
      expect(result?.ok && {
        orderId: result.row.orderId, customerId: result.row.customerId, orderedAt: result.row.orderedAt.toISOString(),
        amount: result.row.amount, category: result.row.category,
      }).toEqual({
        orderId: intended.orderId, customerId: intended.customerId, orderedAt: new Date(Date.UTC(y, m - 1, d, h - 8, mi)).toISOString(),
        amount: intended.fen / 100, category: intended.category,
      });
    });
  });
});
