/**
 * Text encodings of CSV exports and how a file's is decided. A byte-order mark decides first
 * (UTF-8, UTF-16 LE/BE, GB18030); UTF-16 without one is recognised by its zero bytes. Otherwise
 * nothing is decided while the file is plain ASCII (it reads the same in every candidate): a GBK
 * file whose first 64 KiB are ASCII is still read as GBK. At the first non-ASCII byte, the lines
 * of the next WINDOW_BYTES decide (decideFromWindow): UTF-8, GB18030 (a superset of GBK), or
 * neither — a Latin-1 file is refused, naming the line, never read as Chinese. Every record is
 * then validated as it streams (reader.ts).
 */
import { isUtf8 } from 'node:buffer';
import type { DeclaredEncoding } from '../../config/sources';

export const TEXT_ENCODINGS = ['utf8', 'gb18030', 'utf16le', 'utf16be', 'latin1'] as const;
/** latin1 means Windows-1252, what "Latin-1" exports are in practice. */
export type TextEncoding = (typeof TEXT_ENCODINGS)[number];


/** Bytes after the first non-ASCII byte that decide between UTF-8 and GB18030. */
export const WINDOW_BYTES = 65_536;

/** Share of GB18030 two-byte characters that must lie in the GB2312 area (both bytes ≥ 0xA1). */
const GB2312_SHARE = 0.9;

export const ENCODING_NAMES: Record<TextEncoding, string> = {
  utf8: 'UTF-8', gb18030: 'GBK/GB18030', utf16le: 'UTF-16LE', utf16be: 'UTF-16BE', latin1: 'Latin-1 (Windows-1252)',
};

export function declaredEncoding(declared: DeclaredEncoding): TextEncoding | undefined {
  return declared === 'auto' ? undefined : declared === 'gbk' ? 'gb18030' : declared;
}

const BOMS: Array<[TextEncoding, number[]]> = [
  ['utf8', [0xef, 0xbb, 0xbf]],
  ['gb18030', [0x84, 0x31, 0x95, 0x33]],
  ['utf16le', [0xff, 0xfe]],
  ['utf16be', [0xfe, 0xff]],
];

/** The encoding a byte-order mark at the start of `head` names, and the mark's length. */
export function encodingFromBom(head: Uint8Array): { encoding: TextEncoding; bomLength: number } | undefined {
  for (const [encoding, bom] of BOMS) {
    if (head.length >= bom.length && bom.every((b, i) => head[i] === b)) return { encoding, bomLength: bom.length };
  }
  return undefined;
}

/**
 * UTF-16 without a BOM: text in it that is mostly ASCII has a zero in every other byte (the high
 * byte first in BE, second in LE). UTF-8, GB18030 and Latin-1 text has none.
 */
export function utf16WithoutBom(head: Uint8Array): TextEncoding | undefined {
  const pairs = Math.floor(Math.min(head.length, 4096) / 2);
  if (pairs < 2) return undefined;
  let zeroEven = 0;
  let zeroOdd = 0;
  for (let i = 0; i < pairs * 2; i += 2) {
    if (head[i] === 0) zeroEven++;
    if (head[i + 1] === 0) zeroOdd++;
  }
  if (zeroOdd > pairs * 0.3 && zeroEven < pairs * 0.05) return 'utf16le';
  if (zeroEven > pairs * 0.3 && zeroOdd < pairs * 0.05) return 'utf16be';
  return undefined;
}

function validGb18030(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('gb18030', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** GB18030 two-byte characters in `bytes`, and how many of them have lead and trail bytes ≥ 0xA1 (the GB2312 area). */
function gb2312Counts(bytes: Uint8Array): { pairs: number; common: number } {
  let pairs = 0;
  let common = 0;
  for (let i = 0; i < bytes.length; i++) {
    const lead = bytes[i];
    if (lead < 0x81 || lead === 0xff || i + 1 >= bytes.length) continue;
    const next = bytes[i + 1];
    if (next >= 0x30 && next <= 0x39) {
      i += 3; // a four-byte sequence
      continue;
    }
    pairs++;
    if (lead >= 0xa1 && next >= 0xa1) common++;
    i++;
  }
  return { pairs, common };
}

export type WindowVerdict = { encoding: 'utf8' | 'gb18030' } | { encoding: undefined; problem: string };

/**
 * Decides between UTF-8 and GB18030 from the lines starting at the first non-ASCII byte
 * (`complete`: the window runs to the end of the file, so its last line is whole). Each line
 * holding non-ASCII bytes votes for UTF-8 when it is valid UTF-8, else for GB18030 when it is
 * valid there; UTF-8 wins ties (GBK text is almost never valid UTF-8). GB18030 must also look
 * like Chinese: a Latin-1 "é" before a letter is a valid GBK pair, but outside the GB2312 area.
 */
export function decideFromWindow(window: Uint8Array, complete: boolean): WindowVerdict {
  let utf8Lines = 0;
  let gbLines = 0;
  let pairs = 0;
  let common = 0;
  for (let start = 0; start < window.length;) {
    let end = window.indexOf(0x0a, start);
    if (end < 0) {
      if (!complete && start > 0) break; // a cut line: the window's lines before it decide
      end = window.length;
    }
    const line = window.subarray(start, end);
    start = end + 1;
    if (!line.some((b) => b >= 0x80)) continue;
    if (isUtf8(line)) utf8Lines++;
    else if (validGb18030(line)) {
      gbLines++;
      const counts = gb2312Counts(line);
      pairs += counts.pairs;
      common += counts.common;
    }
  }
  if (utf8Lines > 0 && utf8Lines >= gbLines) return { encoding: 'utf8' };
  if (gbLines > 0 && common >= pairs * GB2312_SHARE) return { encoding: 'gb18030' };
  return {
    encoding: undefined,
    problem: 'the text is neither UTF-8 nor GBK/GB18030 Chinese (a Latin-1 or Windows-1252 file?); convert the file to UTF-8 or declare its encoding (latin1, gbk, utf16le, utf16be)',
  };
}
