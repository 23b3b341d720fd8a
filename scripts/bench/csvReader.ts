/**
 * `npm run bench:csv`: the strict CSV reader (infra/csv) on 1,000,000 order lines written in
 * UTF-8 and in GBK, beside csv-parse with iconv-lite (relaxed, as the pipeline read before):
 * wall time, CPU time and rows per second of each. Flags: --lines N.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { parse } from 'csv-parse';
import iconv from 'iconv-lite';
import { readCsvFile } from '../../infra/csv/reader';
import { integerIn } from '../lib/cliArgs';

const flags = new Command('bench:csv')
  .option('--lines <n>', 'order lines', integerIn(1000, 10_000_000), 1_000_000)
  .parse(process.argv)
  .opts<{ lines: number }>();

async function timed(label: string, rows: () => Promise<number>): Promise<void> {
  const wall = Date.now();
  const cpu = process.cpuUsage();
  const n = await rows();
  const ms = Date.now() - wall;
  const used = process.cpuUsage(cpu);
  console.log(`${label.padEnd(28)} ${n} rows  wall ${ms} ms  cpu ${((used.user + used.system) / 1000).toFixed(0)} ms  ${Math.round(n / (ms / 1000)).toLocaleString('en-US')} rows/s`);
}

async function run(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-csv-'));
  try {
    const lines = ['订单号,客户编号,下单时间,金额,品类,渠道,数量'];
    for (let i = 0; i < flags.lines; i++) lines.push(`O${i},C${i % 100_000},2024年3月${1 + (i % 28)}日 10:20,"￥1,${String(i % 1000).padStart(3, '0')}.50",服饰,门店,${1 + (i % 3)}`);
    const text = `${lines.join('\n')}\n`;
    const files = { utf8: path.join(dir, 'utf8.csv'), gb18030: path.join(dir, 'gbk.csv') } as const;
    fs.writeFileSync(files.utf8, text);
    fs.writeFileSync(files.gb18030, iconv.encode(text, 'gbk'));
    for (const encoding of ['utf8', 'gb18030'] as const) {
      await timed(`strict reader, ${encoding}`, async () => {
        let n = 0;
        for await (const item of readCsvFile(files[encoding])) if (item.kind === 'row') n++;
        return n;
      });
      await timed(`csv-parse + iconv, ${encoding}`, async () => {
        let n = -1; // the header
        const parser = fs.createReadStream(files[encoding]).pipe(iconv.decodeStream(encoding)).pipe(parse({ relax_column_count: true, relax_quotes: true, skip_empty_lines: true, bom: true }));
        for await (const record of parser as AsyncIterable<string[]>) if (record.length > 0) n++;
        return n;
      });
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

run().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
