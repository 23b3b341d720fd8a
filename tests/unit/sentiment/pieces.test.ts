/**
 * The building blocks, each checked on inputs small enough to verify by hand.
 */
import { splitCorpus } from '../../../analytics/sentiment/corpusSplit';
import { emojiBalance, replaceEmoji } from '../../../analytics/sentiment/emoji';
import { HashingSink, StringSink } from '../../../analytics/sentiment/featureSink';
import { enFeatures } from '../../../analytics/sentiment/featuresEn';
import { zhFeatures } from '../../../analytics/sentiment/featuresZh';
import { featureSlot } from '../../../analytics/sentiment/hashing';
import { binaryMetrics } from '../../../analytics/sentiment/metrics';
import { decodeModel, encodeModel } from '../../../analytics/sentiment/modelFile';
import { normalizeText } from '../../../analytics/sentiment/normalize';
import { getJieba } from '../../../analytics/sentiment/segmenter';
import { shortCommentLogit } from '../../../analytics/sentiment/shortCommentZh';
import { trainLinear } from '../../../analytics/sentiment/trainLinear';

const jieba = getJieba();

test('normalizeText folds full-width forms and case', () => {
  expect(normalizeText('  ＧＯＯＤ！１２３，好 ')).toBe('good!123,好');
});

test('emoji map to stand-in words and a balance', () => {
  expect(replaceEmoji('好👍', { positive: 'P', negative: 'N' })).toBe('好 P ');
  expect(replaceEmoji('❤️', { positive: 'P', negative: 'N' })).toBe(' P ');
  expect(emojiBalance('👍👍😡 :)')).toBe(2);
});

test('Chinese features mark negation scope and intensity', () => {
  const sink = new StringSink();
  zhFeatures('不是很好', jieba, sink);
  expect(sink.features).toEqual(expect.arrayContaining(['w:不是', 'n:很', 'n:好', 'i:好', 'b:很|好', 'c:很好', 'l:-']));
  const plain = new StringSink();
  zhFeatures('很好', jieba, plain);
  expect(plain.features).toContain('l:+');
  expect(plain.features).not.toContain('n:好');
});

test('English features see "not bad" as negated bad, with the lexicon verdict', () => {
  const sink = new StringSink();
  enFeatures('not bad', sink);
  expect(sink.features).toEqual(['w:not', 'w:bad', 'b:not|bad', 'n:bad', 'k:+', 'k:++']);
});

test('HashingSink puts every feature where featureSlot puts its string', () => {
  for (const text of ['不是很好，物流太慢了！', '质量ＧＯＯＤ😊 but slow?']) {
    const strings = new StringSink();
    const hashed = new HashingSink(20);
    zhFeatures(text, jieba, strings);
    zhFeatures(text, jieba, hashed);
    const expected = [...new Set(strings.features.map((f) => featureSlot(f, 20)))].sort((a, b) => a - b);
    expect(Array.from(hashed.distinctSlots())).toEqual(expected);
  }
});

test('short-comment lexicon rules', () => {
  expect(shortCommentLogit('太好了', jieba)).toBe(1.5);
  expect(shortCommentLogit('不是很好', jieba)).toBe(-0.5);
  expect(shortCommentLogit('不好', jieba)).toBeLessThan(0);
  expect(shortCommentLogit('这是一条超过八个汉字的很长的评论很好', jieba)).toBe(0);
});

test('binaryMetrics: accuracy and macro-F1 by hand', () => {
  // TP=1 FP=1 FN=0 for positive → F1 2/3; negative TP=1 FP=0 FN=1 → F1 2/3.
  const m = binaryMetrics([1, 0, 1], [1, 0, 0]);
  expect(m.accuracy).toBeCloseTo(2 / 3, 12);
  expect(m.macroF1).toBeCloseTo(2 / 3, 12);
});

test('splitCorpus removes duplicates and contradictions, and splits by text', () => {
  const split = splitCorpus(
    [
      { text: '好', label: 1 },
      { text: '好 ', label: 1 },
      { text: '一般', label: 1 },
      { text: '一般', label: 0 },
      { text: '差', label: 0 },
    ],
    50,
  );
  expect(split.duplicatesRemoved).toBe(2);
  expect(split.conflictsRemoved).toBe(1);
  expect([...split.train, ...split.validation].map((t) => t.text).sort()).toEqual(['好', '差'].sort());
});

test('trainLinear separates a toy problem, deterministically, and the file round-trips', () => {
  const docs = [Uint32Array.of(1, 2), Uint32Array.of(1, 3), Uint32Array.of(4, 2), Uint32Array.of(4, 3)];
  const labels = [1, 1, 0, 0];
  const a = trainLinear(docs, labels, { bits: 4, epochs: 50 });
  const b = trainLinear(docs, labels, { bits: 4, epochs: 50 });
  expect(Array.from(a.weights)).toEqual(Array.from(b.weights));
  expect(a.weights[1]).toBeGreaterThan(0);
  expect(a.weights[4]).toBeLessThan(0);
  const decoded = decodeModel(encodeModel(a, 'zh', { note: 'toy' }), 'toy.bin');
  expect(decoded.header).toMatchObject({ lang: 'zh', bits: 4, training: { note: 'toy' } });
  decoded.model.weights.forEach((w, j) => expect(w).toBeCloseTo(a.weights[j], 3));
  expect(() => trainLinear(docs, [1, 1, 1, 1], { bits: 4 })).toThrow(/both positive and negative/);
});
