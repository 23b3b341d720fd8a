/** Keywords of praise and complaint per group and period (SPEC §3b). */
export { topicKeywords, type TopicBucket, type TopicComment, type TopicKeyword, type TopicOptions } from './keywords';
export { topicTokens } from './tokenize';
export { STOP_WORDS, parseStopWords } from './stopwords';
