/**
 * One native chart as a DrawingML chart part (`xl/charts/chartN.xml`, ECMA-376 Part 1 §21.2).
 * Every series and its categories reference cells of the workbook (`<c:f>`), so a chart
 * follows its data when a cell is edited; the cached values (`<c:numCache>`, `<c:strCache>`)
 * are what the cells hold, for readers that do not recalculate. Elements are written in the
 * order the schema's sequences require. Pure: a definition in, XML text out.
 */
import type { Bilingual } from '../../../analytics/segment/bilingual';
import { absoluteRef, escapeXml, NS, XML_DECLARATION } from './xml';

/** A cell or a one-column range of cells on one sheet, with what the cells hold. */
export interface CellColumn<T> {
  sheet: string;
  column: number;
  firstRow: number;
  lastRow: number;
  /** One per row, in order; null for an empty cell. */
  values: T[];
}

export interface NumberColumn extends CellColumn<number | null> {
  /** The cells' number format (Excel's format code). */
  formatCode: string;
}

export interface ChartSeries {
  /** The header cell that names the series (its legend entry). */
  name: CellColumn<string>;
  values: NumberColumn;
  /** RGB hex, e.g. '4C78A8'. */
  color: string;
  /** Fill opacity of bars and areas, 0–1 (default 1); 0 draws nothing (the invisible base of a stacked band). */
  opacity?: number;
  /** Line series: dashed instead of solid. */
  dashed?: boolean;
  /** Leaves the series out of the legend (e.g. an invisible base). */
  hiddenFromLegend?: boolean;
}

export type PlotGroup =
  | { kind: 'line'; series: ChartSeries[] }
  /** Stacked areas: each series is drawn on top of the ones before it (bands). */
  | { kind: 'stackedArea'; series: ChartSeries[] }
  /** Bars: `horizontal` lists categories top to bottom in table order; otherwise columns. */
  | { kind: 'bar'; direction: 'horizontal' | 'vertical'; series: ChartSeries[] };

export interface ChartDefinition {
  title: Bilingual;
  /** Category labels shared by every series (text cells). */
  categories: CellColumn<string>;
  categoryAxisTitle: Bilingual;
  valueAxisTitle: Bilingual;
  /** Plot groups sharing the two axes: e.g. stacked bands behind forecast lines. */
  groups: PlotGroup[];
}

export class ChartDefinitionError extends Error {
  override name = 'ChartDefinitionError';
}

const CATEGORY_AXIS_ID = 500000001;
const VALUE_AXIS_ID = 500000002;

const val = (tag: string, value: string | number) => `<c:${tag} val="${escapeXml(String(value))}"/>`;

function checkColumn<T>(what: string, column: CellColumn<T>): void {
  if (column.lastRow < column.firstRow) throw new ChartDefinitionError(`${what}: rows ${column.firstRow}–${column.lastRow} on ${column.sheet} are no range`);
  const rows = column.lastRow - column.firstRow + 1;
  if (column.values.length !== rows) throw new ChartDefinitionError(`${what}: ${column.values.length} cached values for ${rows} rows on ${column.sheet}`);
}

function stringReference(column: CellColumn<string>): string {
  const points = column.values.map((v, i) => `<c:pt idx="${i}"><c:v>${escapeXml(v)}</c:v></c:pt>`).join('');
  return `<c:strRef><c:f>${escapeXml(absoluteRef(column.sheet, column.column, column.firstRow, column.lastRow))}</c:f>`
    + `<c:strCache>${val('ptCount', column.values.length)}${points}</c:strCache></c:strRef>`;
}

function numberReference(column: NumberColumn): string {
  // Empty cells have no point: readers show a gap (dispBlanksAs), not a zero.
  const points = column.values.map((v, i) => (v === null ? '' : `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>`)).join('');
  return `<c:numRef><c:f>${escapeXml(absoluteRef(column.sheet, column.column, column.firstRow, column.lastRow))}</c:f>`
    + `<c:numCache><c:formatCode>${escapeXml(column.formatCode)}</c:formatCode>${val('ptCount', column.values.length)}${points}</c:numCache></c:numRef>`;
}

