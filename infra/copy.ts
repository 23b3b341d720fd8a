/**
 * Bulk I/O with PostgreSQL's COPY (text format): rows stream in and out without ever
 * holding a table in memory. Used by the stages that write many rows (extract, clean, voice,
 * segment, value, forecast) and the generator.
 */
import { Readable } from 'node:stream';
import { once } from 'node:events';
import { finished, pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';

export type CopyValue = string | number | boolean | Date | null | undefined;

const TEXT_SPECIALS = /[\\\t\n\r]/;
const TEXT_ESCAPED: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** One value in COPY's text format: NULL is `\N`; backslash, tab and newlines escaped. */
function textValue(value: CopyValue): string {
  if (value === null || value === undefined) return '\\N';
  // Numbers, booleans and ISO instants never hold a character COPY escapes.
  if (typeof value !== 'string') return value instanceof Date ? value.toISOString() : String(value);
  return TEXT_SPECIALS.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => TEXT_ESCAPED[c]) : value;
}

/**
 * One row as one line. Joined, not concatenated field by field: V8 keeps a concatenation as a tree
 * of pieces until it is read, and a writer's buffered batch of 20,000 such lines of 19 fields held
 * 20.7 MB instead of 3.0 MB, and took longer to build and to join.
 */
function copyTextLine(values: readonly CopyValue[]): string {
  return values.map(textValue).join('\t') + '\n';
}

/**
 * A buffered COPY writer for rows produced one at a time (e.g. accepted and quarantined
 * rows interleaved). Sends every `batchSize` rows through its own COPY statement, and goes on
 * producing while PostgreSQL ingests them: at most one batch is in flight, the next one waits
 * for it, and its failure is raised by the next write or by `flush`. Each batch is a whole
 * COPY statement (never one left open between batches): a connection the server terminates
 * fails the batch's promise. Rows are written once `flush` has resolved.
 */
export class CopyWriter {
  private buffer: string[] = [];
  private inFlight: Promise<void> | undefined;
  count = 0;
  constructor(private readonly client: PoolClient, private readonly table: string, private readonly columns: readonly string[], private readonly batchSize = 20_000) {}

  async write(row: readonly CopyValue[]): Promise<void> {
    this.add(row);
    await this.sendWhenFull();
  }

  /**
   * Buffers a row without sending it: for a caller converting many rows in one synchronous
   * loop, which then calls `sendWhenFull` once, instead of awaiting a write per row.
   */
  add(row: readonly CopyValue[]): void {
    this.buffer.push(copyTextLine(row));
    this.count++;
  }

  /** Sends the buffered rows once they make a batch. */
  async sendWhenFull(): Promise<void> {
    if (this.buffer.length >= this.batchSize) await this.send();
  }

  /** Writes every row given so far. */
  async flush(): Promise<void> {
    await this.send();
    await this.inFlight;
  }

  /** Waits for the batch in flight (raising its failure), then sends the buffered rows without waiting. */
  private async send(): Promise<void> {
    await this.inFlight;
    if (this.buffer.length === 0) return;
    const chunk = this.buffer.join('');
    this.buffer = [];
    const sink = this.client.query(copyFrom(`COPY ${this.table} (${this.columns.map((c) => `"${c}"`).join(', ')}) FROM STDIN`));
    const sent = pipeline(Readable.from([chunk]), sink);
    // Raised by the next send or flush; a step failing before either still rolls back on this connection.
    sent.catch(() => undefined);
    this.inFlight = sent;
  }
}

/** Lines gathered before a write to the COPY stream: fewer, larger writes. */
const STREAM_CHUNK_CHARS = 1 << 16;

/**
 * One COPY FROM STDIN kept open while rows are produced (one writer per connection at a time):
 * PostgreSQL ingests while the caller reads and converts the next rows, instead of both taking
 * turns batch by batch. `write` waits only when the connection pushes back. Opened and closed
 * by `copyStream`, which cancels the COPY when the producer fails, so the connection is free
 * again for the transaction's rollback.
 */
export class CopyStream {
  private readonly sink: ReturnType<typeof copyFrom>;
  private pending = '';
  private failure: Error | undefined;
  count = 0;

  constructor(client: PoolClient, table: string, columns: readonly string[]) {
    this.sink = client.query(copyFrom(`COPY ${table} (${columns.map((c) => `"${c}"`).join(', ')}) FROM STDIN`));
    this.sink.on('error', (error: Error) => { this.failure ??= error; });
  }

  async write(row: readonly CopyValue[]): Promise<void> {
    if (this.failure) throw this.failure;
    this.pending += copyTextLine(row);
    this.count++;
    if (this.pending.length < STREAM_CHUNK_CHARS) return;
    const accepted = this.sink.write(this.pending);
    this.pending = '';
    if (!accepted) await once(this.sink, 'drain');
  }

  /** Sends the last rows and waits until PostgreSQL has them all. */
  async end(): Promise<number> {
    if (this.failure) throw this.failure;
    const done = finished(this.sink);
    this.sink.end(this.pending);
    this.pending = '';
    await done;
    return this.count;
  }

  /** Cancels the COPY (CopyFail): none of its rows land, and the connection takes queries again. */
  async cancel(reason: Error): Promise<void> {
    const done = finished(this.sink).catch(() => undefined);
    this.sink.destroy(reason);
    await done;
  }
}

/** Runs `fill` with a COPY stream into `table`: ended when it returns, cancelled when it throws. */
export async function copyStream<T>(client: PoolClient, table: string, columns: readonly string[], fill: (stream: CopyStream) => Promise<T>): Promise<T> {
  const stream = new CopyStream(client, table, columns);
  let result: T;
  try {
    result = await fill(stream);
  } catch (error) {
    await stream.cancel(error instanceof Error ? error : new Error(String(error)));
    throw error;
  }
  await stream.end();
  return result;
}

const TEXT_ESCAPES: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };

/** One field of COPY's text format: `\N` is NULL, backslash escapes otherwise. */
function textField(field: string): string | null {
  if (field === '\\N') return null;
  if (!field.includes('\\')) return field;
  return field.replace(/\\(.)/g, (_, c: string) => TEXT_ESCAPES[c] ?? c);
}

/**
 * Streams the result of `select` as arrays of text (NULL → null), the rows of each chunk the
 * server sends together. Uses COPY's text format: newlines and tabs inside values are escaped,
 * so every row is one line — far faster to split than CSV.
 */
export async function* copyRowBatchesOut(client: PoolClient, select: string): AsyncGenerator<Array<Array<string | null>>> {
  const source = client.query(copyTo(`COPY (${select}) TO STDOUT`));
  const decoder = new TextDecoder('utf-8');
  let pending = '';
  for await (const chunk of source as AsyncIterable<Buffer>) {
    pending += decoder.decode(chunk, { stream: true });
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    if (lines.length > 0) yield lines.map((line) => line.split('\t').map(textField));
  }
  pending += decoder.decode();
  if (pending !== '') yield [pending.split('\t').map(textField)];
}

/** The rows of `copyRowBatchesOut` one at a time. */
export async function* copyRowsOut(client: PoolClient, select: string): AsyncGenerator<Array<string | null>> {
  for await (const batch of copyRowBatchesOut(client, select)) yield* batch;
}
