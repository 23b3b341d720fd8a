/**
 * `sentiment --input COMMENTS.csv [--text-column text] [--lang auto|zh|en] --output SCORED.csv`
 * (SPEC §9): offline sentiment of a user's own comments, no Temporal or database.
 * COMMENTS needs `id` and the text column; it is read by the pipeline's strict reader (encoding
 * detected and validated: UTF-8, BOM, UTF-16, GBK/GB18030). SCORED has `id,polarity,score,lang`
 * and then the input's other columns. Empty or whitespace-only comments are set aside (not
 * scored, not written), and counted on stderr with their line numbers (the header is line 1).
 */
import { writeFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { loadSentimentModel, scoreComment } from '../../analytics/sentiment';
import { DECLARED_ENCODINGS, type DeclaredEncoding } from '../../config/sources';
import { toCsv } from '../../reports/csv';
import { readOfflineCsv } from '../lib/offlineCsv';

/** Options of one run. */
export interface SentimentCommandOptions {
  readonly input: string;
  readonly output: string;
  readonly textColumn: string;
  readonly lang: 'auto' | 'zh' | 'en';
  readonly encoding?: DeclaredEncoding;
}

/** What a run did. */
export interface SentimentRunSummary {
  readonly scored: number;
  /** Line numbers (header = line 1) of comments set aside as empty. */
  readonly emptyRows: number[];
}

/** How many set-aside row numbers stderr lists before eliding. */
const LISTED_ROWS = 50;

/**
 * Scores every comment of `input` into `output`.
 * @throws Error naming the file and column when `id` or the text column is missing, or the file and line of a malformed row
 */
export async function scoreCommentsFile(options: SentimentCommandOptions): Promise<SentimentRunSummary> {
  const { input, output, textColumn, lang } = options;
  const model = loadSentimentModel();
  let header: string[] | undefined;
  const rows: string[][] = [];
  const emptyRows: number[] = [];
  for await (const record of readOfflineCsv(input, ['id', textColumn], { encoding: options.encoding })) {
    header ??= Object.keys(record.values);
    const text = record.values[textColumn] ?? '';
    if (text.trim() === '') {
      emptyRows.push(record.line);
      continue;
    }
    const { polarity, score, lang: detected } = scoreComment(text, lang, model);
    rows.push([record.values.id ?? '', polarity, score.toFixed(4), detected, ...header.filter((c) => c !== 'id').map((c) => record.values[c] ?? '')]);
  }
  const others = (header ?? []).filter((c) => c !== 'id');
  writeFileSync(output, toCsv(['id', 'polarity', 'score', 'lang', ...others], rows));
  return { scored: rows.length, emptyRows };
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
    .addOption(new Option('--encoding <encoding>', 'encoding of the input (default: detected)').choices(DECLARED_ENCODINGS).default('auto'))
    .action(async (options: SentimentCommandOptions) => {
      const summary = await scoreCommentsFile(options);
      const empty = summary.emptyRows;
      if (empty.length > 0) {
        const listed = empty.slice(0, LISTED_ROWS).join(', ') + (empty.length > LISTED_ROWS ? ', …' : '');
        console.error(`sentiment: ${empty.length} empty comment(s) set aside, not scored: line(s) ${listed}`);
      }
      console.error(`sentiment: scored ${summary.scored} comment(s) from ${options.input} into ${options.output}`);
    });
}
