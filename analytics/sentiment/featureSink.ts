/**
 * Where tokenizers put features. A feature is a kind (one letter such as `w` for word)
 * and a text, or a pair of texts (`b` for word bigram). `StringSink` keeps readable
 * strings (`w:好`, `b:很|好`) for tests and inspection; `HashingSink` hashes the same
 * characters straight into weight slots without building strings, which is what makes
 * scoring fast. Both agree with `featureSlot` (FNV-1a, see hashing.ts); the FNV steps are
 * repeated inline here because this is the hot loop of scoring.
 */
import { GrowingArray } from '../growingArray';
import { FNV_OFFSET } from './hashing';

/** Receives the features of one document. */
export interface FeatureSink {
  /** Feature `kind:text[start, end)`. */
  add(kind: string, text: string, start?: number, end?: number): void;
  /** Feature `kind:first|second`. */
  addPair(kind: string, first: string, second: string): void;
}

/** Collects features as readable strings. */
export class StringSink implements FeatureSink {
  readonly features: string[] = [];

  add(kind: string, text: string, start = 0, end = text.length): void {
    this.features.push(`${kind}:${text.slice(start, end)}`);
  }

  addPair(kind: string, first: string, second: string): void {
    this.features.push(`${kind}:${first}|${second}`);
  }
}

const OFFSET = FNV_OFFSET;
const PRIME = 0x01000193;
const COLON = 0x3a;
const BAR = 0x7c;

/** FNV-1a over `kind` and then `:` (kinds are one or two ASCII letters). */
function kindHash(kind: string): number {
  let h = OFFSET;
  for (let i = 0; i < kind.length; i++) h = Math.imul(h ^ kind.charCodeAt(i), PRIME);
  return Math.imul(h ^ COLON, PRIME);
}

/** FNV-1a continued over the UTF-16 code units `text[start, end)`. */
function continueHash(hash: number, text: string, start: number, end: number): number {
  let h = hash;
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), PRIME);
  return h;
}

/** Hashes features into slots of a 2^bits table; `featureSlot(string)` gives the same slot. */
export class HashingSink implements FeatureSink {
  private readonly slots = new GrowingArray(new Uint32Array(256));
  private readonly mask: number;

  constructor(bits: number) {
    this.mask = (1 << bits) - 1;
  }

  private push(hash: number): void {
    this.slots.push((hash >>> 0) & this.mask);
  }

  add(kind: string, text: string, start = 0, end = text.length): void {
    this.push(continueHash(kindHash(kind), text, start, end));
  }

  addPair(kind: string, first: string, second: string): void {
    const left = Math.imul(continueHash(kindHash(kind), first, 0, first.length) ^ BAR, PRIME);
    this.push(continueHash(left, second, 0, second.length));
  }

  /** The distinct slots seen, ascending. */
  distinctSlots(): Uint32Array {
    const sorted = this.slots.values().sort();
    let n = 0;
    for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[n++] = sorted[i];
    return sorted.slice(0, n);
  }
}
