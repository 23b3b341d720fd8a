/**
 * Keywords of praise and complaint per group (e.g. segment) and period (e.g. month):
 * for each (group, period) bucket, the positive comments' top terms (praise) and the
 * negative comments' top terms (complaint), ranked by TF-IDF (Salton & Buckley 1988):
 *   tfidf(t, B) = df_B(t) · (ln((N + 1) / (df(t) + 1)) + 1)
 * with df_B(t) the number of the bucket's comments (of that polarity) containing t, N the
 * number of all comments and df(t) the number of all comments containing t (the smoothed
 * IDF of scikit-learn's TfidfVectorizer). Terms found in fewer than `minCount` comments of a
 * bucket are left out, so one comment cannot make a topic.
 */
import type { Segmenter } from '../sentiment/segmenter';
import { topicTokens } from './tokenize';

/** A scored comment as the topic extractor needs it. */
export interface TopicComment {
  readonly text: string;
  readonly polarity: 'positive' | 'negative' | 'neutral';
  /** Segment or other grouping; `all` when absent. */
  readonly group?: string;
  /** Period label such as `2024-05`; `all` when absent. */
  readonly period?: string;
}

/** One keyword with its TF-IDF weight and the number of comments that contain it. */
export interface TopicKeyword {
  readonly term: string;
  readonly weight: number;
  readonly comments: number;
}

/** The keywords of one (group, period) bucket. */
export interface TopicBucket {
  readonly group: string;
  readonly period: string;
  readonly comments: number;
  readonly praise: TopicKeyword[];
  readonly complaint: TopicKeyword[];
}

/** Options; all have defaults. */
export interface TopicOptions {
  /** Keywords kept per list. */
  topK: number;
  /** Minimum comments (of a bucket and polarity) that must contain a term. */
  minCount: number;
}

const DEFAULTS: TopicOptions = { topK: 10, minCount: 2 };

function rank(counts: Map<string, number>, idf: (term: string) => number, { topK, minCount }: TopicOptions): TopicKeyword[] {
  return [...counts]
    .filter(([, n]) => n >= minCount)
    .map(([term, n]) => ({ term, comments: n, weight: Math.round(n * idf(term) * 1e4) / 1e4 }))
    .sort((a, b) => b.weight - a.weight || a.term.localeCompare(b.term))
    .slice(0, topK);
}

/**
 * @example
 * topicKeywords([{ text: '物流很快', polarity: 'positive' }, { text: '物流太快了', polarity: 'positive' }], getJieba(), { minCount: 2 })
 * // [{ group: 'all', period: 'all', comments: 2, praise: [{ term: '物流', comments: 2, weight: 2 }], complaint: [] }]
 */
export function topicKeywords(comments: readonly TopicComment[], segmenter: Segmenter, options: Partial<TopicOptions> = {}): TopicBucket[] {
  const settings: TopicOptions = { ...DEFAULTS, ...options };
  const documentFrequency = new Map<string, number>();
  const buckets = new Map<string, { group: string; period: string; comments: number; praise: Map<string, number>; complaint: Map<string, number> }>();
  for (const comment of comments) {
    const terms = new Set(topicTokens(comment.text, segmenter));
    for (const term of terms) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
    const group = comment.group ?? 'all';
    const period = comment.period ?? 'all';
    const key = JSON.stringify([group, period]);
    const bucket = buckets.get(key) ?? { group, period, comments: 0, praise: new Map(), complaint: new Map() };
    buckets.set(key, bucket);
    bucket.comments++;
    if (comment.polarity === 'neutral') continue;
    const counts = comment.polarity === 'positive' ? bucket.praise : bucket.complaint;
    for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
  }
  const n = comments.length;
  const idf = (term: string): number => Math.log((n + 1) / ((documentFrequency.get(term) ?? 0) + 1)) + 1;
  return [...buckets.values()]
    .sort((a, b) => a.group.localeCompare(b.group) || a.period.localeCompare(b.period))
    .map((b) => ({
      group: b.group,
      period: b.period,
      comments: b.comments,
      praise: rank(b.praise, idf, settings),
      complaint: rank(b.complaint, idf, settings),
    }));
}
