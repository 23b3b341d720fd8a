/**
 * Voice sheet: comment sentiment (totals, by language and source), praise and complaint
 * keywords (overall with their weights; per month and per segment as one row per month or
 * segment and kind, the keywords by rank across), the negative share per segment against the
 * previous run, voice-tag counts and the voice warnings — as the voice stage stored them.
 * Customer ids are the pseudonymous ids of the Customers sheet; no comment text is shown.
 */
import type ExcelJS from 'exceljs';
import type { Bilingual } from '../../analytics/segment/bilingual';
import { both, SHEETS } from '../labels';
import type { TopicKeyword, VoiceSection } from '../model/voice';
import { addDataBar, addTable, columnRange, writeTitle, type TableColumn } from './cells';

const KIND_NAMES: Record<TopicKeyword['kind'], Bilingual> = { praise: { zh: '好评', en: 'Praise' }, complaint: { zh: '抱怨', en: 'Complaint' } };
const WARNING_NAMES: Record<VoiceSection['warnings'][number]['kind'], Bilingual> = {
  high_value_negative: { zh: '高价值客户转负面', en: 'High-value customer turning negative' },
  negative_share_rise: { zh: '细分负面占比上升', en: 'Segment negative share rising' },
};
const TAG_NAMES: Record<string, Bilingual> = {
  promoter: { zh: '推荐者', en: 'promoter' },
  detractor: { zh: '贬损者', en: 'detractor' },
  negative_voice: { zh: '负面发声', en: 'negative_voice' },
  social_influencer: { zh: '社交影响者', en: 'social_influencer' },
  silent: { zh: '沉默客户', en: 'silent' },
};

const BREAKDOWN_COLUMNS: TableColumn[] = [
  { header: { zh: '评论数', en: 'Comments' }, format: 'integer' },
  { header: { zh: '负面', en: 'Negative' }, format: 'integer' },
  { header: { zh: '负面占比', en: 'Negative share' }, format: 'percent' },
];
const KEYWORD_COLUMNS: TableColumn[] = [
  { header: { zh: '类型', en: 'Kind' } },
  { header: { zh: '排名', en: 'Rank' }, format: 'integer' },
  { header: { zh: '关键词', en: 'Keyword' } },
  { header: { zh: '权重', en: 'Weight' }, format: 'decimal' },
  { header: { zh: '含该词评论数', en: 'Comments with it' }, format: 'integer' },
];

const keywordCells = (t: TopicKeyword) => [both(KIND_NAMES[t.kind]), t.rank, t.term, t.weight, t.comments];

/**
 * Keywords of one grouping (month or segment) as rows of (group, kind) and columns of rank:
 * a month's complaints read across one row. Each cell is the keyword and, in brackets, the
 * comments that contain it.
 */
function keywordMatrix(topics: readonly TopicKeyword[], groupOf: (t: TopicKeyword) => string): { ranks: number; rows: (string | null)[][] } {
  const ranks = Math.max(0, ...topics.map((t) => t.rank));
  const byRow = new Map<string, { group: string; kind: TopicKeyword['kind']; terms: (string | null)[] }>();
  for (const t of topics) {
    const key = `${groupOf(t)}\u0000${t.kind}`;
    const row = byRow.get(key) ?? { group: groupOf(t), kind: t.kind, terms: new Array<string | null>(ranks).fill(null) };
    row.terms[t.rank - 1] = `${t.term} (${t.comments})`;
    byRow.set(key, row);
  }
  const rows = [...byRow.values()].sort((a, b) => a.group.localeCompare(b.group) || a.kind.localeCompare(b.kind));
  return { ranks, rows: rows.map((r) => [r.group, both(KIND_NAMES[r.kind]), ...r.terms]) };
}

function addKeywordMatrix(sheet: ExcelJS.Worksheet, row: number, name: string, first: TableColumn, topics: readonly TopicKeyword[], groupOf: (t: TopicKeyword) => string) {
  const matrix = keywordMatrix(topics, groupOf);
  return addTable(sheet, { row, name }, [
    first,
    { header: { zh: '类型', en: 'Kind' } },
    ...Array.from({ length: matrix.ranks }, (_, i) => ({ header: { zh: `第${i + 1}`, en: `#${i + 1}` } })),
  ], matrix.rows);
}

