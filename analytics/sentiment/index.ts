/**
 * Offline sentiment of customer comments, Chinese and English (SPEC §3b).
 *
 * `score` is P(positive) in [0, 1] from the trained linear models in models/ (see
 * trainModels.ts for the recipe and figures). `polarity` is `neutral` inside the
 * documented band NEUTRAL_BAND = [0.45, 0.55] — scores there carry too little evidence
 * either way (e.g. `还行`, `it is ok`, an empty or digits-only comment) — `positive` above
 * it and `negative` below it.
 *
 * Very short Chinese comments also get a lexicon correction (`shortCommentZh.ts`).
 *
 * Language is detected by script share (`detectLanguage`): `zh` and `en` comments go to
 * their model; `mixed` ones combine both models' log-odds weighted by the Han share (the
 * English model sees only the Latin-script words); `unknown` ones (emoji, digits) are
 * scored from the emoji they contain, σ(1.5 × (positive − negative emoji)).
 */
import { readFileSync } from 'node:fs';
import { emojiBalance } from './emoji';
import { enFeatures } from './featuresEn';
import { HashingSink, type FeatureSink } from './featureSink';
import { zhFeatures } from './featuresZh';
import { detectLanguage, type CommentLanguage } from './language';
import { margin, sigmoid, type LinearModel } from './linearModel';
import { decodeModel } from './modelFile';
import { MODEL_PATHS } from './modelPaths';
import { normalizeText } from './normalize';
import { getJieba, type Segmenter } from './segmenter';
import { shortCommentLogit } from './shortCommentZh';

export { detectLanguage, type CommentLanguage } from './language';

/** Scores in [low, high] are `neutral`. */
export const NEUTRAL_BAND = { low: 0.45, high: 0.55 } as const;
/** Log-odds per net positive emoji in an emoji-only comment. */
const EMOJI_LOGIT = 1.5;

/** What a scored comment gets. */
export interface CommentSentiment {
  readonly polarity: 'positive' | 'negative' | 'neutral';
  /** P(positive) in [0, 1]. */
  readonly score: number;
  readonly lang: CommentLanguage;
}

/** Both trained models and the segmenter, loaded once. */
export interface SentimentModel {
  readonly zh: LinearModel;
  readonly en: LinearModel;
  readonly segmenter: Segmenter;
}

let loaded: SentimentModel | undefined;

/**
 * Loads the committed models (≈2.6 MB, well under a second) and the jieba dictionary;
 * later calls return the same instance.
 * @throws Error naming the model file when it is missing or malformed
 */
export function loadSentimentModel(): SentimentModel {
  loaded ??= {
    zh: decodeModel(readFileSync(MODEL_PATHS.zh), MODEL_PATHS.zh).model,
    en: decodeModel(readFileSync(MODEL_PATHS.en), MODEL_PATHS.en).model,
    segmenter: getJieba(),
  };
  return loaded;
}

/** Log-odds of `text` under one model. */
function logOdds(model: LinearModel, text: string, featurize: (text: string, sink: FeatureSink) => void): number {
  const sink = new HashingSink(model.bits);
  featurize(text, sink);
  return margin(model, sink.distinctSlots());
}

/** Polarity of a score by the neutral band. */
export function polarityOf(score: number): CommentSentiment['polarity'] {
  if (score > NEUTRAL_BAND.high) return 'positive';
  if (score < NEUTRAL_BAND.low) return 'negative';
  return 'neutral';
}

const LATIN_WORDS = /[\p{Script=Latin}0-9'!?.,]+/gu;

/**
 * @param lang `auto` detects by script share; `zh` / `en` force that model (and report it)
 * @example scoreComment('质量很好，物流也快') // { polarity: 'positive', score: 0.9…, lang: 'zh' }
 * @example scoreComment('not bad') // { polarity: 'positive', score: 0.78…, lang: 'en' }
 */
export function scoreComment(raw: string, lang: 'auto' | 'zh' | 'en' = 'auto', model: SentimentModel = loadSentimentModel()): CommentSentiment {
  const text = normalizeText(raw);
  const detected = lang === 'auto' ? detectLanguage(text) : { lang, zhShare: lang === 'zh' ? 1 : 0 };
  const zh = (): number =>
    logOdds(model.zh, text, (t, sink) => zhFeatures(t, model.segmenter, sink)) + shortCommentLogit(text, model.segmenter);
  const en = (latinOnly: boolean): number =>
    logOdds(model.en, latinOnly ? (text.match(LATIN_WORDS) ?? []).join(' ') : text, enFeatures);
  let z: number;
  switch (detected.lang) {
    case 'zh':
      z = zh();
      break;
    case 'en':
      z = en(false);
      break;
    case 'mixed':
      z = detected.zhShare * zh() + (1 - detected.zhShare) * en(true);
      break;
    case 'unknown':
      z = EMOJI_LOGIT * emojiBalance(text);
      break;
  }
  const score = sigmoid(z);
  return { polarity: polarityOf(score), score, lang: detected.lang };
}
