/** Sentiment, topics, negative shares per segment, voice tags and warnings: the voice section of the report model. */
import type { Bilingual } from '../../analytics/segment/bilingual';

/** Comments of one language or source (survey | review) and their negative share. */
export interface SentimentBreakdown {
  key: string;
  comments: number;
  negative: number;
  negativeShare: number;
}

export interface TopicKeyword {
  /** all | month | segment */
  grouping: string;
  groupKey: string;
  /** `all` or YYYY-MM */
  period: string;
  kind: 'praise' | 'complaint';
  rank: number;
  term: string;
  weight: number;
  comments: number;
}

export interface SegmentNegativeShare {
  segment: string;
  name: Bilingual;
  comments: number;
  negativeShare: number;
  /** The share in the previous run that tracked it; null when there is none or the segment was absent. */
  previousShare: number | null;
}

export interface VoiceWarningRow {
  kind: 'high_value_negative' | 'negative_share_rise';
  /** A customer id (pseudonymous, as on the Customers sheet) or an RFM segment. */
  subject: string;
  detail: string;
  value: number | null;
  previous: number | null;
}

export interface VoiceSection {
  comments: number;
  negative: number;
  /** Negative comments ÷ comments; null with no comments. */
  negativeShare: number | null;
  meanScore: number | null;
  byLanguage: SentimentBreakdown[];
  bySource: SentimentBreakdown[];
  topics: TopicKeyword[];
  segments: SegmentNegativeShare[];
  /** The run that the previous shares come from; null when none tracked them. */
  previousRunId: string | null;
  /** Customers per voice tag, every tag listed (0 when none carries it). */
  tagCounts: { tag: string; customers: number }[];
  warnings: VoiceWarningRow[];
}
