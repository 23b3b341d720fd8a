/**
 * The voice and segment-insight parts of the reports on hand-made sections: the Summary's
 * voice warnings, the Voice sheet's figures read back, the clusters, migration matrix and
 * affinity pairs on the Segments sheet, and the PDF's voice lines.
 */
import type ExcelJS from 'exceljs';
import { SHEETS } from '../../../reports/labels';
import type { SegmentInsights } from '../../../reports/model/segmentInsights';
import { voiceLines } from '../../../reports/pdf/build';
import { topTerms, voiceWarnings } from '../../../reports/voice';
import { buildWorkbook, sheetName } from '../../../reports/workbook/build';
import { migrationSegments } from '../../../reports/workbook/segmentInsights';
import { readBack, tinyModel, voiceSection } from './tinyModel';

const insights: SegmentInsights = {
  clustering: {
    k: 2, criterion: 'prediction_strength', silhouette: 0.61, predictionStrength: 0.93, ruleFidelity: 0.9, featureKeys: ['recency_days', 'monetary'],
    clusters: [
      { cluster: 0, customers: 30, customerShare: 0.75, revenueShare: 0.4, featureMeans: { recency_days: 20, monetary: 500 }, rules: [{ zh: '消费 ≤ 800', en: 'monetary ≤ 800', support: 30 }], ruleFidelity: 0.95 },
      { cluster: 1, customers: 10, customerShare: 0.25, revenueShare: 0.6, featureMeans: { recency_days: 200, monetary: 2250 }, rules: [{ zh: '消费 > 800', en: 'monetary > 800', support: 10 }], ruleFidelity: 0.8 },
    ],
  },
  migration: {
    previousRunId: 'run-2024-11-30',
    movedIntoRisk: 4,
    cells: [
      { from: 'high_value', to: 'churn_risk', customers: 4, shareOfFrom: 0.4 },
      { from: 'high_value', to: 'high_value', customers: 6, shareOfFrom: 0.6 },
      { from: 'stable', to: 'stable', customers: 9, shareOfFrom: 1 },
    ],
  },
  categoryAffinity: [{ itemA: '服饰', itemB: '美妆', orders: 12, support: 0.1, confidenceAB: 0.3, confidenceBA: 0.4, lift: 2.5 }],
  productAffinity: [{ itemA: 'P1', itemB: 'P2', orders: 5, support: 0.02, confidenceAB: 0.5, confidenceBA: 0.25, lift: 3 }],
};

/** Cell values `offset` rows below the `nth` (from 1) row whose first cell is `header`. */
function rowBelow(sheet: ExcelJS.Worksheet, header: string, offset = 1, nth = 1): unknown[] {
  const found: number[] = [];
  sheet.eachRow((row, n) => { if (row.getCell(1).value === header) found.push(n); });
  if (found.length < nth) throw new Error(`no row ${nth} starting with ${header}`);
  return (sheet.getRow(found[nth - 1] + offset).values as unknown[]).slice(1);
}

describe('voice warnings for the Summary', () => {
  it('sums the high-value customers into one line naming five, and words each rising segment with its shares', () => {
    const warnings = voiceWarnings(voiceSection());
    expect(warnings).toHaveLength(2);
    expect(warnings[0].message.zh).toBe('7 位高价值客户近期给出负面评价或贬损 NPS（C1, C2, C3, C4, C5, …）：见客户之声表');
    expect(warnings[1].message.en).toBe('Negative comments in At risk rose from 30% to 45%');
    expect(voiceWarnings(null)).toEqual([]);
  });

  it('picks the run-wide keywords of one kind by rank', () => {
    expect(topTerms(voiceSection(), 'complaint', 5).map((t) => t.term)).toEqual(['质量差', '物流']);
  });
});

