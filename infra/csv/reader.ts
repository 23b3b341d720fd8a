/**
 * The strict CSV reader every path uses (the extract stage and the offline commands): streams
 * a file, decides its encoding (encoding.ts), validates every record's bytes as it goes, and
 * yields the header, then each data row — or the row set aside with its reason:
 * - `malformed_row`: a stray or unclosed quote, or a field count other than the header's (an
 *   unquoted `1,234.50` is two fields, never a shifted row). A record that spans lines and has
 *   a quote problem is cut back to its first line, and reading resumes on the next, so one stray
 *   quote never swallows the rows after it.
 * - `bad_encoding`: bytes that are not valid in the file's encoding, or a NUL byte. When they are
 *   systematic (more than 10 rows and more than 1 % of the rows read) the file fails with the
 *   first such line instead.
 * Empty lines are skipped. Messages name the file and line and never echo the file's contents.
 *
 * Hand-written rather than csv-parse: csv-parse either shifts or merges fields
 * (`relax_column_count`, `relax_quotes`) or, with `skip_records_with_error`, drops the rows
 * after a stray quote without reporting them (measured: of `4,5"x,6` / `7,8` / `"9",1"0,11`
 * it reports two errors and loses a row), so read = accepted + quarantined cannot hold.
 */
import { isUtf8 } from 'node:buffer';
import fs from 'node:fs';
import type { DeclaredEncoding } from '../../config/sources';
import { decideFromWindow, declaredEncoding, ENCODING_NAMES, encodingFromBom, utf16WithoutBom, WINDOW_BYTES, type TextEncoding } from './encoding';
import { FIELD_HIGH_BYTES, FIELD_QUOTED, firstLineOf, scanRecord, type ScanEncoding, type ScannedRecord } from './scanner';

export type CsvRejectReason = 'malformed_row' | 'bad_encoding';

export type CsvItem =
  | { kind: 'header'; fields: string[]; line: number }
  | { kind: 'row'; rowNo: number; line: number; fields: string[] }
  /** `text`: the record as decoded (invalid bytes as U+FFFD, NUL as ␀); `fields` when its structure is sound. */
  | { kind: 'rejected'; rowNo: number; line: number; reason: CsvRejectReason; detail: string; text: string; fields?: string[] };

export class CsvFormatError extends Error {
  override name = 'CsvFormatError';
}

export interface CsvReadOptions {
  delimiter?: string;
  encoding?: DeclaredEncoding;
}

/** Bad-encoding rows beyond both limits make the file fail: the encoding is wrong, not a few rows. */
const SYSTEMATIC_MIN_ROWS = 10;
const SYSTEMATIC_SHARE = 0.01;

const REPLACEMENT = Buffer.from('\uFFFD', 'utf8');
const NUL_SIGN = '\u2400';

/** NUL bytes shown as ␀ in text kept for a row set aside (PostgreSQL text cannot hold them). */
function shown(text: string): string {
  return text.replace(/\u0000/g, NUL_SIGN);
}

function asciiText(buf: Buffer, start: number, end: number): string {
  return buf.toString('latin1', start, end);
}

/** Decoded text of byte ranges in the file's encoding (lossy: for rows set aside). */
function rangeDecoder(encoding: TextEncoding): (buf: Buffer, start: number, end: number) => string {
  if (encoding === 'utf8' || encoding === 'utf16le' || encoding === 'utf16be') return (buf, start, end) => buf.toString('utf8', start, end);
  const decoder = new TextDecoder(encoding === 'gb18030' ? 'gb18030' : 'windows-1252');
  return (buf, start, end) => decoder.decode(buf.subarray(start, end));
}

/** True when the record's bytes are valid in `encoding` (UTF-16 arrives transcoded: a U+FFFD marks a lone surrogate). */
function validator(encoding: TextEncoding): (buf: Buffer, start: number, end: number) => boolean {
  switch (encoding) {
    case 'utf8': return (buf, start, end) => isUtf8(buf.subarray(start, end));
    case 'utf16le':
    case 'utf16be': return (buf, start, end) => { const at = buf.indexOf(REPLACEMENT, start); return at < 0 || at >= end; };
    case 'gb18030': {
      const fatal = new TextDecoder('gb18030', { fatal: true });
      return (buf, start, end) => {
        try {
          fatal.decode(buf.subarray(start, end));
          return true;
        } catch {
          return false;
        }
      };
    }
    case 'latin1': return () => true;
  }
}