function solidFill(color: string, opacity = 1): string {
  if (!/^[0-9A-F]{6}$/.test(color)) throw new ChartDefinitionError(`colour ${color} is not six upper-case hex digits`);
  if (opacity === 0) return '<a:noFill/>';
  const alpha = opacity < 1 ? `<a:alpha val="${Math.round(opacity * 100000)}"/>` : '';
  return `<a:solidFill><a:srgbClr val="${color}">${alpha}</a:srgbClr></a:solidFill>`;
}

function seriesShape(group: PlotGroup, series: ChartSeries): string {
  if (group.kind === 'line') {
    const dash = series.dashed ? '<a:prstDash val="dash"/>' : '';
    const line = `<c:spPr><a:ln w="22225" cap="rnd">${solidFill(series.color)}${dash}<a:round/></a:ln></c:spPr>`;
    const marker = `<c:marker>${val('symbol', 'circle')}${val('size', 4)}<c:spPr>${solidFill(series.color)}<a:ln w="9525">${solidFill(series.color)}</a:ln></c:spPr></c:marker>`;
    return line + marker;
  }
  return `<c:spPr>${solidFill(series.color, series.opacity)}<a:ln><a:noFill/></a:ln></c:spPr>${group.kind === 'bar' ? val('invertIfNegative', 0) : ''}`;
}

function seriesXml(group: PlotGroup, series: ChartSeries, index: number, categories: CellColumn<string>): string {
  checkColumn('series name', series.name);
  checkColumn('series values', series.values);
  const rows = categories.lastRow - categories.firstRow;
  if (series.values.lastRow - series.values.firstRow !== rows) {
    throw new ChartDefinitionError(`series ${series.name.values[0]}: ${series.values.values.length} values for ${categories.values.length} categories`);
  }
  return `<c:ser>${val('idx', index)}${val('order', index)}<c:tx>${stringReference(series.name)}</c:tx>`
    + seriesShape(group, series)
    + `<c:cat>${stringReference(categories)}</c:cat><c:val>${numberReference(series.values)}</c:val>`
    + (group.kind === 'line' ? val('smooth', 0) : '')
    + '</c:ser>';
}

function groupXml(group: PlotGroup, firstIndex: number, categories: CellColumn<string>): string {
  const series = group.series.map((s, i) => seriesXml(group, s, firstIndex + i, categories)).join('');
  const axes = `${val('axId', CATEGORY_AXIS_ID)}${val('axId', VALUE_AXIS_ID)}`;
  switch (group.kind) {
    case 'line':
      return `<c:lineChart>${val('grouping', 'standard')}${val('varyColors', 0)}${series}${val('marker', 1)}${axes}</c:lineChart>`;
    case 'stackedArea':
      return `<c:areaChart>${val('grouping', 'stacked')}${val('varyColors', 0)}${series}${axes}</c:areaChart>`;
    case 'bar':
      return `<c:barChart>${val('barDir', group.direction === 'horizontal' ? 'bar' : 'col')}${val('grouping', 'clustered')}${val('varyColors', 0)}${series}`
        + `${val('gapWidth', 60)}${axes}</c:barChart>`;
  }
}

/** Rich text of one or two paragraphs (Chinese line, English line). */
function richText(lines: readonly string[], size: number, bold: boolean): string {
  const paragraphs = lines.map((line) => `<a:p><a:pPr><a:defRPr sz="${size}" b="${bold ? 1 : 0}"/></a:pPr><a:r><a:rPr lang="${/[\u2e80-\uffff]/.test(line) ? 'zh-CN' : 'en-US'}" sz="${size}" b="${bold ? 1 : 0}"/><a:t>${escapeXml(line)}</a:t></a:r></a:p>`).join('');
  return `<c:tx><c:rich><a:bodyPr/><a:lstStyle/>${paragraphs}</c:rich></c:tx>`;
}

const bilingualLines = (label: Bilingual) => (label.zh === label.en ? [label.en] : [label.zh, label.en]);
const oneLine = (label: Bilingual) => [label.zh === label.en ? label.en : `${label.zh} ${label.en}`];

function title(lines: readonly string[], size: number): string {
  return `<c:title>${richText(lines, size, size >= 1200)}${val('overlay', 0)}</c:title>`;
}

