/**
 * The published workbook and PDF of a generated sample with voice sources, run twice (so the
 * second run has a previous run): the Voice sheet's figures, keywords, segment shares, tag
 * counts and warnings read back equal to the voice tables, the voice warnings reach the
 * Summary, the Segments sheet's clusters, migration matrix and affinity pairs equal the
 * segment-insight tables, and the PDF's voice section extracts with its Chinese text.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { groupName, type CustomerGroup } from '../../analytics/segment/groups';
import { rfmSegmentName, type RfmSegment } from '../../analytics/segment/rfm';
import { loadSourceConfigFile } from '../../config/load';
import { both, SHEETS } from '../../reports/labels';
import { sheetName } from '../../reports/workbook/build';
import { generateSampleData } from '../../scripts/generate';
import { startRefresh } from '../../scripts/lib/refresh';
import type { RefreshResult } from '../../contract/refresh';
import { pdfText } from '../support/pdfText';
import { openHarness, withWorker, type Harness } from '../support/pipeline';

const START = '2025-06-01';
const EARLIER = '2026-05-03';
const AS_OF = '2026-05-31';

let harness: Harness;
let result: RefreshResult;
let previousRunId: string;
let workbook: ExcelJS.Workbook;

beforeAll(async () => {
  harness = await openHarness('test-publish-voice');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'publish-voice-'));
  harness.config = { ...harness.config, outDir: path.join(dir, 'out') };
  const generated = await generateSampleData({ seed: 7, customers: 800, lines: 10_000, start: START, end: AS_OF, outDir: dir, db: harness.db });
  const sourceConfig = loadSourceConfigFile(generated.sourcesPath);
  await withWorker(harness, async () => {
    previousRunId = (await (await startRefresh(harness.client, harness.config, { asOf: EARLIER, sourceConfig })).result()).runId;
    result = await (await startRefresh(harness.client, harness.config, { asOf: AS_OF, sourceConfig })).result();
  });
  workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(result.published.artifacts.find((a) => a.kind === 'workbook')!.path);
}, 900_000);
afterAll(() => harness.close());

const sql = async <T>(query: string, bindings: readonly unknown[] = [result.runId]) => (await harness.db.raw(query, bindings as never)).rows as T[];

/** The data rows of the table whose header row starts with `header` (the `nth`, from 1), up to the first empty row. */
function tableRows(sheet: ExcelJS.Worksheet, header: string, nth = 1): unknown[][] {
  const headers: number[] = [];
  sheet.eachRow((row, n) => { if (row.getCell(1).value === header) headers.push(n); });
  expect(headers.length).toBeGreaterThanOrEqual(nth);
  const rows: unknown[][] = [];
  for (let n = headers[nth - 1] + 1; sheet.getRow(n).getCell(1).value !== null; n++) rows.push((sheet.getRow(n).values as unknown[]).slice(1));
  return rows;
}

