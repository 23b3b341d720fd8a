/**
 * A lexicon correction for very short Chinese comments (at most SHORT_COMMENT_HAN Han
 * characters: `太好了`, `不是很好`, `还行`). The corpus the classifier learned from holds
 * few such comments, and its statistics mislead on them (`太` mostly precedes complaints
 * there), so short comments add a rule-based log-odds from the polarity lexicon:
 * each lexicon word counts ±1, ×1.5 after an intensifier (很/太/非常 …), ×0.5 after a
 * diminisher (有点/稍微 …), and a negated word counts −0.7× (`不好` −0.7, `不差` +0.7);
 * `不是很`/`不太` + a positive word gives −0.5 (mildly negative, not the opposite); each
 * mapped emoji adds ±1.
 */
import { emojiBalance } from './emoji';
import { INTENSIFIERS, NEGATORS } from './modifiers';
import { normalizeText } from './normalize';
import { NEGATIVE_WORDS, POSITIVE_WORDS } from './polarityWordsZh';
import type { Segmenter } from './segmenter';

/** Comments with at most this many Han characters get the correction. */
export const SHORT_COMMENT_HAN = 8;
const DIMINISHERS: ReadonlySet<string> = new Set(['有点', '有些', '稍微', '略', '略微', '还', '还算', '比较']);
/** Negations that only soften a positive word (`不是很好` is "not very good"). */
const SOFT_NEGATIONS: ReadonlySet<string> = new Set(['不太', '不是很', '不够', '不怎么', '没那么', '不算']);

const MODIFIER_PREFIXES = [...SOFT_NEGATIONS, ...NEGATORS, ...INTENSIFIERS, ...DIMINISHERS].sort((a, b) => b.length - a.length);
const isPolar = (word: string): boolean => POSITIVE_WORDS.has(word) || NEGATIVE_WORDS.has(word);

/**
 * Splits dictionary words that fuse a modifier with a lexicon word (jieba keeps `太好了`,
 * `不太好`, `不差` whole): `太好了` → `太`, `好`.
 */
function splitFused(token: string): string[] {
  if (isPolar(token)) return [token];
  const core = token.replace(/[了的啊呀吧哦啦]+$/u, '');
  if (isPolar(core)) return [core];
  const prefix = MODIFIER_PREFIXES.find((p) => core.startsWith(p) && isPolar(core.slice(p.length)));
  return prefix === undefined ? [token] : [prefix, core.slice(prefix.length)];
}

/** Whether `text` has more than `limit` CJK unified ideographs (stops counting early). */
function hanCountExceeds(text: string, limit: number): boolean {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x3400 && code <= 0x9fff && ++count > limit) return true;
  }
  return false;
}

/**
 * Rule-based log-odds of a short comment; 0 for longer comments or no lexicon words.
 * @example shortCommentLogit('太好了', getJieba()) // 1.5
 * @example shortCommentLogit('不是很好', getJieba()) // -0.5
 */
export function shortCommentLogit(text: string, segmenter: Segmenter): number {
  if (hanCountExceeds(text, SHORT_COMMENT_HAN)) return 0;
  const normalized = normalizeText(text);
  const tokens = segmenter.cut(normalized, true).filter((t) => t.trim() !== '').flatMap(splitFused);
  let logit = emojiBalance(normalized);
  for (let k = 0; k < tokens.length; k++) {
    const polarity = POSITIVE_WORDS.has(tokens[k]) ? 1 : NEGATIVE_WORDS.has(tokens[k]) ? -1 : 0;
    if (polarity === 0) continue;
    const before = tokens.slice(Math.max(0, k - 3), k);
    const joined = before.join('');
    const soft = [...SOFT_NEGATIONS].some((s) => joined.endsWith(s) || joined.endsWith(`${s}很`));
    if (soft && polarity > 0) {
      logit -= 0.5;
      continue;
    }
    const negated = before.some((t) => NEGATORS.has(t));
    const previous = before[before.length - 1] ?? '';
    const degree = INTENSIFIERS.has(previous) ? 1.5 : DIMINISHERS.has(previous) ? 0.5 : 1;
    logit += negated ? -0.7 * polarity * degree : polarity * degree;
  }
  return logit;
}
