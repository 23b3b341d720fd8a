/**
 * The PDF summary (SPEC §7): a few A4 pages a manager reads in five minutes — headline KPIs,
 * warnings, the data-quality line, charts and persona cards. Chinese text is set in Noto Sans
 * SC, embedded as a TrueType subset. pdfkit breaks lines by the Unicode line-breaking
 * algorithm (its `linebreak` dependency), so Chinese wraps between characters and closing
 * punctuation never starts a line.
 */
import PDFDocument from 'pdfkit';
import type { RenderedChart } from '../charts/render';
import { CJK_FONT_FILES } from '../fonts';
import { formatChange, formatValue } from '../format';
import { both, documentDate, notComputedLine, SHEETS, TITLES } from '../labels';
import type { ReportModel } from '../model';
import { totalForecastLines } from '../model/forecast';
import { TOTAL_REVENUE_SERIES } from '../figures';
import type { VoiceSection } from '../model/voice';
import { topTerms } from '../voice';

const REGULAR = 'cjk';
const BOLD = 'cjk-bold';
const MARGIN = 50;
const INK = '#1a1a1a';
const ACCENT = '#1f4e79';
const MUTED = '#595959';

type Doc = PDFKit.PDFDocument;

/** A heading, on a new page when what must follow it (`keepWith` points, e.g. its chart) would not fit below it. */
function heading(doc: Doc, text: string, size = 14, keepWith = 0): void {
  if (keepWith > 0 && doc.y + 2.5 * size + keepWith > doc.page.height - doc.page.margins.bottom) doc.addPage();
  doc.moveDown(0.6).font(BOLD).fontSize(size).fillColor(ACCENT).text(text).moveDown(0.3).font(REGULAR).fontSize(10).fillColor(INK);
}

/** The data-quality line: rows read, accepted and quarantined, and the most frequent reasons. */
export function dataQualityLine(model: ReportModel): string {
  const sum = (pick: (s: ReportModel['dataQuality']['sources'][number]) => number) => model.dataQuality.sources.reduce((t, s) => t + pick(s), 0);
  const read = sum((s) => s.read);
  const quarantined = sum((s) => s.quarantined);
  const reasons = new Map<string, number>();
  for (const r of model.dataQuality.rules) if (r.action === 'quarantined') reasons.set(r.rule, (reasons.get(r.rule) ?? 0) + r.rows);
  const top = [...reasons.entries()].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([rule, rows]) => `${rule} ${rows.toLocaleString('en-US')}`).join(', ');
  const rate = read > 0 ? formatValue(quarantined / read, 'percent') : '—';
  return `读取 ${read.toLocaleString('en-US')} 行，接受 ${sum((s) => s.accepted).toLocaleString('en-US')} 行，隔离 ${quarantined.toLocaleString('en-US')} 行（${rate}）`
    + ` · Read ${read.toLocaleString('en-US')}, accepted ${sum((s) => s.accepted).toLocaleString('en-US')}, quarantined ${quarantined.toLocaleString('en-US')} (${rate})`
    + (top ? ` · ${top}` : '');
}

function kpiTable(doc: Doc, model: ReportModel): void {
  const columns = [{ title: '指标 KPI', width: 215 }, { title: '本次 This run', width: 105 }, { title: '上次 Previous', width: 105 }, { title: '变化 Change', width: 70 }];
  const x0 = doc.page.margins.left;
  const row = (cells: string[], bold: boolean) => {
    const y = doc.y;
    doc.font(bold ? BOLD : REGULAR).fontSize(9.5);
    let x = x0;
    cells.forEach((cell, i) => {
      doc.text(cell, x, y, { width: columns[i].width - 6, align: i === 0 ? 'left' : 'right', lineBreak: false });
      x += columns[i].width;
    });
    doc.moveTo(x0, y + 14).lineTo(x, y + 14).strokeColor('#d9d9d9').lineWidth(0.5).stroke();
    doc.x = x0;
    doc.y = y + 18;
  };
  row(columns.map((c) => c.title), true);
  for (const k of model.kpis) row([both(k.label), formatValue(k.value, k.format), formatValue(k.previous, k.format), formatChange(k.value, k.previous)], false);
  doc.font(REGULAR).fontSize(10);
}

