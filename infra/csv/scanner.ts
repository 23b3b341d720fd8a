/**
 * Strict RFC 4180 record scanning over bytes. A field is either unquoted (no quote inside) or
 * quoted from its first to its last byte (inner quotes doubled); anything else is a problem
 * reported with the record, never repaired. Records end at LF (a CR before it is dropped);
 * only a quoted field may span lines. Works on the raw bytes of ASCII-compatible encodings:
 * quote, CR and LF never occur inside a UTF-8 or GB18030 multi-byte character, and GB18030
 * characters are stepped over whole, so a delimiter byte inside one (`|` is a valid trail
 * byte) does not split a field.
 */

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/** A record longer than this without ending is cut off as malformed. */
export const MAX_RECORD_BYTES = 1 << 20;

/** Byte-level encodings the scanner steps through (UTF-16 is transcoded to UTF-8 first). */
export type ScanEncoding = 'pending' | 'utf8' | 'gb18030' | 'latin1';

export interface ScannedRecord {
  kind: 'record';
  /** Byte range of the record without its line break. */
  start: number;
  end: number;
  /** Where the next record starts. */
  next: number;
  /** Physical lines the record spans (1 unless a quoted field holds a line break). */
  lines: number;
  /** Per field: start, end (inner range for quoted fields), flags (FIELD_QUOTED | FIELD_HIGH_BYTES). */
  fields: number[];
  problem?: string;
  /** A byte ≥ 0x80 (needs decoding) or a NUL byte (never valid text for PostgreSQL). */
  highBytes: boolean;
  nulByte: boolean;
  /** Cut off at MAX_RECORD_BYTES: the rest of its line is to be skipped. */
  truncated: boolean;
}

/** `more`: the record is not complete in the buffer; `undecided`: a non-ASCII byte at `at` while the encoding is pending. */
export type ScanResult = ScannedRecord | { kind: 'more' } | { kind: 'undecided'; at: number };

/** Field flags: quoted (inner quotes doubled), holds bytes ≥ 0x80 (needs decoding). */
export const FIELD_QUOTED = 1;
export const FIELD_HIGH_BYTES = 2;

const enum State { FieldStart, Unquoted, Quoted, AfterQuote }

/** Bytes of the GB18030 character whose lead byte is at `i`, or 0 when the buffer ends inside it. */
function gbCharLength(buf: Uint8Array, i: number): number {
  if (buf[i] < 0x81 || buf[i] === 0xff) return 1;
  if (i + 1 >= buf.length) return 0;
  const second = buf[i + 1];
  if (second >= 0x30 && second <= 0x39) return i + 3 < buf.length ? 4 : 0;
  return 2;
}

/**
 * Scans one record starting at `pos`. With `final` the buffer holds the rest of the file:
 * an unclosed quote is then reported as a problem instead of asking for more.
 * (No closures inside: this runs once per row and allocates only the field list.)
 */
export function scanRecord(buf: Uint8Array, pos: number, delimiter: number, encoding: ScanEncoding, final: boolean): ScanResult {
  const n = buf.length;
  const fields: number[] = [];
  let state = State.FieldStart;
  let fieldStart = pos;
  let quoteEnd = 0;
  let lines = 1;
  let problem: string | undefined;
  let highBytes = false;
  let fieldHigh = 0;
  let nulByte = false;
  let lineEnd = n;
  let next = n;
  let truncated = false;

  let i = pos;
  while (i < n) {
    if (i - pos > MAX_RECORD_BYTES) {
      problem = `the record runs past ${MAX_RECORD_BYTES} bytes without ending`;
      lineEnd = next = i;
      truncated = true;
      break;
    }
    const b = buf[i];
    if (b >= 0x80) {
      if (encoding === 'pending') return { kind: 'undecided', at: i };
      highBytes = true;
      fieldHigh = FIELD_HIGH_BYTES;
      if (state === State.FieldStart) state = State.Unquoted;
      if (state === State.AfterQuote) {
        problem ??= `text follows the closing quote of field ${fields.length / 3 + 1}`;
        state = State.Unquoted;
      }
      const step = encoding === 'gb18030' ? gbCharLength(buf, i) : 1;
      if (step === 0) {
        if (!final) return { kind: 'more' };
        break;
      }
      i += step;
      continue;
    }
    if (b === 0) nulByte = true;
    if (state === State.FieldStart) {
      if (b === QUOTE) {
        state = State.Quoted;
        i++;
        continue;
      }
      state = State.Unquoted;
    }
    if (state !== State.Quoted && (b === delimiter || b === LF)) {
      // The end of a field (unquoted, or quoted and closed), or of the record.
      if (b === LF) {
        lineEnd = i;
        next = i + 1;
        break;
      }
      if (state === State.AfterQuote) fields.push(fieldStart + 1, quoteEnd, FIELD_QUOTED | fieldHigh);
      else fields.push(fieldStart, i, fieldHigh);
      fieldHigh = 0;
      fieldStart = i + 1;
      state = State.FieldStart;
      i++;
      continue;
    }
    switch (state) {
      case State.Unquoted:
        if (b === QUOTE) problem ??= `a quote inside unquoted field ${fields.length / 3 + 1}`;
        i++;
        continue;
      case State.Quoted:
        if (b === QUOTE) {
          if (i + 1 >= n && !final) return { kind: 'more' };
          if (buf[i + 1] === QUOTE) {
            i += 2;
            continue;
          }
          quoteEnd = i;
          state = State.AfterQuote;
        } else if (b === LF) {
          lines++;
        }
        i++;
        continue;
      case State.AfterQuote:
        if (!(b === CR && i + 1 < n && buf[i + 1] === LF)) {
          if (b === CR && i + 1 >= n && !final) return { kind: 'more' };
          problem ??= `text follows the closing quote of field ${fields.length / 3 + 1}`;
          state = State.Unquoted;
        }
        i++;
        continue;
    }
  }
  if (i >= n && !final && !truncated) return { kind: 'more' };
  const end = lineEnd > pos && buf[lineEnd - 1] === CR ? lineEnd - 1 : lineEnd;
  if (state === State.Quoted) {
    problem ??= `the quote opening field ${fields.length / 3 + 1} is never closed`;
    fields.push(fieldStart, end, fieldHigh);
  } else if (state === State.AfterQuote) {
    fields.push(fieldStart + 1, quoteEnd, FIELD_QUOTED | fieldHigh);
  } else {
    fields.push(fieldStart, end, fieldHigh);
  }
  return { kind: 'record', start: pos, end, next, lines, fields, problem, highBytes, nulByte, truncated };
}

/** The first physical line of a record that spans several, as a record of its own (for resynchronising after a stray quote). */
export function firstLineOf(buf: Uint8Array, record: ScannedRecord, problem: string): ScannedRecord {
  let lf = record.start;
  while (lf < record.end && buf[lf] !== LF) lf++;
  const end = lf > record.start && buf[lf - 1] === CR ? lf - 1 : lf;
  let highBytes = false;
  let nulByte = false;
  for (let i = record.start; i < end; i++) {
    if (buf[i] >= 0x80) highBytes = true;
    else if (buf[i] === 0) nulByte = true;
  }
  return { kind: 'record', start: record.start, end, next: lf + 1, lines: 1, fields: [record.start, end, highBytes ? FIELD_HIGH_BYTES : 0], problem, highBytes, nulByte, truncated: false };
}
