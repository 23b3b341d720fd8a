/**
 * Adds native charts to a finished .xlsx package (what exceljs cannot write, exceljs#141): per
 * sheet with charts one drawing part (`xl/drawings/drawingN.xml`) anchoring them, one chart
 * part each (`xl/charts/chartN.xml`), the relationships sheet → drawing → charts, the
 * `<drawing r:id>` element in the sheet, and the parts' content types (ECMA-376 Part 1 §12.3,
 * §20.5, §21.2). Parts are added in a fixed order, so the same charts give the same package.
 */
import type JSZip from 'jszip';
import { chartPartXml, type ChartDefinition } from './chartPart';
import { escapeXml, NS, XML_DECLARATION } from './xml';

export interface PlacedChart {
  /** The sheet the chart is drawn on (its data may live on another sheet). */
  sheet: string;
  /** Top-left cell, 1-based. */
  at: { row: number; column: number };
  /** Size in pixels (96 dpi). */
  width: number;
  height: number;
  chart: ChartDefinition;
}

export class ChartPackageError extends Error {
  override name = 'ChartPackageError';
}

const EMU_PER_PIXEL = 9525;
const REL = {
  drawing: `${NS.relationships}/drawing`,
  chart: `${NS.relationships}/chart`,
  worksheet: `${NS.relationships}/worksheet`,
};
const CONTENT_TYPES = {
  drawing: 'application/vnd.openxmlformats-officedocument.drawing+xml',
  chart: 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml',
};
/** Elements that follow `<drawing>` in CT_Worksheet's sequence: it goes before the first of them. */
const AFTER_DRAWING = ['legacyDrawing', 'legacyDrawingHF', 'drawingHF', 'picture', 'oleObjects', 'controls', 'webPublishItems', 'tableParts', 'extLst'];

