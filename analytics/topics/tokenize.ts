/**
 * Topic tokens of a comment: NFKC-normalised, jieba words for Chinese (kept when at least two
 * Han characters: single characters are rarely a topic), simple lower-case words of at least
 * three letters for English; stop words, numbers and punctuation dropped.
 */
import { normalizeText } from '../sentiment/normalize';
import type { Segmenter } from '../sentiment/segmenter';
import { STOP_WORDS } from './stopwords';

const HAN_WORD = /^\p{Script=Han}{2,}$/u;
const LATIN_WORD = /^[a-z][a-z'-]{2,}$/;

/**
 * @example topicTokens('物流很快，包装也好 fast delivery', getJieba()) // ['物流', '很快', '包装', '也好', 'fast', 'delivery']
 */
export function topicTokens(text: string, segmenter: Segmenter, stopWords: ReadonlySet<string> = STOP_WORDS): string[] {
  return segmenter
    .cut(normalizeText(text), true)
    .map((token) => token.trim())
    .filter((token) => (HAN_WORD.test(token) || LATIN_WORD.test(token)) && !stopWords.has(token));
}