const chartHeight = (rendered: RenderedChart | undefined, width: number) => (rendered ? (width * rendered.image.height) / rendered.image.width : 0);

function chart(doc: Doc, rendered: RenderedChart | undefined, width: number): void {
  if (!rendered) return;
  const height = chartHeight(rendered, width);
  if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
  doc.image(rendered.image.png, doc.page.margins.left, doc.y, { width });
  doc.y += height + 10;
}

function personas(doc: Doc, model: ReportModel): void {
  for (const { name, card } of model.personas) {
    if (doc.y > doc.page.height - 140) doc.addPage();
    doc.font(BOLD).fontSize(11).fillColor(ACCENT).text(both(name));
    doc.font(REGULAR).fontSize(9.5).fillColor(INK);
    const mix = (list: { key: string; share: number }[]) => list.map((s) => `${s.key} ${(s.share * 100).toFixed(0)}%`).join('、') || '—';
    doc.text(`客户 ${card.size.toLocaleString('en-US')}（${formatValue(card.customerShare, 'percent')}），收入占比 ${formatValue(card.revenueShare, 'percent')}；`
      + `典型：${card.typical.recencyDays.toFixed(0)} 天前购买，${card.typical.frequency} 单，消费 ${formatValue(card.typical.monetary, 'currency')}；`
      + `主要品类 ${mix(card.topCategories)}；主要渠道 ${mix(card.topChannels)}。`
      + (card.voice ? `互动客户 ${formatValue(card.voice.engagedShare, 'percent')}，平均情感得分 ${formatValue(card.voice.meanSentiment, 'decimal')}（${card.voice.commenters} 位评论者）。` : ''));
    if (card.action) {
      doc.fillColor(MUTED).text(`建议 Playbook：${card.action.action.zh} — ${card.action.action.en}`).fillColor(INK);
    }
    doc.moveDown(0.5);
  }
}

const VOICE_KEYWORDS = 8;

/** Headline voice figures, the top complaint and praise keywords and the warning count. */
export function voiceLines(voice: VoiceSection): string[] {
  const terms = (kind: 'complaint' | 'praise') => topTerms(voice, kind, VOICE_KEYWORDS).map((t) => t.term).join('、') || '—';
  const customers = voice.warnings.filter((w) => w.kind === 'high_value_negative').length;
  const segments = voice.warnings.length - customers;
  return [
    `评论 ${voice.comments.toLocaleString('en-US')} 条，负面 ${voice.negative.toLocaleString('en-US')} 条（${formatValue(voice.negativeShare, 'percent')}），平均正面概率 ${formatValue(voice.meanScore, 'decimal')}`
      + ` · ${voice.comments.toLocaleString('en-US')} comments, ${voice.negative.toLocaleString('en-US')} negative (${formatValue(voice.negativeShare, 'percent')}), mean P(positive) ${formatValue(voice.meanScore, 'decimal')}`,
    `主要抱怨 Top complaints：${terms('complaint')}`,
    `主要好评 Top praise：${terms('praise')}`,
    `预警 ${voice.warnings.length} 条：高价值客户转负面 ${customers} 位，负面占比上升的细分 ${segments} 个`
      + ` · ${voice.warnings.length} warnings: ${customers} high-value customers turning negative, ${segments} segments with a rising negative share`,
  ];
}

/**
 * The next months of the monthly total forecast with their 80% intervals, the month to date
 * split into observed and to come, and the customer-based forecast beside each month.
 */
