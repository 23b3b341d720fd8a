/**
 * CSV sources, read by the strict reader every path shares (infra/csv): the encoding is decided
 * from a byte-order mark or the text and validated record by record; a malformed or badly
 * encoded row comes through as a rejected SourceRow (staged, then quarantined with its reason),
 * never shifted into other columns or silently decoded to ����.
 */
import fs from 'node:fs';
import type { SourceSpec } from '../../config/sources';
import { CsvFormatError, readCsvFile } from '../../infra/csv/reader';
import { SourceReadError } from '../errors';
import { mapHeader, rejectedRow, toSourceRow, type HeaderMapping, type SourceRow } from './header';

type CsvSource = Extract<SourceSpec, { kind: 'csv' }>;

export async function* readCsvSource(source: CsvSource): AsyncGenerator<SourceRow> {
  if (!fs.existsSync(source.path)) throw new SourceReadError(`${source.path} (source ${source.name}): file not found`);
  let mapping: HeaderMapping | undefined;
  try {
    for await (const item of readCsvFile(source.path, { delimiter: source.delimiter, encoding: source.encoding })) {
      if (item.kind === 'header') {
        mapping = mapHeader(source, item.fields);
      } else if (item.kind === 'row') {
        yield toSourceRow(item.rowNo, item.fields, mapping as HeaderMapping);
      } else {
        // Fields the reader could split soundly (bad bytes only) still fill their columns.
        const values = item.fields ? toSourceRow(item.rowNo, item.fields, mapping as HeaderMapping).values : {};
        yield rejectedRow(item.rowNo, mapping as HeaderMapping, { reason: item.reason, detail: item.detail, text: item.text, delimiter: source.delimiter }, values);
      }
    }
  } catch (error) {
    if (error instanceof CsvFormatError) throw new SourceReadError(`${error.message} (source ${source.name})`);
    throw error;
  }
  if (!mapping) throw new SourceReadError(`${source.path} (source ${source.name}): empty file, no header row`);
}
