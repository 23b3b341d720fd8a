/**
 * The jieba segmenter (`@node-rs/jieba`, MIT, with its bundled dictionary), created once
 * per process on first use: building it from the dictionary takes a few hundred ms.
 */
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';

/** What the tokenizers need from a segmenter (injectable in tests). */
export interface Segmenter {
  cut(sentence: string, hmm?: boolean): string[];
}

let shared: Jieba | undefined;

/** The process-wide jieba instance with the default dictionary. */
export function getJieba(): Jieba {
  shared ??= Jieba.withDict(dict);
  return shared;
}
