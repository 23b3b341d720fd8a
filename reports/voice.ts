/**
 * Pure readings of the voice section the Summary sheet, the Voice sheet and the PDF share:
 * the warnings in the Summary's bilingual form, and the top keywords of one kind.
 */
import type { ReportWarning } from './model';
import type { TopicKeyword, VoiceSection } from './model/voice';

/** High-value customers named in the summary line; the Voice sheet lists them all. */
export const SUMMARY_CUSTOMERS_NAMED = 5;

const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(0)}%`);

/** One warning for the high-value customers turning negative, one per segment whose negative share rose. */
export function voiceWarnings(voice: VoiceSection | null): ReportWarning[] {
  if (!voice) return [];
  const warnings: ReportWarning[] = [];
  const customers = voice.warnings.filter((w) => w.kind === 'high_value_negative').map((w) => w.subject);
  if (customers.length > 0) {
    const named = customers.slice(0, SUMMARY_CUSTOMERS_NAMED).join(', ') + (customers.length > SUMMARY_CUSTOMERS_NAMED ? ', …' : '');
    warnings.push({ level: 'warning', message: {
      zh: `${customers.length} 位高价值客户近期给出负面评价或贬损 NPS（${named}）：见客户之声表`,
      en: `${customers.length} high-value customer(s) turned negative recently (${named}): see the Voice sheet`,
    } });
  }
  const names = new Map(voice.segments.map((s) => [s.segment, s.name]));
  for (const w of voice.warnings.filter((x) => x.kind === 'negative_share_rise')) {
    const name = names.get(w.subject) ?? { zh: w.subject, en: w.subject };
    warnings.push({ level: 'warning', message: {
      zh: `${name.zh} 负面评论占比由 ${pct(w.previous)} 升至 ${pct(w.value)}`,
      en: `Negative comments in ${name.en} rose from ${pct(w.previous)} to ${pct(w.value)}`,
    } });
  }
  return warnings;
}

/** The run-wide keywords of one kind, best first. */
export function topTerms(voice: VoiceSection, kind: TopicKeyword['kind'], count: number): TopicKeyword[] {
  return voice.topics.filter((t) => t.grouping === 'all' && t.kind === kind).sort((a, b) => a.rank - b.rank).slice(0, count);
}
