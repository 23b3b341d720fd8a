/**
 * Language of a comment by script share. Each Han character counts one unit and each
 * Latin-letter word two (a two-character Chinese word and an English word carry about
 * the same content). `zh` when Han units are at least 80 % of all units, `en` when at
 * most 20 %, `mixed` in between, `unknown` when there are no units (digits, emoji only).
 */
export type CommentLanguage = 'zh' | 'en' | 'mixed' | 'unknown';

/** The detected language and the Han share of script units (0 when there are none). */
export interface LanguageShare {
  readonly lang: CommentLanguage;
  readonly zhShare: number;
}

const HAN = /\p{Script=Han}/gu;
const LATIN_WORD = /\p{Script=Latin}+/gu;

/** Share of Han units above which a comment is Chinese (and below 1 − this, English). */
export const ZH_SHARE_THRESHOLD = 0.8;

/**
 * @example detectLanguage('质量很好') // { lang: 'zh', zhShare: 1 }
 * @example detectLanguage('质量很好 but delivery was slow') // { lang: 'mixed', zhShare: 0.333… } (4 Han units, 4 words × 2)
 */
export function detectLanguage(text: string): LanguageShare {
  const han = text.match(HAN)?.length ?? 0;
  const latin = 2 * (text.match(LATIN_WORD)?.length ?? 0);
  if (han + latin === 0) return { lang: 'unknown', zhShare: 0 };
  const zhShare = han / (han + latin);
  if (zhShare >= ZH_SHARE_THRESHOLD) return { lang: 'zh', zhShare };
  if (zhShare <= 1 - ZH_SHARE_THRESHOLD) return { lang: 'en', zhShare };
  return { lang: 'mixed', zhShare };
}
