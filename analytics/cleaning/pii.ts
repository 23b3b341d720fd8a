/** Pseudonymisation of PII for analysis: salted SHA-256, stable across runs for one salt. */
import { createHash } from 'node:crypto';

export function pseudonymize(value: string | undefined, salt: string): string | undefined {
  if (value === undefined) return undefined;
  return createHash('sha256').update(salt).update('\u0000').update(value.trim().toLowerCase()).digest('hex').slice(0, 32);
}

