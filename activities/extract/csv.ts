/** CSV sources: UTF-8, UTF-8 with BOM, or GBK/GB18030 (detected or configured). */
import fs from 'node:fs';
import { parse } from 'csv-parse';
import iconv from 'iconv-lite';
import type { SourceSpec } from '../../config/sources';
import { SourceReadError } from '../errors';
import { mapHeader, toSourceRow, type SourceRow } from './header';

type CsvSource = Extract<SourceSpec, { kind: 'csv' }>;

/** BOM → UTF-8; bytes that decode as UTF-8 → UTF-8; otherwise GB18030 (a superset of GBK). */
export function detectEncoding(sample: Buffer): 'utf8' | 'gb18030' {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return 'utf8';
  try {
    // stream: true tolerates a multi-byte character cut at the end of the sample.
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true });
    return 'utf8';
  } catch {
    return 'gb18030';
  }
}

async function readSample(path: string, bytes = 65_536): Promise<Buffer> {
  const handle = await fs.promises.open(path, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

export async function* readCsvSource(source: CsvSource): AsyncGenerator<SourceRow> {
  if (!fs.existsSync(source.path)) throw new SourceReadError(`${source.path} (source ${source.name}): file not found`);
  const encoding = source.encoding === 'auto' ? detectEncoding(await readSample(source.path)) : source.encoding === 'gbk' ? 'gb18030' : source.encoding;
  const text = fs.createReadStream(source.path).pipe(iconv.decodeStream(encoding, { stripBOM: true }));
  const parser = text.pipe(parse({ delimiter: source.delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, bom: true }));
  let mapping: ReturnType<typeof mapHeader> | undefined;
  let rowNo = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      if (!mapping) {
        mapping = mapHeader(source, record);
        continue;
      }
      rowNo++;
      yield toSourceRow(rowNo, record, mapping);
    }
  } catch (error) {
    if (error instanceof Error && 'code' in error && String(error.code).startsWith('CSV_')) {
      throw new SourceReadError(`${source.path} (source ${source.name}): unreadable CSV near data row ${rowNo + 1}: ${error.message}`);
    }
    throw error;
  }
  if (!mapping) throw new SourceReadError(`${source.path} (source ${source.name}): empty file, no header row`);
}
