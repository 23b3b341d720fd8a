/**
 * `sentiment --input COMMENTS.csv [--text-column text] [--lang auto|zh|en] --output SCORED.csv`
 * (SPEC §9): offline sentiment of a user's own comments, no Temporal or database.
 * COMMENTS needs `id` and the text column; its encoding is detected (UTF-8, UTF-8 with BOM,
 * else GB18030/GBK). SCORED has `id,polarity,score,lang` and then the input's other columns.
 * Empty or whitespace-only comments are set aside (not scored, not written), and counted on
 * stderr with their row numbers (the header is row 1).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import iconv from 'iconv-lite';
import { detectEncoding } from '../../activities/extract/csv';
import { loadSentimentModel, scoreComment } from '../../analytics/sentiment';

/** Options of one run. */
export interface SentimentCommandOptions {
  readonly input: string;
  readonly output: string;
  readonly textColumn: string;
  readonly lang: 'auto' | 'zh' | 'en';
}

/** What a run did. */
export interface SentimentRunSummary {
  readonly scored: number;
  /** Row numbers (header = row 1) of comments set aside as empty. */
  readonly emptyRows: number[];
  readonly encoding: 'utf8' | 'gb18030';
}

/** How many set-aside row numbers stderr lists before eliding. */
const LISTED_ROWS = 50;

/**
 * Scores every comment of `input` into `output`.
 * @throws Error naming the file and column when `id` or the text column is missing
 */
export function scoreCommentsFile(options: SentimentCommandOptions): SentimentRunSummary {
  const { input, output, textColumn, lang } = options;
  const bytes = readFileSync(input);
  const encoding = detectEncoding(bytes);
  const records = parse(iconv.decode(bytes, encoding, { stripBOM: true }), { relax_column_count: true }) as string[][];
  const header = records[0];
  if (header === undefined) throw new Error(`${input}: empty file, no header row`);
  for (const column of ['id', textColumn]) {
    if (!header.includes(column)) throw new Error(`${input}: missing column "${column}" (found: ${header.join(', ')})`);
  }
  const idIndex = header.indexOf('id');
  const textIndex = header.indexOf(textColumn);
  const otherIndexes = header.map((_, i) => i).filter((i) => i !== idIndex);
  const model = loadSentimentModel();
  const rows: string[][] = [['id', 'polarity', 'score', 'lang', ...otherIndexes.map((i) => header[i])]];
  const emptyRows: number[] = [];
  records.slice(1).forEach((record, k) => {
    const text = record[textIndex] ?? '';
    if (text.trim() === '') {
      emptyRows.push(k + 2);
      return;
    }
    const { polarity, score, lang: detected } = scoreComment(text, lang, model);
    rows.push([record[idIndex] ?? '', polarity, score.toFixed(4), detected, ...otherIndexes.map((i) => record[i] ?? '')]);
  });
  writeFileSync(output, stringify(rows));
  return { scored: rows.length - 1, emptyRows, encoding };
}

/** Registers `sentiment` on the CLI program. */
export function registerSentimentCommand(program: Command): void {
  program
    .command('sentiment')
    .description('Score the sentiment of comments (zh/en, offline): id,polarity,score,lang + input columns')
    .requiredOption('--input <file>', 'COMMENTS.csv with an id column and a text column (UTF-8 or GBK)')
    .requiredOption('--output <file>', 'SCORED.csv to write')
    .option('--text-column <name>', 'column holding the comment text', 'text')
    .addOption(new Option('--lang <lang>', 'language of the comments').choices(['auto', 'zh', 'en']).default('auto'))
    .action((options: SentimentCommandOptions) => {
      const summary = scoreCommentsFile(options);
      const empty = summary.emptyRows;
      if (empty.length > 0) {
        const listed = empty.slice(0, LISTED_ROWS).join(', ') + (empty.length > LISTED_ROWS ? ', …' : '');
        console.error(`sentiment: ${empty.length} empty comment(s) set aside, not scored: row(s) ${listed}`);
      }
      console.error(`sentiment: scored ${summary.scored} comment(s) from ${options.input} (${summary.encoding}) into ${options.output}`);
    });
}