const GRIDLINES = '<c:majorGridlines><c:spPr><a:ln w="6350"><a:solidFill><a:srgbClr val="D9D9D9"/></a:solidFill></a:ln></c:spPr></c:majorGridlines>';
const AXIS_LINE = '<c:spPr><a:ln w="6350"><a:solidFill><a:srgbClr val="BFBFBF"/></a:solidFill></a:ln></c:spPr>';

function axesXml(chart: ChartDefinition, valueFormat: string): string {
  const horizontal = chart.groups.some((g) => g.kind === 'bar' && g.direction === 'horizontal');
  // Horizontal bars: categories run top to bottom (reversed axis), the value axis stays at the bottom.
  const categoryAxis = `<c:catAx>${val('axId', CATEGORY_AXIS_ID)}<c:scaling>${val('orientation', horizontal ? 'maxMin' : 'minMax')}</c:scaling>${val('delete', 0)}`
    + `${val('axPos', horizontal ? 'l' : 'b')}${title(oneLine(chart.categoryAxisTitle), 900)}${val('majorTickMark', 'out')}${val('minorTickMark', 'none')}`
    + `${val('tickLblPos', 'low')}${AXIS_LINE}${val('crossAx', VALUE_AXIS_ID)}${val('crosses', 'autoZero')}${val('auto', 1)}${val('lblAlgn', 'ctr')}${val('lblOffset', 100)}${val('noMultiLvlLbl', 1)}</c:catAx>`;
  const valueAxis = `<c:valAx>${val('axId', VALUE_AXIS_ID)}<c:scaling>${val('orientation', 'minMax')}</c:scaling>${val('delete', 0)}`
    + `${val('axPos', horizontal ? 'b' : 'l')}${GRIDLINES}${title(oneLine(chart.valueAxisTitle), 900)}`
    + `<c:numFmt formatCode="${escapeXml(valueFormat)}" sourceLinked="1"/>${val('majorTickMark', 'out')}${val('minorTickMark', 'none')}${val('tickLblPos', 'nextTo')}${AXIS_LINE}`
    + `${val('crossAx', CATEGORY_AXIS_ID)}${val('crosses', horizontal ? 'max' : 'autoZero')}${val('crossBetween', 'between')}</c:valAx>`;
  return categoryAxis + valueAxis;
}

function legendXml(chart: ChartDefinition): string {
  const series = chart.groups.flatMap((g) => g.series);
  if (series.length < 2) return '';
  const hidden = series.map((s, i) => (s.hiddenFromLegend ? `<c:legendEntry>${val('idx', i)}${val('delete', 1)}</c:legendEntry>` : '')).join('');
  return `<c:legend>${val('legendPos', 'b')}${hidden}${val('overlay', 0)}</c:legend>`;
}

/** The chart part's XML. */
export function chartPartXml(chart: ChartDefinition): string {
  if (chart.groups.length === 0 || chart.groups.some((g) => g.series.length === 0)) throw new ChartDefinitionError(`chart "${chart.title.en}" has a plot group without series`);
  checkColumn('categories', chart.categories);
  let index = 0;
  const groups = chart.groups.map((g) => {
    const xml = groupXml(g, index, chart.categories);
    index += g.series.length;
    return xml;
  }).join('');
  const valueFormat = chart.groups[0].series[0].values.formatCode;
  return XML_DECLARATION
    + `<c:chartSpace xmlns:c="${NS.chart}" xmlns:a="${NS.main}" xmlns:r="${NS.relationships}">`
    + `${val('date1904', 0)}${val('lang', 'zh-CN')}${val('roundedCorners', 0)}`
    + `<c:chart>${title(bilingualLines(chart.title), 1200)}${val('autoTitleDeleted', 0)}`
    + `<c:plotArea><c:layout/>${groups}${axesXml(chart, valueFormat)}</c:plotArea>`
    + `${legendXml(chart)}${val('plotVisOnly', 1)}${val('dispBlanksAs', 'gap')}</c:chart>`
    + '<c:spPr><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill><a:ln><a:noFill/></a:ln></c:spPr>'
    + '</c:chartSpace>';
}
