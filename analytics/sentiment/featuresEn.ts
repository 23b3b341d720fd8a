/**
 * Features of an English comment for the linear classifier:
 * - `w` word unigrams and `b` bigrams, `n` words in a negation scope (`not`, `no`, `never`,
 *   `…n't` + up to 3 words, clause-bounded: so `not bad` yields `n:bad`), `i` words after an
 *   intensifier, `p` the marks `!` / `?`;
 * - `k` the AFINN lexicon verdict of `wink-sentiment` (MIT): `+`/`-`/`0` by the sign of its
 *   normalised score and `++`/`--` when |score| ≥ 3, so the learned model starts from a
 *   lexicon that already handles negation, emoji and emoticons.
 */
import winkSentiment from 'wink-sentiment';
import { replaceEmoji } from './emoji';
import type { FeatureSink } from './featureSink';
import { INTENSIFIERS, NEGATION_SCOPE, NEGATORS } from './modifiers';
import { normalizeText } from './normalize';

const EN_EMOJI_WORDS = { positive: 'great', negative: 'awful' } as const;
const TOKEN = /[a-z0-9]+(?:'[a-z]+)?|[!?.,;:]|\bbut\b/g;
const CLAUSE_BREAK = /^(?:[!?.,;:]|but|however|although|though)$/;

/** Negators besides the shared list: any `…n't` contraction and a few absolutes. */
function isNegator(token: string): boolean {
  return NEGATORS.has(token) || token.endsWith("n't") || token === 'cannot' || token === 'nothing' || token === 'without' || token === 'hardly';
}

/** The `k` feature value for a wink-sentiment normalised score. */
function lexiconVerdict(score: number): string[] {
  if (score >= 3) return ['+', '++'];
  if (score > 0) return ['+'];
  if (score <= -3) return ['-', '--'];
  if (score < 0) return ['-'];
  return ['0'];
}

/**
 * Writes the features of `text` into `sink`.
 * @example
 * const sink = new StringSink(); enFeatures('not bad', sink); sink.features
 * // ['w:not', 'w:bad', 'b:not|bad', 'n:bad', 'k:+', 'k:++']
 */
export function enFeatures(text: string, sink: FeatureSink): void {
  const folded = normalizeText(text);
  const normalized = replaceEmoji(folded, EN_EMOJI_WORDS);
  let previous: string | undefined;
  let negationLeft = 0;
  let intensified = false;
  for (const [token] of normalized.matchAll(TOKEN)) {
    if (CLAUSE_BREAK.test(token)) {
      if (token === '!' || token === '?') sink.add('p', token);
      else if (/^[a-z]/.test(token)) sink.add('w', token);
      previous = undefined;
      negationLeft = 0;
      intensified = false;
      continue;
    }
    sink.add('w', token);
    if (previous !== undefined) sink.addPair('b', previous, token);
    previous = token;
    if (negationLeft > 0) {
      sink.add('n', token);
      negationLeft--;
    }
    if (intensified) sink.add('i', token);
    intensified = INTENSIFIERS.has(token);
    if (isNegator(token)) negationLeft = NEGATION_SCOPE;
  }
  for (const verdict of lexiconVerdict(winkSentiment(folded).normalizedScore)) sink.add('k', verdict);
}