export function addVoiceSheet(sheet: ExcelJS.Worksheet, voice: VoiceSection): void {
  let row = writeTitle(sheet, 1, SHEETS.voice, '问卷评论与商品评价的情感、话题关键词、客户之声标签与预警 · Sentiment of survey comments and reviews, topic keywords, voice tags and warnings');
  sheet.views = [{ state: 'frozen', ySplit: 2 }];

  row = writeTitle(sheet, row, { zh: '情感概览', en: 'Sentiment summary' }, '情感得分 = 正面概率 P(positive) · score = P(positive)');
  const headline = addTable(sheet, { row, name: 'VoiceSummary' }, [{ header: { zh: '指标', en: 'Figure' } }, { header: { zh: '值', en: 'Value' }, format: 'integer' }], [
    ['评论数 Comments', voice.comments],
    ['负面评论 Negative comments', voice.negative],
    ['负面占比 Share negative', voice.negativeShare],
    ['平均情感得分 Mean P(positive)', voice.meanScore],
    ['预警数 Warnings', voice.warnings.length],
  ]);
  for (const offset of [2, 3]) sheet.getCell(headline.firstDataRow + offset, 2).numFmt = offset === 2 ? '0.0%' : '0.00';

  row = writeTitle(sheet, headline.nextRow, { zh: '按语言', en: 'By language' });
  const byLanguage = addTable(sheet, { row, name: 'VoiceByLanguage' }, [{ header: { zh: '语言', en: 'Language' } }, ...BREAKDOWN_COLUMNS],
    voice.byLanguage.map((b) => [b.key, b.comments, b.negative, b.negativeShare]));
  row = writeTitle(sheet, byLanguage.nextRow, { zh: '按来源', en: 'By source' });
  const bySource = addTable(sheet, { row, name: 'VoiceBySource' }, [{ header: { zh: '来源', en: 'Source' } }, ...BREAKDOWN_COLUMNS],
    voice.bySource.map((b) => [b.key, b.comments, b.negative, b.negativeShare]));

  row = writeTitle(sheet, bySource.nextRow, { zh: '话题关键词（全部）', en: 'Topic keywords (all comments)' }, '好评来自正面评论，抱怨来自负面评论 · praise from positive comments, complaints from negative ones');
  const overall = addTable(sheet, { row, name: 'VoiceKeywords' }, KEYWORD_COLUMNS, voice.topics.filter((t) => t.grouping === 'all').map(keywordCells));
  addDataBar(sheet, columnRange(sheet, overall, 4));
  row = writeTitle(sheet, overall.nextRow, { zh: '话题关键词（按月）', en: 'Topic keywords per month' }, '按排名从左到右；括号内为含该词的评论数 · by rank from left to right; in brackets, the comments containing the keyword');
  const monthly = addKeywordMatrix(sheet, row, 'VoiceKeywordsByMonth', { header: { zh: '月份', en: 'Month' } }, voice.topics.filter((t) => t.grouping === 'month'), (t) => t.period);
  row = writeTitle(sheet, monthly.nextRow, { zh: '话题关键词（按细分）', en: 'Topic keywords per segment' }, '细分为上次运行的 RFM 细分；括号内为含该词的评论数 · segments of the previous run; in brackets, the comments containing the keyword');
  const bySegment = addKeywordMatrix(sheet, row, 'VoiceKeywordsBySegment', { header: { zh: '细分', en: 'Segment' } }, voice.topics.filter((t) => t.grouping === 'segment'), (t) => t.groupKey);

  row = writeTitle(sheet, bySegment.nextRow, { zh: '各细分负面评论占比', en: 'Negative share per segment' },
    `近期窗口内的评论；上次 = ${voice.previousRunId ?? '无 none'} · comments in the recent window; previous = ${voice.previousRunId ?? 'none'}`);
  const segments = addTable(sheet, { row, name: 'VoiceSegments' }, [
    { header: { zh: '细分', en: 'Segment' } },
    { header: { zh: '评论数', en: 'Comments' }, format: 'integer' },
    { header: { zh: '本次负面占比', en: 'Negative share' }, format: 'percent' },
    { header: { zh: '上次负面占比', en: 'Previous run' }, format: 'percent' },
    { header: { zh: '变化', en: 'Change' }, format: 'percent' },
  ], voice.segments.map((s) => [both(s.name), s.comments, s.negativeShare, s.previousShare, s.previousShare === null ? null : s.negativeShare - s.previousShare]));
  addDataBar(sheet, columnRange(sheet, segments, 3), 'FFF4B183');

  row = writeTitle(sheet, segments.nextRow, { zh: '客户之声标签', en: 'Voice tags' }, '规则见方法说明 · rules in the method notes');
  const tags = addTable(sheet, { row, name: 'VoiceTags' }, [{ header: { zh: '标签', en: 'Tag' } }, { header: { zh: '客户数', en: 'Customers' }, format: 'integer' }],
    voice.tagCounts.map((t) => [TAG_NAMES[t.tag] ? both(TAG_NAMES[t.tag]) : t.tag, t.customers]));
  addDataBar(sheet, columnRange(sheet, tags, 2));

  row = writeTitle(sheet, tags.nextRow, { zh: '客户之声预警', en: 'Voice warnings' },
    '对象为客户编号（脱敏）或 RFM 细分；值 = 近期负面评论数（客户）或本次负面占比（细分） · subject is a pseudonymous customer id or an RFM segment; value = recent negative comments (customer) or negative share now (segment)');
  addTable(sheet, { row, name: 'VoiceWarnings' }, [
    { header: { zh: '类型', en: 'Kind' } },
    { header: { zh: '对象', en: 'Subject' } },
    { header: { zh: '说明', en: 'Detail' } },
    { header: { zh: '值', en: 'Value' }, format: 'decimal' },
    { header: { zh: '上次', en: 'Previous' }, format: 'decimal' },
  ], voice.warnings.map((w) => [both(WARNING_NAMES[w.kind]), w.subject, w.detail, w.value, w.previous]));
}