/** The file's bytes; UTF-16 is transcoded to UTF-8 on the way (lone surrogates become U+FFFD). */
async function* transcoded(chunks: AsyncIterator<Buffer>, head: Buffer, encoding: 'utf16le' | 'utf16be'): AsyncGenerator<Buffer> {
  const decoder = new TextDecoder(encoding === 'utf16le' ? 'utf-16le' : 'utf-16be');
  yield Buffer.from(decoder.decode(head, { stream: true }), 'utf8');
  for (let r = await chunks.next(); !r.done; r = await chunks.next()) yield Buffer.from(decoder.decode(r.value, { stream: true }), 'utf8');
  yield Buffer.from(decoder.decode(), 'utf8');
}

/** Reads `file` strictly; the first item is the header (the first non-empty record). */
export async function* readCsvFile(file: string, options: CsvReadOptions = {}): AsyncGenerator<CsvItem> {
  const delimiterText = options.delimiter ?? ',';
  const delimiter = delimiterText.charCodeAt(0);
  if (delimiterText.length !== 1 || delimiter >= 0x80 || delimiter === 0x22 || delimiter === 0x0a || delimiter === 0x0d) {
    throw new CsvFormatError(`${file}: the delimiter must be one ASCII character other than a quote or a line break`);
  }
  const stream = fs.createReadStream(file);
  const raw = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  try {
    yield* readRecords(file, raw, delimiter, options.encoding ?? 'auto');
  } finally {
    stream.destroy();
  }
}

