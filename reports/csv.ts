/**
 * Every CSV the project writes for people to open (CRM export, data-quality and segment tables,
 * the offline commands' outputs) goes through here: a text cell that a spreadsheet would run as
 * a formula — starting with `=`, `+`, `-`, `@`, tab or carriage return — gets a leading `'`
 * (OWASP, "CSV Injection"). Numbers are written as numbers, so a negative amount stays -12.5;
 * a customer id `=HYPERLINK(…)` arrives in Excel as the text it is.
 */
import { stringify } from 'csv-stringify/sync';

export type CsvCell = string | number | boolean | null | undefined;

/** Excel reads a UTF-8 CSV with Chinese text correctly only with a byte-order mark. */
export const CSV_BOM = '\uFEFF';

const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell made safe to open: `'` before a formula-like start, anything else unchanged. */
export function escapeFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function safe(cell: CsvCell): CsvCell {
  return typeof cell === 'string' ? escapeFormula(cell) : cell;
}

/** A header and rows as CSV, every text cell (header included) escaped. */
export function toCsv(columns: readonly string[], rows: ReadonlyArray<ReadonlyArray<CsvCell>>, options: { bom?: boolean } = {}): string {
  const body = csvLines([columns, ...rows]);
  return options.bom ? CSV_BOM + body : body;
}

/** Rows as CSV lines without a header, escaped as toCsv does: a long table written in parts. */
export function csvLines(rows: ReadonlyArray<ReadonlyArray<CsvCell>>): string {
  return stringify(rows.map((row) => row.map(safe)));
}

/** Records as CSV: the columns given, or the first record's keys. */
export function recordsToCsv(records: ReadonlyArray<Record<string, CsvCell>>, options: { columns?: readonly string[]; bom?: boolean } = {}): string {
  const columns = options.columns ?? Object.keys(records[0] ?? {});
  return toCsv(columns, records.map((record) => columns.map((column) => record[column])), options);
}