describe('published reports with voice and segment insights', () => {
  it('the Voice sheet\'s figures equal the voice tables of the run', async () => {
    const sheet = workbook.getWorksheet(sheetName(SHEETS.voice))!;
    const [totals] = await sql<{ comments: number; negative: number; score: number }>(
      `SELECT count(*)::int AS comments, count(*) FILTER (WHERE polarity = 'negative')::int AS negative, avg(score::numeric)::float8 AS score FROM comment_sentiment WHERE run_id = ?`);
    expect(totals.comments).toBeGreaterThan(100);
    const summary = tableRows(sheet, '指标 Figure');
    expect(summary.map((r) => r[1])).toEqual([totals.comments, totals.negative, totals.negative / totals.comments, totals.score,
      Number((await sql<{ n: string }>('SELECT count(*) AS n FROM voice_warnings WHERE run_id = ?'))[0].n)]);

    const bySource = await sql<{ source: string; comments: number; negative: number }>(
      `SELECT source, count(*)::int AS comments, count(*) FILTER (WHERE polarity = 'negative')::int AS negative FROM comment_sentiment WHERE run_id = ? GROUP BY 1 ORDER BY 2 DESC, 1`);
    expect(tableRows(sheet, '来源 Source').map((r) => r.slice(0, 3))).toEqual(bySource.map((s) => [s.source, s.comments, s.negative]));

    const keywords = await sql<{ kind: string; rank: number; term: string; comments: number }>(
      `SELECT kind, rank, term, comments FROM comment_topics WHERE run_id = ? AND grouping = 'all' ORDER BY kind, rank`);
    expect(keywords.some((k) => k.kind === 'complaint')).toBe(true);
    expect(tableRows(sheet, '类型 Kind').map((r) => [r[0], r[1], r[2], r[4]]))
      .toEqual(keywords.map((k) => [k.kind === 'praise' ? '好评 Praise' : '抱怨 Complaint', k.rank, k.term, k.comments]));
    // Keywords per month: a row per month and kind, the keyword of rank r and its comment count in the (2 + r)th cell.
    const monthly = await sql<{ period: string; kind: string; rank: number; term: string; comments: number }>(
      `SELECT period, kind, rank, term, comments FROM comment_topics WHERE run_id = ? AND grouping = 'month' ORDER BY period, kind, rank`);
    expect(monthly.length).toBeGreaterThan(0);
    const matrix = new Map(tableRows(sheet, '月份 Month').map((r) => [`${String(r[0])} ${String(r[1])}`, r.slice(2)]));
    expect(matrix.size).toBe(new Set(monthly.map((k) => `${k.period} ${k.kind}`)).size);
    for (const k of monthly) expect(matrix.get(`${k.period} ${k.kind === 'praise' ? '好评 Praise' : '抱怨 Complaint'}`)?.[k.rank - 1]).toBe(`${k.term} (${k.comments})`);

    const shares = await sql<{ segment: string; comments: number; now: number; before: number | null }>(`
      SELECT c.segment, c.comments, c.negative_share AS now, p.negative_share AS before
      FROM segment_voice c LEFT JOIN segment_voice p ON p.run_id = ? AND p.segment = c.segment WHERE c.run_id = ? ORDER BY c.negative_share DESC, c.segment`,
    [previousRunId, result.runId]);
    expect(shares.some((s) => s.before !== null)).toBe(true);
    expect(tableRows(sheet, '细分 Segment', 2).map((r) => [r[0], r[1], r[2], r[3] ?? null]))
      .toEqual(shares.map((s) => [both(rfmSegmentName(s.segment as RfmSegment)), s.comments, s.now, s.before]));

    const tags = await sql<{ tag: string; n: number }>(`SELECT tag, count(*)::int AS n FROM customer_voice, jsonb_array_elements_text(tags) AS tag WHERE run_id = ? GROUP BY 1`);
    const tagRows = new Map(tableRows(sheet, '标签 Tag').map((r) => [String(r[0]).split(' ').pop(), r[1]]));
    for (const t of tags) expect(tagRows.get(t.tag)).toBe(t.n);
    expect(tags.find((t) => t.tag === 'silent')?.n).toBeGreaterThan(0);

    const warnings = await sql<{ kind: string; subject: string }>('SELECT kind, subject FROM voice_warnings WHERE run_id = ? ORDER BY kind, subject');
    expect(warnings.length).toBeGreaterThan(0);
    const shown = tableRows(sheet, '类型 Kind', 2).map((r) => [String(r[0]).startsWith('高价值') ? 'high_value_negative' : 'negative_share_rise', r[1]]);
    expect(shown.sort()).toEqual(warnings.map((w) => [w.kind, w.subject]).sort());
  });

  it('puts the voice warnings among the Summary warnings', async () => {
    const summary = workbook.getWorksheet(sheetName(SHEETS.summary))!;
    const lines = tableRows(summary, '级别 Level').map((r) => String(r[2]));
    const [{ customers, segments }] = await sql<{ customers: number; segments: number }>(`
      SELECT count(*) FILTER (WHERE kind = 'high_value_negative')::int AS customers, count(*) FILTER (WHERE kind = 'negative_share_rise')::int AS segments
      FROM voice_warnings WHERE run_id = ?`);
    expect(lines.filter((l) => l.includes('high-value customer(s) turned negative'))).toEqual(customers > 0 ? [expect.stringContaining(`${customers} high-value`)] : []);
    expect(lines.filter((l) => l.startsWith('Negative comments in'))).toHaveLength(segments);
  });

  it('the Segments sheet\'s clusters, migration and affinity equal the segment-insight tables', async () => {
    const sheet = workbook.getWorksheet(sheetName(SHEETS.segments))!;
    const clusters = await harness.db('segment_clusters').where({ run_id: result.runId }).orderBy('cluster');
    expect(clusters.length).toBeGreaterThan(1);
    expect(tableRows(sheet, '簇 Cluster').map((r) => [r[0], r[1], r[2], r[3]]))
      .toEqual(clusters.map((c) => [c.cluster, c.customers, c.customer_share, c.revenue_share]));

    const migration = await harness.db('segment_migration').where({ run_id: result.runId, dimension: 'customer_group' });
    expect(migration[0].previous_run_id).toBe(previousRunId);
    const matrix = tableRows(sheet, '上次 \\ 本次 Previous \\ this run');
    const segments = [...new Set(migration.map((m) => m.from_segment))].sort();
    expect(matrix.map((r) => r[0])).toEqual(segments.map((s) => both(groupName(s as CustomerGroup))));
    for (const m of migration) {
      const cell = matrix[segments.indexOf(m.from_segment)][1 + segments.indexOf(m.to_segment)];
      expect(cell).toBe(m.customers);
    }
    const [{ n: intoRisk }] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM segment_moves_into_risk WHERE run_id = ? AND dimension = 'customer_group'`);
    let note = '';
    sheet.eachRow((row) => { const v = String(row.getCell(1).value); if (v.startsWith('上次运行 ')) note = v; });
    expect(note).toContain(`moved into risk: ${intoRisk}`);

    const pairs = await harness.db('product_affinity').where({ run_id: result.runId, segment: 'all', level: 'category' }).orderBy([{ column: 'lift', order: 'desc' }, { column: 'orders', order: 'desc' }, 'item_a', 'item_b']);
    expect(pairs.length).toBeGreaterThan(0);
    expect(tableRows(sheet, '商品/品类 A Item A').map((r) => [r[0], r[1], r[2], r[6]])).toEqual(pairs.map((p) => [p.item_a, p.item_b, p.orders, p.lift]));
    const products = await harness.db('product_affinity').where({ run_id: result.runId, segment: 'all', level: 'product' }).orderBy([{ column: 'lift', order: 'desc' }, { column: 'orders', order: 'desc' }, 'item_a', 'item_b']).limit(10);
    expect(tableRows(sheet, '商品/品类 A Item A', 2).map((r) => [r[0], r[1], r[2]])).toEqual(products.map((p) => [p.item_a, p.item_b, p.orders]));
  });

  it('the PDF carries the voice section with its top complaint keywords', async () => {
    const text = await pdfText(result.published.artifacts.find((a) => a.kind === 'pdf')!.path);
    const [top] = await sql<{ term: string }>(`SELECT term FROM comment_topics WHERE run_id = ? AND grouping = 'all' AND kind = 'complaint' AND rank = 1`);
    for (const expected of ['客户之声 Voice', '主要抱怨 Top complaints', top.term]) expect(text).toContain(expected);
    expect(text).not.toContain('\uFFFD');
  });
});
