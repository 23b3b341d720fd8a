/**
 * What extract stages for one source row: the canonical columns as raw text with personal data
 * pseudonymized (analytics/cleaning/pii.ts: no raw name, phone or e-mail is ever stored, so a
 * retried clean finds exactly what the first attempt found), and for a row the reader set aside,
 * its reason, detail and text with the personal data masked. Clean quarantines such rows with
 * their reason, so they count as read and as quarantined.
 */
import { maskPiiInText, pseudonymizePii } from '../../analytics/cleaning/pii';
import { entityColumns } from '../../config/canonical';
import type { SourceSpec } from '../../config/sources';
import type { CopyValue } from '../../infra/copy';
import type { SourceRow } from './header';

/** Staging columns after the canonical ones. */
export const STAGED_REJECT_COLUMNS = ['reject_reason', 'reject_detail', 'raw_text'] as const;

const NUL = /\u0000/g;

/** The staged values of a row, in the order of entityColumns(source.entity) then STAGED_REJECT_COLUMNS. */
export function stagedValues(row: SourceRow, source: SourceSpec, piiSalt: string): CopyValue[] {
  const values = pseudonymizePii(source.entity, row.values, piiSalt);
  const columns = entityColumns(source.entity);
  const { rejected } = row;
  if (rejected) {
    const text = maskPiiInText(rejected.text, { delimiter: rejected.delimiter, headerLength: rejected.headerLength, piiPositions: rejected.piiPositions, salt: piiSalt });
    return [...columns.map((c) => values[c]), rejected.reason, rejected.detail, text];
  }
  // PostgreSQL text cannot hold NUL: a workbook or database value with one is set aside, shown as ␀.
  const withNul = columns.find((c) => values[c]?.includes('\u0000'));
  if (withNul !== undefined) {
    return [...columns.map((c) => values[c]?.replace(NUL, '\u2400')), 'bad_encoding', `row ${row.rowNo}: column ${withNul} holds a NUL character`, null];
  }
  return [...columns.map((c) => values[c]), null, null, null];
}
