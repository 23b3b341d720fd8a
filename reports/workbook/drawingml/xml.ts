/** The few XML pieces the chart parts are written from: escaping, A1 references, namespaces. */

export const NS = {
  chart: 'http://schemas.openxmlformats.org/drawingml/2006/chart',
  main: 'http://schemas.openxmlformats.org/drawingml/2006/main',
  spreadsheetDrawing: 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing',
  relationships: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  packageRelationships: 'http://schemas.openxmlformats.org/package/2006/relationships',
} as const;

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** Text or attribute content with the five XML specials escaped; control characters XML 1.0 forbids are refused. */
export function escapeXml(text: string): string {
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(text)) throw new RangeError(`escapeXml: control character in ${JSON.stringify(text)}`);
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** Column number (1-based) → letters: 1 → A, 27 → AA. */
export function columnLetters(column: number): string {
  if (!Number.isInteger(column) || column < 1) throw new RangeError(`columnLetters: ${column} is not a column number`);
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** A sheet name as a formula writes it: always quoted, quotes doubled ('销售预测 Forecast'). */
export function quotedSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** An absolute reference to a cell or a one-column range: `'Sheet'!$C$5:$C$40`. */
export function absoluteRef(sheet: string, column: number, firstRow: number, lastRow = firstRow): string {
  const col = columnLetters(column);
  const start = `$${col}$${firstRow}`;
  return `${quotedSheet(sheet)}!${firstRow === lastRow ? start : `${start}:$${col}$${lastRow}`}`;
}
