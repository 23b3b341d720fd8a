/** Maps a source's header onto canonical columns, failing clearly on any mismatch. */
import { piiColumns } from '../../analytics/cleaning/pii';
import { CANONICAL_ENTITIES } from '../../config/canonical';
import type { SourceSpec } from '../../config/sources';
import type { CsvRejectReason } from '../../infra/csv/reader';
import { SourceSchemaError } from '../errors';

/** A data row keyed by canonical column, values as raw text. */
export interface SourceRow {
  /** 1-based data row (a CSV's file line is rowNo + 1 unless a quoted field spans lines: the header is line 1). */
  rowNo: number;
  values: Record<string, string | undefined>;
  /** A database row's key column, as text. */
  key?: string;
  /** A row the reader could not read soundly: staged with its reason, quarantined by clean. */
  rejected?: RejectedRow;
}

export interface RejectedRow {
  reason: CsvRejectReason;
  detail: string;
  /** The row as read, fields joined by `delimiter`. */
  text: string;
  delimiter: string;
  /** Where the header has its fields, and which of them hold personal data (to mask them in `text`). */
  headerLength: number;
  piiPositions: number[];
}

export interface HeaderMapping {
  /** canonical column → index in the source row */
  indexOf: Map<string, number>;
  /** Fields in the header. */
  width: number;
  /** Header positions of the columns holding personal data. */
  piiPositions: number[];
}

export function describeSource(source: SourceSpec): string {
  return source.kind === 'database' ? `table ${source.table} (source ${source.name})` : `${source.path} (source ${source.name})`;
}

/** Header names as an error may quote them: at most 30, each cut to 40 characters, control characters shown as "?" — the header of a declared file, never more of it. */
function quotedNames(names: readonly string[]): string {
  const shown = names.slice(0, 30).map((n) => `"${n.replace(/[\u0000-\u001f\u007f]/g, '?').slice(0, 40)}${n.length > 40 ? '…' : ''}"`);
  return shown.join(', ') + (names.length > 30 ? `, … (${names.length} columns)` : '');
}

export function mapHeader(source: SourceSpec, header: readonly string[]): HeaderMapping {
  const where = describeSource(source);
  const names = header.map((h) => h.replace(/^\uFEFF/, '').trim());
  const ignored = new Set(source.ignore);
  const unknown = names.filter((n) => n !== '' && !(n in source.columns) && !ignored.has(n));
  const problems: string[] = [];
  const indexOf = new Map<string, number>();
  for (const [from, to] of Object.entries(source.columns)) {
    const index = names.indexOf(from);
    if (index >= 0) {
      indexOf.set(to, index);
      continue;
    }
    const required = (CANONICAL_ENTITIES[source.entity].required as readonly string[]).includes(to);
    problems.push(`missing ${required ? 'required ' : ''}column "${from}" (mapped to ${source.entity}.${to})`);
  }
  if (unknown.length > 0) {
    problems.push(`unknown column(s) ${quotedNames(unknown)} — map them in the source config's "columns" or list them in "ignore"`);
  }
  if (problems.length > 0) throw new SourceSchemaError(`${where}: ${problems.join('; ')}; the header is ${quotedNames(names)}`);
  const pii = piiColumns(source.entity);
  return { indexOf, width: names.length, piiPositions: [...indexOf].filter(([column]) => pii.includes(column)).map(([, index]) => index) };
}

/** A row the reader set aside, with what masking its text needs. */
export function rejectedRow(rowNo: number, mapping: HeaderMapping, rejected: Pick<RejectedRow, 'reason' | 'detail' | 'text' | 'delimiter'>, values: SourceRow['values'] = {}): SourceRow {
  return { rowNo, values, rejected: { ...rejected, headerLength: mapping.width, piiPositions: mapping.piiPositions } };
}

/** A row of the source's cells; `key` for a database row. */
export function toSourceRow(rowNo: number, cells: ReadonlyArray<string | null | undefined>, mapping: HeaderMapping, key?: string): SourceRow {
  const values: Record<string, string | undefined> = {};
  for (const [column, index] of mapping.indexOf) {
    const cell = cells[index];
    values[column] = cell === null || cell === undefined ? undefined : cell;
  }
  return key === undefined ? { rowNo, values } : { rowNo, values, key };
}
