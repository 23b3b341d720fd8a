/**
 * The user's own events file (`date,event[,end_date]`, UTF-8 with or without BOM; header
 * names in any case), read for the forecast stage and the offline `forecast` command alike.
 * Errors name the file, row and column (analytics/forecast/events.ts validates the rows).
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { type EventRow, parseEventRows, type UserEvent } from '../../analytics/forecast/events';

export function readEventsFile(file: string): UserEvent[] {
  const rows = parse(readFileSync(file), { columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()), bom: true, skip_empty_lines: true, trim: true }) as EventRow[];
  if (rows.length > 0) {
    const missing = ['date', 'event'].filter((c) => !(c in rows[0]));
    if (missing.length > 0) throw new Error(`${file}: missing column(s) ${missing.join(', ')} (expected date,event[,end_date])`);
  }
  return parseEventRows(rows, file);
}
