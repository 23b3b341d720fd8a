/** Types for `wink-sentiment` 5.x (MIT), which ships none: AFINN-based phrase scoring. */
declare module 'wink-sentiment' {
  interface WinkSentimentResult {
    /** Sum of AFINN scores (negation-aware). */
    score: number;
    /** Score normalised per sentiment-bearing word, roughly in [−5, 5]. */
    normalizedScore: number;
  }
  function analyzeSentiment(phrase: string): WinkSentimentResult;
  export = analyzeSentiment;
}