async function* readRecords(file: string, raw: AsyncIterator<Buffer>, delimiter: number, declared: DeclaredEncoding): AsyncGenerator<CsvItem> {
  // The head: enough bytes for a byte-order mark and the UTF-16 check.
  let head: Buffer = Buffer.alloc(0);
  let rawEnded = false;
  while (head.length < 4096) {
    const r = await raw.next();
    if (r.done) {
      rawEnded = true;
      break;
    }
    head = Buffer.concat([head, r.value]);
  }
  const bom = encodingFromBom(head);
  const fixed = declaredEncoding(declared);
  if (bom && fixed && bom.encoding !== fixed) {
    throw new CsvFormatError(`${file}: declared ${ENCODING_NAMES[fixed]} but starts with a ${ENCODING_NAMES[bom.encoding]} byte-order mark`);
  }
  let encoding: TextEncoding | undefined = bom?.encoding ?? fixed ?? utf16WithoutBom(head);
  head = head.subarray(bom?.bomLength ?? 0);

  let chunks: AsyncIterator<Buffer>;
  if (encoding === 'utf16le' || encoding === 'utf16be') {
    chunks = transcoded(raw, head, encoding);
    head = Buffer.alloc(0);
  } else {
    chunks = raw;
  }

  let buf: Buffer = head;
  let pos = 0;
  let ended = rawEnded && encoding !== 'utf16le' && encoding !== 'utf16be';
  const fill = async (): Promise<void> => {
    const r = await chunks.next();
    if (r.done) {
      ended = true;
      return;
    }
    buf = pos < buf.length ? Buffer.concat([buf.subarray(pos), r.value]) : r.value;
    pos = 0;
  };

  let scanEncoding: ScanEncoding = encoding === undefined ? 'pending' : encoding === 'utf16le' || encoding === 'utf16be' ? 'utf8' : encoding;
  let decode = encoding ? rangeDecoder(encoding) : undefined;
  let valid = encoding ? validator(encoding) : undefined;
  let decidedAtLine: number | undefined;

  let line = 1;
  let rowNo = 0;
  let headerFields: number | undefined;
  let badRows = 0;
  let firstBadLine = 0;
  let skippingLine = false;
  const systematic = () => badRows > SYSTEMATIC_MIN_ROWS && badRows > rowNo * SYSTEMATIC_SHARE;
  const failSystematic = (): never => {
    throw new CsvFormatError(`${file}: ${badRows} of ${rowNo} rows, the first on line ${firstBadLine}, are not valid ${ENCODING_NAMES[encoding ?? 'utf8']}${decidedAtLine ? ` (decided at line ${decidedAtLine})` : ''}: the file is in another encoding or mixes encodings; convert it to UTF-8 or declare its encoding`);
  };

  for (;;) {
    if (skippingLine) {
      const lf = buf.indexOf(0x0a, pos);
      if (lf >= 0) {
        pos = lf + 1;
        line++;
        skippingLine = false;
      } else if (ended) {
        break;
      } else {
        pos = buf.length;
        await fill();
        continue;
      }
    }
    if (pos >= buf.length) {
      if (ended) break;
      await fill();
      continue;
    }
    const result = scanRecord(buf, pos, delimiter, scanEncoding, ended);
    if (result.kind === 'more') {
      await fill();
      continue;
    }
    if (result.kind === 'undecided') {
      let at = result.at;
      while (!ended && buf.length - at < WINDOW_BYTES) {
        const shift = pos;
        await fill();
        at -= shift;
      }
      const verdict = decideFromWindow(buf.subarray(at, at + WINDOW_BYTES), ended && buf.length - at <= WINDOW_BYTES);
      if (verdict.encoding === undefined) throw new CsvFormatError(`${file}: line ${line}: ${verdict.problem}`);
      encoding = verdict.encoding;
      scanEncoding = verdict.encoding;
      decode = rangeDecoder(encoding);
      valid = validator(encoding);
      decidedAtLine = line;
      continue;
    }

    let record: ScannedRecord = result;
    // A quote problem in a record spanning lines means its quotes cannot be trusted: cut it back to
    // its first line and read on from the next. Well-formed quotes with a wrong field count stay one record.
    if (record.lines > 1 && record.problem !== undefined) {
      record = firstLineOf(buf, record, 'a quote on this line opens a field that does not close into a well-formed row');
    }
    const recordLine = line;
    pos = record.next;
    if (record.truncated && record.lines === 1) skippingLine = true;
    else line += record.lines;
    if (record.end === record.start && record.fields.length === 3) continue; // an empty line

    const fields: string[] = [];
    for (let f = 0; f < record.fields.length; f += 3) {
      const flags = record.fields[f + 2];
      const value = flags & FIELD_HIGH_BYTES && decode ? decode(buf, record.fields[f], record.fields[f + 1]) : buf.toString('latin1', record.fields[f], record.fields[f + 1]);
      fields.push(flags & FIELD_QUOTED && value.includes('"') ? value.replace(/""/g, '"') : value);
    }
    const badBytes = record.nulByte ? 'holds a NUL byte' : record.highBytes && valid && !valid(buf, record.start, record.end)
      ? `is not valid ${ENCODING_NAMES[encoding ?? 'utf8']}${decidedAtLine ? ` (the encoding decided at line ${decidedAtLine})` : ''}`
      : undefined;

    if (headerFields === undefined) {
      if (record.problem) throw new CsvFormatError(`${file}: line ${recordLine}: the header row is malformed: ${record.problem}`);
      if (badBytes) throw new CsvFormatError(`${file}: line ${recordLine}: the header row ${badBytes}`);
      headerFields = fields.length;
      yield { kind: 'header', fields, line: recordLine };
      continue;
    }
    rowNo++;
    if (record.problem !== undefined || fields.length !== headerFields) {
      const detail = `line ${recordLine}: ${record.problem ?? `${fields.length} fields where the header has ${headerFields}`}`;
      yield { kind: 'rejected', rowNo, line: recordLine, reason: 'malformed_row', detail, text: shown((decode ?? asciiText)(buf, record.start, record.end)) };
    } else if (badBytes) {
      badRows++;
      if (badRows === 1) firstBadLine = recordLine;
      if (badRows % 100 === 0 && systematic()) failSystematic();
      yield { kind: 'rejected', rowNo, line: recordLine, reason: 'bad_encoding', detail: `line ${recordLine} ${badBytes}`, text: shown((decode ?? asciiText)(buf, record.start, record.end)), fields: fields.map(shown) };
    } else {
      yield { kind: 'row', rowNo, line: recordLine, fields };
    }
  }
  if (systematic()) failSystematic();
}
