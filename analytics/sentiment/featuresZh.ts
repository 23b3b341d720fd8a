/**
 * Features of a Chinese (or mixed) comment for the linear classifier, after NFKC
 * normalisation and emoji replacement, over jieba words (HMM on for unknown words):
 * - `w` word unigrams, `b` word bigrams within a clause,
 * - `n` words inside a negation scope (`不/没/不是/并不 …` + up to 3 words, clause-bounded),
 * - `i` words right after an intensifier (`很/太/非常 …`),
 * - `u`, `c`, `t` Han character 1-, 2- and 3-grams within a clause (robust to segmentation),
 * - `l` `+` / `-` for words of the polarity lexicon (flipped when negated),
 * - `p` the marks `!` and `?`.
 * Word and character n-grams follow Wang & Manning (ACL 2012, NBSVM); the negation scope
 * marking follows Das & Chen (2001).
 */
import { replaceEmoji } from './emoji';
import type { FeatureSink } from './featureSink';
import { CLAUSE_BREAK, INTENSIFIERS, NEGATION_SCOPE, NEGATORS } from './modifiers';
import { normalizeText } from './normalize';
import { NEGATIVE_WORDS, POSITIVE_WORDS } from './polarityWordsZh';
import type { Segmenter } from './segmenter';

/** Stand-in words for emoji: common, strongly polar words in the training corpus. */
const ZH_EMOJI_WORDS = { positive: '满意', negative: '失望' } as const;

const HAN_RUN = /\p{Script=Han}+/gu;
const PUNCTUATION = /[\p{P}\p{S}]/u;

/** Han character 1-, 2- and 3-grams of one clause. */
function charNgrams(clause: string, sink: FeatureSink): void {
  for (const match of clause.matchAll(HAN_RUN)) {
    const start = match.index ?? 0;
    const end = start + match[0].length;
    for (let i = start; i < end; i++) {
      sink.add('u', clause, i, i + 1);
      if (i + 2 <= end) sink.add('c', clause, i, i + 2);
      if (i + 3 <= end) sink.add('t', clause, i, i + 3);
    }
  }
}

/**
 * Writes the features of `text` into `sink`.
 * @example
 * const sink = new StringSink(); zhFeatures('不是很好', getJieba(), sink); sink.features
 * // ['w:不是', 'w:很', 'b:不是|很', 'n:很', 'w:好', 'b:很|好', 'n:好', 'l:-', 'i:好', 'u:不', 'c:不是', 't:不是很', …]
 */
export function zhFeatures(text: string, segmenter: Segmenter, sink: FeatureSink): void {
  const normalized = replaceEmoji(normalizeText(text), ZH_EMOJI_WORDS);
  let previous: string | undefined;
  let negationLeft = 0;
  let intensified = false;
  let clause = '';
  for (const token of segmenter.cut(normalized, true)) {
    if (token.trim() === '') {
      clause += ' ';
      continue;
    }
    if (CLAUSE_BREAK.test(token)) {
      if (token.includes('!')) sink.add('p', '!');
      if (token.includes('?')) sink.add('p', '?');
      if (!PUNCTUATION.test(token)) sink.add('w', token);
      charNgrams(clause, sink);
      clause = '';
      previous = undefined;
      negationLeft = 0;
      intensified = false;
      continue;
    }
    clause += token;
    sink.add('w', token);
    if (previous !== undefined) sink.addPair('b', previous, token);
    previous = token;
    const negated = negationLeft > 0;
    if (negated) {
      sink.add('n', token);
      negationLeft--;
    }
    const polarity = POSITIVE_WORDS.has(token) ? 1 : NEGATIVE_WORDS.has(token) ? -1 : 0;
    if (polarity !== 0) sink.add('l', (polarity > 0) !== negated ? '+' : '-');
    if (intensified) sink.add('i', token);
    intensified = INTENSIFIERS.has(token);
    if (NEGATORS.has(token)) negationLeft = NEGATION_SCOPE;
  }
  charNgrams(clause, sink);
}
