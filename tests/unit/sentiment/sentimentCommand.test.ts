/**
 * The `sentiment` command on a GBK-encoded COMMENTS.csv with empty and whitespace-only
 * comments (written here with iconv-lite into a temporary folder), and its errors.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { registerSentimentCommand, scoreCommentsFile } from '../../../scripts/commands/sentiment';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sentiment-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const COMMENTS = [
  'id,comment,channel',
  '1,质量很好，物流也快,app',
  '2,,web',
  '3,太差了，不会再买,app',
  '4,"   ",web',
  '5,not bad,email',
  '6,"不错, but 有点贵",app',
].join('\r\n');

/** Runs the registered command the way the CLI does, with errors thrown instead of exiting. */
async function runCli(args: string[]): Promise<void> {
  const program = new Command('cli').exitOverride();
  registerSentimentCommand(program);
  await program.parseAsync(['sentiment', ...args], { from: 'user' });
}

describe('sentiment command', () => {
  test('scores a GBK file, sets empty comments aside and keeps the other columns', async () => {
    const input = join(dir, 'gbk.csv');
    const output = join(dir, 'scored.csv');
    writeFileSync(input, iconv.encode(COMMENTS, 'gbk'));
    const stderr = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    await runCli(['--input', input, '--text-column', 'comment', '--output', output]);
    const messages = stderr.mock.calls.map((call) => String(call[0]));
    stderr.mockRestore();
    expect(messages).toContainEqual(expect.stringContaining('2 empty comment(s) set aside, not scored: line(s) 3, 5'));
    const rows = parse(readFileSync(output, 'utf8'), { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0])).toEqual(['id', 'polarity', 'score', 'lang', 'comment', 'channel']);
    expect(rows.map((r) => r.id)).toEqual(['1', '3', '5', '6']);
    expect(rows[0]).toMatchObject({ polarity: 'positive', lang: 'zh', comment: '质量很好，物流也快', channel: 'app' });
    expect(rows[1]).toMatchObject({ polarity: 'negative', lang: 'zh' });
    expect(rows[2].polarity).not.toBe('negative');
    expect(rows[3].lang).toBe('mixed');
    for (const row of rows) expect(Number(row.score)).toBeGreaterThanOrEqual(0);
  });

  test('reads UTF-8 with a BOM', async () => {
    const input = join(dir, 'bom.csv');
    writeFileSync(input, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('id,text\na1,很满意\n')]));
    const summary = await scoreCommentsFile({ input, output: join(dir, 'bom-out.csv'), textColumn: 'text', lang: 'auto' });
    expect(summary).toEqual({ scored: 1, emptyRows: [] });
    expect(readFileSync(join(dir, 'bom-out.csv'), 'utf8')).toMatch(/^id,polarity,score,lang,text\na1,positive,/);
  });

  test.each([
    ['ident,text\n1,好\n', 'id'],
    ['id,body\n1,好\n', 'text'],
  ])('a missing column is an error naming file and column', async (content, column) => {
    const input = join(dir, `missing-${column}.csv`);
    writeFileSync(input, content);
    await expect(runCli(['--input', input, '--output', join(dir, 'never.csv')])).rejects.toThrow(`${input}: missing column(s) ${column}`);
  });

  test('--lang only accepts auto, zh or en', async () => {
    jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    await expect(runCli(['--input', 'x.csv', '--output', 'y.csv', '--lang', 'fr'])).rejects.toThrow(/choices/);
    jest.restoreAllMocks();
  });
});