describe('Voice sheet', () => {
  it('shows the section\'s figures, with the change of negative share against the previous run', async () => {
    const workbook = await readBack(await buildWorkbook({ ...tinyModel(), voice: voiceSection(), notComputed: ['forecast', 'value'] }));
    const sheet = workbook.getWorksheet(sheetName(SHEETS.voice))!;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(rowBelow(sheet, '指标 Figure', 1)).toEqual(['评论数 Comments', 10]);
    expect(rowBelow(sheet, '指标 Figure', 3)).toEqual(['负面占比 Share negative', 0.4]);
    expect(rowBelow(sheet, '指标 Figure', 5)).toEqual(['预警数 Warnings', 8]);
    expect(rowBelow(sheet, '语言 Language', 1)).toEqual(['zh', 8, 4, 0.5]);
    // Keywords per segment and per month: one row per group and kind, the keywords by rank across, with their comment counts.
    expect(rowBelow(sheet, '细分 Segment', 1)).toEqual(['champions', '好评 Praise', 'quality (2)']);
    expect(rowBelow(sheet, '月份 Month', 1)).toEqual(['2024-12', '抱怨 Complaint', '退货 (1)']);
    const [name, comments, share, previous, change] = rowBelow(sheet, '细分 Segment', 1, 2) as [string, number, number, number, number];
    expect([name, comments, share, previous]).toEqual(['有流失风险 At risk', 5, 0.45, 0.3]);
    expect(change).toBeCloseTo(0.15, 12);
    expect(rowBelow(sheet, '标签 Tag', 5)).toEqual(['沉默客户 silent', 7]);
    expect(rowBelow(sheet, '类型 Kind', 1)).toEqual(['抱怨 Complaint', 2, '物流', 0.5, 2]);
    expect(rowBelow(sheet, '类型 Kind', 1, 2)).toEqual(['高价值客户转负面 High-value customer turning negative', 'C1', 'C1 negative', 1]); // a trailing empty cell reads back absent
    expect(rowBelow(sheet, '类型 Kind', 8, 2)).toEqual(['细分负面占比上升 Segment negative share rising', 'at_risk', 'rose', 0.45, 0.3]);
  });

  it('still says "not computed" when the run has no voice rows', async () => {
    const sheet = (await readBack(await buildWorkbook(tinyModel()))).getWorksheet(sheetName(SHEETS.voice))!;
    expect(sheet.getCell(3, 1).value).toBe('客户之声（情感、话题）：本次运行未计算 — Voice of the customer (sentiment, topics): not computed in this run');
  });
});

describe('segment insights on the Segments sheet', () => {
  it('lays the migration out as previous × this run with zeros for moves nobody made', async () => {
    expect(migrationSegments(insights.migration!.cells)).toEqual(['churn_risk', 'high_value', 'stable']);
    const sheet = (await readBack(await buildWorkbook({ ...tinyModel(), segmentInsights: insights }))).getWorksheet(sheetName(SHEETS.segments))!;
    const header = rowBelow(sheet, '上次 \\ 本次 Previous \\ this run', 0);
    expect(header).toHaveLength(4);
    // Rows in the same order as the columns: churn_risk, high_value, stable.
    expect(rowBelow(sheet, '上次 \\ 本次 Previous \\ this run', 2).slice(1)).toEqual([4, 6, 0]);
    expect(rowBelow(sheet, '上次 \\ 本次 Previous \\ this run', 3).slice(1)).toEqual([0, 0, 9]);
    expect(rowBelow(sheet, '簇 Cluster', 2)).toEqual([1, 10, 0.25, 0.6, 200, 2250, '消费 > 800', 'monetary > 800', 0.8]);
    expect(rowBelow(sheet, '商品/品类 A Item A', 1)).toEqual(['服饰', '美妆', 12, 0.1, 0.3, 0.4, 2.5]);
  });
});

describe('PDF voice lines', () => {
  it('give the headline figures, the complaint keywords in rank order and the warning counts', () => {
    const lines = voiceLines(voiceSection());
    expect(lines[0]).toContain('评论 10 条，负面 4 条（40.0%），平均正面概率 0.55');
    expect(lines[1]).toBe('主要抱怨 Top complaints：质量差、物流');
    expect(lines[3]).toContain('预警 8 条：高价值客户转负面 7 位，负面占比上升的细分 1 个');
  });
});
