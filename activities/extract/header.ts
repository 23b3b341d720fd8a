/** Maps a source's header onto canonical columns, failing clearly on any mismatch. */
import { CANONICAL_ENTITIES } from '../../config/canonical';
import type { SourceSpec } from '../../config/sources';
import { SourceSchemaError } from '../errors';

/** A data row keyed by canonical column, values as raw text. */
export interface SourceRow {
  /** 1-based data row (a CSV's file line is rowNo + 1: the header is line 1). */
  rowNo: number;
  values: Record<string, string | undefined>;
}

export interface HeaderMapping {
  /** canonical column → index in the source row */
  indexOf: Map<string, number>;
}

export function describeSource(source: SourceSpec): string {
  return source.kind === 'database' ? `table ${source.table} (source ${source.name})` : `${source.path} (source ${source.name})`;
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
    problems.push(`unknown column(s) ${unknown.map((u) => `"${u}"`).join(', ')} — map them in the source config's "columns" or list them in "ignore"`);
  }
  if (problems.length > 0) throw new SourceSchemaError(`${where}: ${problems.join('; ')}; the header is ${names.map((n) => `"${n}"`).join(', ')}`);
  return { indexOf };
}

export function toSourceRow(rowNo: number, cells: ReadonlyArray<string | null | undefined>, mapping: HeaderMapping): SourceRow {
  const values: Record<string, string | undefined> = {};
  for (const [column, index] of mapping.indexOf) {
    const cell = cells[index];
    values[column] = cell === null || cell === undefined ? undefined : cell;
  }
  return { rowNo, values };
}
