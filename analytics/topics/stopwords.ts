/**
 * The topic stop-word list (zh + en), kept in stopwords.txt beside this file so it can be
 * edited without touching code.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Parses a stop-word file: one word per line, `#` comments and blank lines ignored. */
export function parseStopWords(content: string): Set<string> {
  return new Set(
    content
      .split(/\r?\n/)
      .map((line) => line.replace(/#.*$/, '').trim().toLowerCase())
      .filter((line) => line !== ''),
  );
}

/** The shipped stop words. */
export const STOP_WORDS: ReadonlySet<string> = parseStopWords(readFileSync(join(__dirname, 'stopwords.txt'), 'utf8'));