function forecastLines(doc: Doc, model: ReportModel): void {
  const series = model.forecast?.series.find((s) => s.seriesId === TOTAL_REVENUE_SERIES.month);
  const next = model.forecast ? totalForecastLines(model.forecast, TOTAL_REVENUE_SERIES.month, 6) : [];
  if (!series || next.length === 0) return;
  const money = (v: number | null) => formatValue(v, 'currency');
  doc.font(BOLD).text(`月度净收入预测 Monthly net revenue forecast（${series.chosen ?? '—'}）`).font(REGULAR);
  for (const { period, point, toDate, customerBased } of next) {
    const parts = [`${period}: ${money(point.value)}  (80%: ${money(point.lo80)} – ${money(point.hi80)})`];
    if (toDate) parts.push(`已实现 observed ${money(toDate.observed)} + 待实现 to come ${money(toDate.toCome)}`);
    if (customerBased) parts.push(`基于客户 customer-based ${money(customerBased.value)} (80%: ${money(customerBased.lo80)} – ${money(customerBased.hi80)})`);
    doc.text(parts.join(' · '));
  }
  if (next.some((l) => l.customerBased)) {
    doc.fillColor(MUTED).text(`基于客户的预测仅含截至 ${model.run.asOf} 已知的客户，首月只计其余天数 · the customer-based forecast covers customers known at ${model.run.asOf} only; its first month counts the days to come`).fillColor(INK);
  }
}

export async function buildPdf(model: ReportModel, charts: readonly RenderedChart[]): Promise<Buffer> {
  const runDate = documentDate(model.run.asOf);
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    info: { Title: `${both(TITLES.report)} ${model.run.runId}`, Author: 'customer-insights-pipeline', CreationDate: runDate, ModDate: runDate },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont(REGULAR, CJK_FONT_FILES.regular);
  doc.registerFont(BOLD, CJK_FONT_FILES.bold);
  const byKey = (key: RenderedChart['key']) => charts.find((c) => c.key === key);
  const width = doc.page.width - 2 * MARGIN;

  doc.font(BOLD).fontSize(20).fillColor(ACCENT).text(TITLES.report.zh);
  doc.font(REGULAR).fontSize(13).fillColor(MUTED).text(TITLES.report.en);
  doc.fontSize(9.5).text(`运行 Run ${model.run.runId} · 截至 As of ${model.run.asOf} · 上次运行 Previous ${model.previousRun?.asOf ?? '—'}`).fillColor(INK);
  heading(doc, both(TITLES.kpis));
  kpiTable(doc, model);
  heading(doc, both(TITLES.warnings));
  const warnings = model.warnings.length > 0 ? model.warnings : [{ level: 'info' as const, message: TITLES.noWarnings }];
  for (const w of warnings) {
    doc.fillColor(w.level === 'warning' ? '#c00000' : MUTED).text(`• ${w.message.zh} — ${w.message.en}`);
  }
  doc.fillColor(INK);
  heading(doc, both(TITLES.dataQuality));
  doc.text(dataQualityLine(model));

  doc.addPage();
  heading(doc, both(TITLES.revenueHistory), 14);
  chart(doc, byKey('revenue_history'), width);
  forecastLines(doc, model);
  for (const stage of model.notComputed.filter((s) => s === 'forecast')) doc.fillColor(MUTED).text(notComputedLine(stage)).fillColor(INK);
  heading(doc, both(TITLES.segments), 14, chartHeight(byKey('segments'), width));
  chart(doc, byKey('segments'), width);

  doc.addPage();
  heading(doc, both(TITLES.personas), 14);
  personas(doc, model);
  chart(doc, byKey('rfm_heatmap'), width * 0.6);
  if (model.voice) {
    if (doc.y > doc.page.height - 180) doc.addPage();
    heading(doc, `${both(SHEETS.voice)}`, 14);
    for (const line of voiceLines(model.voice)) doc.text(line).moveDown(0.2);
  }
  for (const stage of model.notComputed.filter((s) => s !== 'forecast')) doc.fillColor(MUTED).text(notComputedLine(stage)).fillColor(INK);
  const valueCharts = (['clv_distribution', 'cac_by_channel', 'nps_trend'] as const).map(byKey).filter((c) => c !== undefined);
  if (valueCharts.length > 0) {
    doc.addPage();
    heading(doc, both(TITLES.value), 14);
    for (const c of valueCharts) chart(doc, c, width * 0.75);
  }

  doc.end();
  return done;
}
