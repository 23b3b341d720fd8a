/**
 * Streaming CSV output: rows are escaped into a string buffer and written in chunks of
 * about 256 KB, encoded as UTF-8, UTF-8 with BOM, GBK or GB18030, honouring backpressure. The same
 * writer produces the PostgreSQL COPY payloads (FORMAT csv: an unquoted empty field is
 * NULL, `""` is an empty string).
 */
import fs from 'node:fs';
import { once } from 'node:events';
import iconv from 'iconv-lite';

export type CsvEncoding = 'utf8' | 'utf8-bom' | 'gbk' | 'gb18030';

const CHUNK_CHARS = 1 << 18;
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** One CSV field: null → empty (NULL for COPY), '' → `""`, quoted when it holds `,` `"`, a newline or edge spaces. */
export function csvField(value: string | null): string {
  if (value === null) return '';
  if (value === '') return '""';
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** A CSV file written row by row; call `flush` when `full`, and `close` at the end. */
export class CsvWriter {
  private buffer: string[] = [];
  private bufferedChars = 0;
  private failure: Error | undefined;
  /** Data rows written so far (the header is not counted). */
  rows = 0;

  private constructor(
    private readonly stream: fs.WriteStream,
    private readonly encoding: CsvEncoding,
    private readonly lineEnd: string,
  ) {
    stream.on('error', (error) => {
      this.failure = error;
    });
  }

  /** Opens `path` for writing and writes the BOM (utf8-bom) and the header row. */
  static open(path: string, header: readonly string[], encoding: CsvEncoding, lineEnd = '\n'): CsvWriter {
    const writer = new CsvWriter(fs.createWriteStream(path), encoding, lineEnd);
    writer.append(`${encoding === 'utf8-bom' ? '\uFEFF' : ''}${header.map(csvField).join(',')}${lineEnd}`);
    return writer;
  }

  /** Buffers one row. */
  row(values: readonly (string | null)[]): void {
    this.append(values.map(csvField).join(',') + this.lineEnd);
    this.rows++;
  }

  /** True when the buffer should be flushed before more rows are added. */
  get full(): boolean {
    return this.bufferedChars >= CHUNK_CHARS;
  }

  /** Writes the buffer out, waiting for the stream to drain when it asks to. */
  async flush(): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.buffer.length === 0) return;
    const text = this.buffer.join('');
    this.buffer = [];
    this.bufferedChars = 0;
    const chunk = this.encoding === 'gbk' || this.encoding === 'gb18030' ? iconv.encode(text, this.encoding) : Buffer.from(text, 'utf8');
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
  }

  /** Flushes and closes the file. */
  async close(): Promise<void> {
    await this.flush();
    const finished = once(this.stream, 'finish');
    this.stream.end();
    await finished;
    if (this.failure) throw this.failure;
  }

  private append(text: string): void {
    this.buffer.push(text);
    this.bufferedChars += text.length;
  }
}

/** Flushes every writer whose buffer is full. */
export async function flushFull(writers: readonly CsvWriter[]): Promise<void> {
  for (const writer of writers) if (writer.full) await writer.flush();
}
