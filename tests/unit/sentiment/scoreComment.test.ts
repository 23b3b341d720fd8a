/**
 * Hand-written behaviour cases for `scoreComment` (negation, intensity, short comments,
 * emoji, mixed zh/en, full-width text). Expected polarities are the plain reading of each
 * comment by a native speaker; where the reading is weak (还行, 不是很好) the test accepts a
 * range rather than one label.
 */
import { detectLanguage, loadSentimentModel, NEUTRAL_BAND, polarityOf, scoreComment } from '../../../analytics/sentiment';

beforeAll(() => loadSentimentModel());

const score = (text: string, lang: 'auto' | 'zh' | 'en' = 'auto'): number => scoreComment(text, lang).score;

describe('Chinese negation and intensity', () => {
  test.each(['很好', '非常好', '挺好的', '太好了', '不错', '满意', '物流很快'])('%s is positive', (text) => {
    expect(scoreComment(text).polarity).toBe('positive');
  });
  test.each(['不好', '不太好', '并不好', '不满意', '没有想象中好', '差', '垃圾', '发货太慢'])('%s is negative', (text) => {
    expect(scoreComment(text).polarity).toBe('negative');
  });
  test('不是很好 is negative or neutral-low, and below 很好', () => {
    expect(score('不是很好')).toBeLessThanOrEqual(NEUTRAL_BAND.high);
    expect(score('不是很好')).toBeLessThan(score('很好'));
  });
  test('还行 is neutral or weakly positive', () => {
    expect(score('还行')).toBeGreaterThanOrEqual(NEUTRAL_BAND.low);
    expect(score('还行')).toBeLessThan(score('很好'));
  });
  test('intensifiers strengthen: 非常好 ≥ 好', () => {
    expect(score('非常好')).toBeGreaterThan(score('好'));
  });
  test('negation flips a sentence', () => {
    expect(score('质量好')).toBeGreaterThan(0.5);
    expect(score('质量不好')).toBeLessThan(0.5);
  });
});

describe('English', () => {
  test('"not bad" is not negative', () => expect(scoreComment('not bad').polarity).not.toBe('negative'));
  test('"not good" is negative', () => expect(scoreComment('not good').polarity).toBe('negative'));
  test.each(['I love it', 'Great quality, fast shipping'])('%s is positive', (text) => expect(scoreComment(text).polarity).toBe('positive'));
  test.each(['terrible', 'Broke after two days, waste of money'])('%s is negative', (text) => expect(scoreComment(text).polarity).toBe('negative'));
});

describe('emoji, mixed text and full-width characters', () => {
  test('emoji-only comments are scored from the emoji', () => {
    expect(scoreComment('👍👍')).toMatchObject({ polarity: 'positive', lang: 'unknown' });
    expect(scoreComment('😡')).toMatchObject({ polarity: 'negative', lang: 'unknown' });
  });
  test('an emoji moves a Chinese comment', () => {
    expect(score('东西收到了😊')).toBeGreaterThan(score('东西收到了😡'));
  });
  test('mixed zh/en is detected and both parts count', () => {
    const result = scoreComment('质量很好, fast delivery, 很满意');
    expect(result).toMatchObject({ polarity: 'positive', lang: 'mixed' });
    expect(score('质量太差, terrible, 不会再买了')).toBeLessThan(0.5);
  });
  test('full-width text scores like its half-width form', () => {
    expect(score('质量ＧＯＯＤ，很满意！')).toBeCloseTo(score('质量GOOD,很满意!'), 10);
  });
  test('empty or digits-only text is neutral at 0.5', () => {
    expect(scoreComment('   ')).toEqual({ polarity: 'neutral', score: 0.5, lang: 'unknown' });
    expect(scoreComment('12345').polarity).toBe('neutral');
  });
  test('a forced language is used and reported', () => {
    expect(scoreComment('good', 'zh').lang).toBe('zh');
  });
});

describe('language and polarity bands', () => {
  test.each([
    ['质量很好', 'zh'],
    ['great product', 'en'],
    ['iPhone 很好用 but pricey', 'mixed'],
    ['👍', 'unknown'],
  ])('%s → %s', (text, lang) => expect(detectLanguage(text).lang).toBe(lang));
  test('neutral band edges', () => {
    expect(polarityOf(NEUTRAL_BAND.low)).toBe('neutral');
    expect(polarityOf(NEUTRAL_BAND.high)).toBe('neutral');
    expect(polarityOf(NEUTRAL_BAND.high + 0.01)).toBe('positive');
    expect(polarityOf(NEUTRAL_BAND.low - 0.01)).toBe('negative');
  });
  test('scores lie in [0, 1]', () => {
    for (const text of ['好好好好好好好好好好好好', '差'.repeat(500), 'x']) {
      expect(score(text)).toBeGreaterThanOrEqual(0);
      expect(score(text)).toBeLessThanOrEqual(1);
    }
  });
});