function unescapeXml(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

function attributes(tag: string): Map<string, string> {
  return new Map([...tag.matchAll(/([\w:]+)="([^"]*)"/g)].map((m) => [m[1], unescapeXml(m[2])]));
}

async function text(zip: JSZip, name: string): Promise<string> {
  const file = zip.file(name);
  if (!file) throw new ChartPackageError(`the package has no ${name}`);
  return file.async('string');
}

/** Sheet name → its part (`xl/worksheets/sheet3.xml`), from the workbook and its relationships. */
export async function sheetParts(zip: JSZip): Promise<Map<string, string>> {
  const targets = new Map([...(await text(zip, 'xl/_rels/workbook.xml.rels')).matchAll(/<Relationship\b[^>]*>/g)]
    .map((m) => attributes(m[0]))
    .filter((a) => a.get('Type') === REL.worksheet)
    .map((a) => [a.get('Id')!, a.get('Target')!.replace(/^\/?(xl\/)?/, 'xl/')]));
  return new Map([...(await text(zip, 'xl/workbook.xml')).matchAll(/<sheet\b[^>]*>/g)].map((m) => {
    const a = attributes(m[0]);
    return [a.get('name')!, targets.get(a.get('r:id')!)!];
  }));
}

function relsPath(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash)}/_rels/${part.slice(slash + 1)}.rels`;
}

function nextFree(zip: JSZip, prefix: string): number {
  let n = 1;
  while (zip.file(`${prefix}${n}.xml`)) n++;
  return n;
}

/** Adds a relationship to a part's .rels (created when missing); returns its new id. */
async function addRelationship(zip: JSZip, part: string, type: string, target: string): Promise<string> {
  const rels = relsPath(part);
  const existing = zip.file(rels) ? await text(zip, rels) : `${XML_DECLARATION}<Relationships xmlns="${NS.packageRelationships}"></Relationships>`;
  const used = new Set([...existing.matchAll(/\bId="([^"]*)"/g)].map((m) => m[1]));
  let n = used.size + 1;
  while (used.has(`rId${n}`)) n++;
  const id = `rId${n}`;
  zip.file(rels, existing.replace('</Relationships>', `<Relationship Id="${id}" Type="${type}" Target="${escapeXml(target)}"/></Relationships>`));
  return id;
}

/** Name and offset of each child element of the root (depth 1), in document order. */
function rootChildren(xml: string): { name: string; at: number }[] {
  const children: { name: string; at: number }[] = [];
  let depth = 0;
  for (const tag of xml.matchAll(/<(\/?)([\w:]+)[^>]*?(\/?)>/g)) {
    const [, closing, name, selfClosing] = tag;
    if (closing) depth--;
    else {
      if (depth === 1) children.push({ name, at: tag.index });
      if (!selfClosing) depth++;
    }
  }
  return children;
}

function withDrawingElement(sheetXml: string, relationshipId: string, sheet: string): string {
  const children = rootChildren(sheetXml);
  if (children.some((c) => c.name === 'drawing')) throw new ChartPackageError(`sheet ${sheet} already has a drawing: the chart writer adds one drawing per sheet`);
  if (!/<worksheet\b[^>]*\sxmlns:r="/.test(sheetXml)) throw new ChartPackageError(`sheet ${sheet} does not declare the relationships namespace as r`);
  const at = children.find((c) => AFTER_DRAWING.includes(c.name))?.at ?? sheetXml.lastIndexOf('</worksheet>');
  if (at < 0) throw new ChartPackageError(`sheet ${sheet} is not a worksheet part`);
  return `${sheetXml.slice(0, at)}<drawing r:id="${relationshipId}"/>${sheetXml.slice(at)}`;
}

function anchorXml(placed: PlacedChart, shapeId: number, relationshipId: string): string {
  const title = escapeXml(`${placed.chart.title.zh} ${placed.chart.title.en}`);
  return '<xdr:oneCellAnchor>'
    + `<xdr:from><xdr:col>${placed.at.column - 1}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${placed.at.row - 1}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>`
    + `<xdr:ext cx="${placed.width * EMU_PER_PIXEL}" cy="${placed.height * EMU_PER_PIXEL}"/>`
    + `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${shapeId}" name="Chart ${shapeId - 1}" descr="${title}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>`
    + '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>'
    + `<a:graphic><a:graphicData uri="${NS.chart}"><c:chart xmlns:c="${NS.chart}" xmlns:r="${NS.relationships}" r:id="${relationshipId}"/></a:graphicData></a:graphic>`
    + '</xdr:graphicFrame><xdr:clientData/></xdr:oneCellAnchor>';
}

async function addContentTypes(zip: JSZip, overrides: readonly [string, string][]): Promise<void> {
  const types = await text(zip, '[Content_Types].xml');
  const added = overrides.map(([part, type]) => `<Override PartName="/${part}" ContentType="${type}"/>`).join('');
  zip.file('[Content_Types].xml', types.replace('</Types>', `${added}</Types>`));
}

/** Writes the charts into the package, sheet by sheet in the order they are given. */
export async function addChartsToPackage(zip: JSZip, charts: readonly PlacedChart[]): Promise<void> {
  if (charts.length === 0) return;
  const parts = await sheetParts(zip);
  const sheets = [...new Set(charts.map((c) => c.sheet))];
  const overrides: [string, string][] = [];
  for (const sheet of sheets) {
    const sheetPart = parts.get(sheet);
    if (!sheetPart) throw new ChartPackageError(`no sheet named ${sheet} for a chart`);
    const drawingPart = `xl/drawings/drawing${nextFree(zip, 'xl/drawings/drawing')}.xml`;
    const anchors: string[] = [];
    for (const placed of charts.filter((c) => c.sheet === sheet)) {
      const chartPart = `xl/charts/chart${nextFree(zip, 'xl/charts/chart')}.xml`;
      zip.file(chartPart, chartPartXml(placed.chart));
      overrides.push([chartPart, CONTENT_TYPES.chart]);
      const chartRel = await addRelationship(zip, drawingPart, REL.chart, `../charts/${chartPart.split('/').pop()}`);
      anchors.push(anchorXml(placed, anchors.length + 2, chartRel));
    }
    zip.file(drawingPart, `${XML_DECLARATION}<xdr:wsDr xmlns:xdr="${NS.spreadsheetDrawing}" xmlns:a="${NS.main}">${anchors.join('')}</xdr:wsDr>`);
    overrides.push([drawingPart, CONTENT_TYPES.drawing]);
    const drawingRel = await addRelationship(zip, sheetPart, REL.drawing, `../drawings/${drawingPart.split('/').pop()}`);
    zip.file(sheetPart, withDrawingElement(await text(zip, sheetPart), drawingRel, sheet));
  }
  await addContentTypes(zip, overrides);
}
