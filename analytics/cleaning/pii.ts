/**
 * Personal data (PIPL data minimization): names, phones and e-mails are replaced by salted
 * SHA-256 pseudonyms as rows are staged, so no table, report, mail or export of the pipeline ever
 * holds them raw. The pseudonyms are stable across runs for one salt (customers can be matched
 * run to run) and are what clean_customers keeps; quarantined rows carry the same pseudonyms.
 */
import { createHash } from 'node:crypto';
import { CANONICAL_ENTITIES, type EntityName } from '../../config/canonical';
import { normalizePhone } from './codes';
import { cleanText } from './text';

/** A pseudonym: 32 hex digits. */
export const PSEUDONYM = /^[0-9a-f]{32}$/;

export function pseudonymize(value: string | undefined, salt: string): string | undefined {
  if (value === undefined) return undefined;
  return createHash('sha256').update(salt).update('\u0000').update(value.trim().toLowerCase()).digest('hex').slice(0, 32);
}

/** The entity's columns that hold personal data (config/canonical.ts). */
export function piiColumns(entity: EntityName): readonly string[] {
  const spec = CANONICAL_ENTITIES[entity];
  return 'pii' in spec ? spec.pii : [];
}

/**
 * Each PII value standardized as clean reads it (text folded and trimmed, a phone as its 11-digit
 * mobile number, an e-mail lower-cased) and pseudonymized; a phone that is not a mainland mobile
 * number has no pseudonym (clean would drop it) and is left empty.
 */
export function pseudonymizePii(entity: EntityName, values: Record<string, string | undefined>, salt: string): Record<string, string | undefined> {
  const columns = piiColumns(entity);
  if (columns.length === 0) return values;
  const result = { ...values };
  for (const column of columns) {
    const text = cleanText(values[column]);
    const standard = column === 'phone' ? normalizePhone(text) : column === 'email' ? text?.toLowerCase() : text;
    result[column] = pseudonymize(standard, salt);
  }
  return result;
}

const EMAIL = /[^\s,;|"'<>()]+@[^\s,;|"'<>()]+\.[A-Za-z]{2,}/g;
const MOBILE = /(?:\+?86[\s-]?)?1\d{2}[\s-]?\d{4}[\s-]?\d{4}/g;

/** The masked form of a PII value found in free text: its pseudonym's first 8 digits. */
function masked(value: string, salt: string): string {
  return `pii:${(pseudonymize(value, salt) ?? '').slice(0, 8)}`;
}

/**
 * The raw text of a row set aside as malformed, with its personal data masked. Its fields are
 * split on the delimiter (quotes ignored: the row is malformed anyway); a field at a PII
 * column's header position, or as far off it as the row's extra or missing fields can have
 * shifted it, is masked, and so is anything shaped like an e-mail address or a mobile number.
 */
export function maskPiiInText(text: string, options: { delimiter: string; headerLength: number; piiPositions: readonly number[]; salt: string }): string {
  const { delimiter, headerLength, piiPositions, salt } = options;
  const fields = text.split(delimiter);
  const shift = fields.length - headerLength;
  const positions = new Set<number>();
  for (const at of piiPositions) {
    for (let i = Math.min(at, at + shift); i <= Math.max(at, at + shift); i++) positions.add(i);
  }
  return fields
    .map((field, i) => (positions.has(i) && field.trim() !== '' ? masked(field, salt) : field))
    .join(delimiter)
    .replace(EMAIL, (m) => masked(m, salt))
    .replace(MOBILE, (m) => masked(m, salt));
}
