/**
 * How the offline commands (`segment`, `clv`, `forecast`, `sentiment`) read a user's CSV: with
 * the pipeline's strict reader (infra/csv: encoding detected and validated, malformed rows found)
 * and the pipeline's field rules (analytics/cleaning: dates, amounts, the date floor). They are
 * strict: the first row that cannot be used is an error naming the file, row, line and column.
 */
import type { DateFormat } from '../../config/sources';
import { cleanContext, RowRejection, type CleanContext } from '../../analytics/cleaning/fields';
import { readCsvFile, type CsvReadOptions } from '../../infra/csv/reader';

/** A data row keyed by the header's names. */
export interface OfflineRecord {
  rowNo: number;
  line: number;
  values: Record<string, string | undefined>;
}

/** Date formats the offline commands take: ISO dates and date-times, 2024/3/5, 2024.3.5, 20240305, 2024年3月5日 (never the ambiguous d/M or M/d). */
export const OFFLINE_DATE_FORMATS: readonly DateFormat[] = ['iso', 'yyyy/M/d', 'yyyy.M.d', 'yyyyMMdd', 'cn'];

/**
 * The cleaning context of a user's file: the formats above, naive times in UTC, amounts in yuan
 * with a decimal point, the default date floor, no as-of day (the commands cut by their own flags).
 */
export function offlineCleanContext(): CleanContext {
  return cleanContext({
    source: { dateFormats: [...OFFLINE_DATE_FORMATS], timezone: 'UTC', amountUnit: 'yuan', decimalSeparator: '.' },
    config: { timezone: 'UTC', currency: 'CNY', dateFloor: '1900-01-01' },
    piiSalt: '',
  });
}

/** `file: row N (line L), column "c": detail` */
export function rowError(file: string, record: Pick<OfflineRecord, 'rowNo' | 'line'>, column: string, detail: string): Error {
  return new Error(`${file}: row ${record.rowNo} (line ${record.line}), column "${column}": ${detail}`);
}

/** Runs a field rule on a row; its rejection becomes an error naming the file, row, line and column. */
export function readField<T>(file: string, record: OfflineRecord, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof RowRejection) throw rowError(file, record, error.column ?? '?', `${error.message} (${error.reason})`);
    throw error;
  }
}

/** The rows of `file` with the `required` columns; a malformed or badly encoded row is an error. */
export async function* readOfflineCsv(file: string, required: readonly string[], options: CsvReadOptions = {}): AsyncGenerator<OfflineRecord> {
  let header: string[] | undefined;
  try {
    for await (const item of readCsvFile(file, options)) {
      if (item.kind === 'header') {
        header = item.fields.map((name) => name.trim());
        const missing = required.filter((column) => !header?.includes(column));
        if (missing.length > 0) throw new Error(`${file}: missing column(s) ${missing.join(', ')} (found: ${header.join(', ')})`);
        continue;
      }
      if (item.kind === 'rejected') throw new Error(`${file}: row ${item.rowNo}, ${item.detail} (${item.reason})`);
      const values: Record<string, string | undefined> = {};
      header?.forEach((name, i) => { values[name] = item.fields[i]; });
      yield { rowNo: item.rowNo, line: item.line, values };
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR' || code === 'EACCES') throw new Error(`${file}: cannot read the file (${code})`);
    throw error;
  }
  if (header === undefined) throw new Error(`${file}: empty file, no header row`);
}
