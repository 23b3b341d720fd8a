/**
 * Topic keywords on a tiny inline set of comments whose praise and complaint terms can be
 * checked by eye.
 */
import { getJieba } from '../../../analytics/sentiment/segmenter';
import { parseStopWords, STOP_WORDS, topicKeywords, topicTokens, type TopicComment } from '../../../analytics/topics';

const jieba = getJieba();

test('the stop-word file has Chinese and English entries, comments ignored', () => {
  expect(STOP_WORDS.has('的')).toBe(true);
  expect(STOP_WORDS.has('the')).toBe(true);
  expect(parseStopWords('# note\n的 \n\nThe # trailing\n')).toEqual(new Set(['的', 'the']));
});

test('topic tokens drop stop words, single characters, numbers and punctuation', () => {
  expect(topicTokens('物流很快！包装也很好，fast delivery 123', jieba)).toEqual(['物流', '很快', '包装', 'fast', 'delivery']);
});

const COMMENTS: TopicComment[] = [
  { text: '物流很快，包装完好', polarity: 'positive', group: 'vip', period: '2024-05' },
  { text: '物流快，包装精美', polarity: 'positive', group: 'vip', period: '2024-05' },
  { text: '客服态度差，退款太慢', polarity: 'negative', group: 'vip', period: '2024-05' },
  { text: '客服不理人，退款拖了半个月', polarity: 'negative', group: 'vip', period: '2024-05' },
  { text: '还行吧', polarity: 'neutral', group: 'vip', period: '2024-05' },
  { text: 'Fast delivery, great packaging', polarity: 'positive', group: 'new', period: '2024-06' },
  { text: 'fast delivery and friendly service', polarity: 'positive', group: 'new', period: '2024-06' },
];

test('praise and complaint keywords per group and period', () => {
  const buckets = topicKeywords(COMMENTS, jieba);
  expect(buckets.map((b) => [b.group, b.period, b.comments])).toEqual([
    ['new', '2024-06', 2],
    ['vip', '2024-05', 5],
  ]);
  const vip = buckets[1];
  expect(vip.praise.map((k) => k.term).sort()).toEqual(['包装', '物流']);
  expect(vip.complaint.map((k) => k.term).sort()).toEqual(['客服', '退款']);
  // Each term is in 2 of the 7 comments: weight = 2 · (ln(8 / 3) + 1).
  expect(vip.praise[0].weight).toBeCloseTo(2 * (Math.log(8 / 3) + 1), 4);
  expect(buckets[0].praise.map((k) => k.term).sort()).toEqual(['delivery', 'fast']);
  expect(buckets[0].complaint).toEqual([]);
});

test('without group or period everything falls in one bucket, and minCount 1 keeps single mentions', () => {
  const [all] = topicKeywords(COMMENTS.map(({ text, polarity }) => ({ text, polarity })), jieba, { minCount: 1, topK: 3 });
  expect(all).toMatchObject({ group: 'all', period: 'all', comments: 7 });
  expect(all.praise).toHaveLength(3);
  expect(all.complaint.length).toBeGreaterThan(0);
});
