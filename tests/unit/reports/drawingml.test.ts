/**
 * The DrawingML chart writer on hand-made definitions and a small exceljs package: references
 * and cached values as written, the element order of the schema's sequences (ECMA-376 Part 1,
 * §21.2.2, dml-chart.xsd; CT_Worksheet for the sheet's `<drawing>`), the parts, relationships
 * and content types the package gains, and the errors for what it refuses.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { SaxesParser } from 'saxes';
import { chartPartXml, ChartDefinitionError, type CellColumn, type ChartDefinition, type ChartSeries } from '../../../reports/workbook/drawingml/chartPart';
import { addChartsToPackage, ChartPackageError, type PlacedChart } from '../../../reports/workbook/drawingml/packageCharts';
import { absoluteRef, columnLetters, escapeXml } from '../../../reports/workbook/drawingml/xml';

interface Element {
  name: string;
  attributes: Record<string, string>;
  children: Element[];
  text: string;
}

/** Parses XML (failing on anything not well-formed) into a tree of elements. */
function parse(xml: string): Element {
  const parser = new SaxesParser();
  const stack: Element[] = [{ name: '#document', attributes: {}, children: [], text: '' }];
  parser.on('error', (error) => { throw error; });
  parser.on('opentag', (tag) => {
    const element: Element = { name: tag.name, attributes: Object.fromEntries(Object.entries(tag.attributes).map(([k, v]) => [k, String(v)])), children: [], text: '' };
    stack[stack.length - 1].children.push(element);
    stack.push(element);
  });
  parser.on('text', (text) => { stack[stack.length - 1].text += text; });
  parser.on('closetag', () => { stack.pop(); });
  parser.write(xml).close();
  return stack[0].children[0];
}

function all(element: Element, name: string): Element[] {
  return [...(element.name === name ? [element] : []), ...element.children.flatMap((c) => all(c, name))];
}
const one = (element: Element, name: string) => all(element, name)[0];

/** Child order of the chart elements the writer emits, from the schema's sequences. */
const SEQUENCES: Record<string, string[]> = {
  'c:chartSpace': ['c:date1904', 'c:lang', 'c:roundedCorners', 'c:style', 'c:clrMapOvr', 'c:pivotSource', 'c:protection', 'c:chart', 'c:spPr', 'c:txPr', 'c:externalData', 'c:printSettings', 'c:userShapes', 'c:extLst'],
  'c:chart': ['c:title', 'c:autoTitleDeleted', 'c:pivotFmts', 'c:view3D', 'c:floor', 'c:sideWall', 'c:backWall', 'c:plotArea', 'c:legend', 'c:plotVisOnly', 'c:dispBlanksAs', 'c:showDLblsOverMax', 'c:extLst'],
  'c:plotArea': ['c:layout', 'c:areaChart', 'c:barChart', 'c:lineChart', 'c:catAx', 'c:valAx', 'c:dTable', 'c:spPr', 'c:extLst'],
  'c:lineChart': ['c:grouping', 'c:varyColors', 'c:ser', 'c:dLbls', 'c:dropLines', 'c:hiLowLines', 'c:upDownBars', 'c:marker', 'c:smooth', 'c:axId', 'c:extLst'],
  'c:areaChart': ['c:grouping', 'c:varyColors', 'c:ser', 'c:dLbls', 'c:dropLines', 'c:axId', 'c:extLst'],
  'c:barChart': ['c:barDir', 'c:grouping', 'c:varyColors', 'c:ser', 'c:dLbls', 'c:gapWidth', 'c:overlap', 'c:serLines', 'c:axId', 'c:extLst'],
  'c:ser': ['c:idx', 'c:order', 'c:tx', 'c:spPr', 'c:invertIfNegative', 'c:pictureOptions', 'c:marker', 'c:dPt', 'c:dLbls', 'c:trendline', 'c:errBars', 'c:cat', 'c:val', 'c:smooth', 'c:shape', 'c:extLst'],
  'c:catAx': ['c:axId', 'c:scaling', 'c:delete', 'c:axPos', 'c:majorGridlines', 'c:minorGridlines', 'c:title', 'c:numFmt', 'c:majorTickMark', 'c:minorTickMark', 'c:tickLblPos', 'c:spPr', 'c:txPr', 'c:crossAx', 'c:crosses', 'c:auto', 'c:lblAlgn', 'c:lblOffset', 'c:tickLblSkip', 'c:tickMarkSkip', 'c:noMultiLvlLbl', 'c:extLst'],
  'c:valAx': ['c:axId', 'c:scaling', 'c:delete', 'c:axPos', 'c:majorGridlines', 'c:minorGridlines', 'c:title', 'c:numFmt', 'c:majorTickMark', 'c:minorTickMark', 'c:tickLblPos', 'c:spPr', 'c:txPr', 'c:crossAx', 'c:crosses', 'c:crossBetween', 'c:majorUnit', 'c:minorUnit', 'c:dispUnits', 'c:extLst'],
  'c:legend': ['c:legendPos', 'c:legendEntry', 'c:layout', 'c:overlay', 'c:spPr', 'c:txPr', 'c:extLst'],
  'c:title': ['c:tx', 'c:layout', 'c:overlay', 'c:spPr', 'c:txPr', 'c:extLst'],
  'c:marker': ['c:symbol', 'c:size', 'c:spPr', 'c:extLst'],
  'c:numRef': ['c:f', 'c:numCache', 'c:extLst'],
  'c:numCache': ['c:formatCode', 'c:ptCount', 'c:pt', 'c:extLst'],
  'c:strRef': ['c:f', 'c:strCache', 'c:extLst'],
  'c:strCache': ['c:ptCount', 'c:pt', 'c:extLst'],
};

/** Every element with a known sequence lists its children in that sequence's order. */
function expectSchemaOrder(element: Element): void {
  const sequence = SEQUENCES[element.name];
  // The marker flag of a line chart (c:lineChart/c:marker) is a different element from a series' marker.
  if (sequence && !(element.name === 'c:marker' && element.children.length === 0)) {
    const positions = element.children.map((c) => sequence.indexOf(c.name));
    expect({ element: element.name, unknown: element.children.filter((_, i) => positions[i] < 0).map((c) => c.name) }).toEqual({ element: element.name, unknown: [] });
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  }
  element.children.forEach(expectSchemaOrder);
}

const SHEET = 'Sales 销售';
const column = <T>(col: number, firstRow: number, values: T[]): CellColumn<T> => ({ sheet: SHEET, column: col, firstRow, lastRow: firstRow + values.length - 1, values });
const months = column(1, 2, ['2024-01', '2024-02', '2024-03']);
const series = (col: number, name: string, values: (number | null)[], extra: Partial<ChartSeries> = {}): ChartSeries => ({
  name: column(col, 1, [name]), values: { ...column(col, 2, values), formatCode: '"¥"#,##0.00' }, color: '4C78A8', ...extra,
});
const lineChart = (s: ChartSeries[]): ChartDefinition => ({
  title: { zh: '月度净收入', en: 'Monthly net revenue' },
  categories: months,
  categoryAxisTitle: { zh: '月份', en: 'Month' },
  valueAxisTitle: { zh: '净收入', en: 'Net revenue' },
  groups: [{ kind: 'line', series: s }],
});

describe('A1 references and escaping', () => {
  it('writes column letters, quoted sheet names and absolute ranges', () => {
    expect([1, 26, 27, 52, 703].map(columnLetters)).toEqual(['A', 'Z', 'AA', 'AZ', 'AAA']);
    expect(absoluteRef(SHEET, 3, 5, 40)).toBe("'Sales 销售'!$C$5:$C$40");
    expect(absoluteRef("O'Brien", 1, 1)).toBe("'O''Brien'!$A$1");
    expect(escapeXml('a<b & "c">\'')).toBe('a&lt;b &amp; &quot;c&quot;&gt;&apos;');
    expect(() => escapeXml('bell\u0007')).toThrow(RangeError);
  });
});

describe('chartPartXml', () => {
  it('references the cells of every series and caches their values, with the cells\' number format', () => {
    const chart = parse(chartPartXml(lineChart([series(2, '实际 Actual', [1000, null, 3.5])])));
    expect(all(chart, 'c:f').map((f) => f.text)).toEqual(["'Sales 销售'!$B$1", "'Sales 销售'!$A$2:$A$4", "'Sales 销售'!$B$2:$B$4"]);
    const cache = one(chart, 'c:numCache');
    expect(one(cache, 'c:formatCode').text).toBe('"¥"#,##0.00');
    expect(one(cache, 'c:ptCount').attributes.val).toBe('3');
    // The empty cell has no point: a gap, not a zero.
    expect(all(cache, 'c:pt').map((p) => [p.attributes.idx, one(p, 'c:v').text])).toEqual([['0', '1000'], ['2', '3.5']]);
    expect(all(one(chart, 'c:strCache'), 'c:v').map((v) => v.text)).toEqual(['实际 Actual']);
    expect(all(all(chart, 'c:strCache')[1], 'c:v').map((v) => v.text)).toEqual(['2024-01', '2024-02', '2024-03']);
    expect(one(one(chart, 'c:valAx'), 'c:numFmt').attributes).toEqual({ formatCode: '"¥"#,##0.00', sourceLinked: '1' });
    expect(one(chart, 'c:dispBlanksAs').attributes.val).toBe('gap');
    // One series needs no legend; the title has a Chinese and an English line.
    expect(all(chart, 'c:legend')).toHaveLength(0);
    expect(all(one(one(chart, 'c:chart'), 'c:title'), 'a:t').map((t) => t.text)).toEqual(['月度净收入', 'Monthly net revenue']);
    expect(all(one(chart, 'c:catAx'), 'a:t').map((t) => t.text)).toEqual(['月份 Month']);
    expectSchemaOrder(chart);
  });

  it('stacks bands under lines on shared axes, numbering series across groups and leaving the invisible base out of the legend', () => {
    const xml = chartPartXml({
      ...lineChart([]),
      groups: [
        { kind: 'stackedArea', series: [series(4, 'Lo 95', [null, 80, 70], { opacity: 0, hiddenFromLegend: true }), series(8, '95%', [null, 20, 30], { opacity: 0.15 })] },
        { kind: 'line', series: [series(2, 'Actual', [100, null, null]), series(3, 'Forecast', [null, 100, 100], { dashed: true })] },
      ],
    });
    const chart = parse(xml);
    expect(one(one(chart, 'c:areaChart'), 'c:grouping').attributes.val).toBe('stacked');
    expect(all(chart, 'c:ser').map((s) => one(s, 'c:idx').attributes.val)).toEqual(['0', '1', '2', '3']);
    const axes = (group: string) => all(one(chart, group), 'c:axId').map((a) => a.attributes.val);
    expect(axes('c:areaChart')).toEqual(axes('c:lineChart'));
    expect(axes('c:areaChart')).toEqual([one(one(chart, 'c:catAx'), 'c:axId').attributes.val, one(one(chart, 'c:valAx'), 'c:axId').attributes.val]);
    const [base, band] = all(one(chart, 'c:areaChart'), 'c:ser');
    expect(all(one(base, 'c:spPr'), 'a:noFill')).toHaveLength(2);
    expect(one(band, 'a:alpha').attributes.val).toBe('15000');
    expect(all(one(chart, 'c:legend'), 'c:legendEntry').map((e) => [one(e, 'c:idx').attributes.val, one(e, 'c:delete').attributes.val])).toEqual([['0', '1']]);
    expect(one(all(one(chart, 'c:lineChart'), 'c:ser')[1], 'a:prstDash').attributes.val).toBe('dash');
    expectSchemaOrder(chart);
  });

  it('lists horizontal bars top to bottom in table order, with the value axis at the bottom', () => {
    const chart = parse(chartPartXml({ ...lineChart([]), groups: [{ kind: 'bar', direction: 'horizontal', series: [series(2, 'Customers', [1, 2, 3]), series(3, 'Revenue', [3, 2, 1])] }] }));
    expect(one(chart, 'c:barDir').attributes.val).toBe('bar');
    expect(one(one(chart, 'c:catAx'), 'c:orientation').attributes.val).toBe('maxMin');
    expect(one(one(chart, 'c:catAx'), 'c:axPos').attributes.val).toBe('l');
    expect(one(one(chart, 'c:valAx'), 'c:crosses').attributes.val).toBe('max');
    expect(all(chart, 'c:invertIfNegative')).toHaveLength(2);
    expectSchemaOrder(chart);
    const columns = parse(chartPartXml({ ...lineChart([]), groups: [{ kind: 'bar', direction: 'vertical', series: [series(2, 'CAC', [1, 2, 3])] }] }));
    expect([one(columns, 'c:barDir').attributes.val, one(one(columns, 'c:catAx'), 'c:orientation').attributes.val]).toEqual(['col', 'minMax']);
  });

  it('refuses series that do not match their categories, cached values that do not match their rows, and empty groups', () => {
    expect(() => chartPartXml(lineChart([series(2, 'Actual', [1, 2])]))).toThrow(ChartDefinitionError);
    const wrongCache = series(2, 'Actual', [1, 2, 3]);
    expect(() => chartPartXml(lineChart([{ ...wrongCache, values: { ...wrongCache.values, values: [1, 2] } }]))).toThrow(/2 cached values for 3 rows/);
    expect(() => chartPartXml(lineChart([]))).toThrow(ChartDefinitionError);
    expect(() => chartPartXml(lineChart([series(2, 'Actual', [1, 2, 3], { color: '#4c78a8' })]))).toThrow(/six upper-case hex digits/);
  });
});

/** A workbook like the report's: a sheet without parts, and one with a table and a data bar (whose rule nests an extLst). */
async function smallPackage(): Promise<JSZip> {
  const workbook = new ExcelJS.Workbook();
  workbook.created = workbook.modified = new Date('2024-12-31T00:00:00Z');
  const plain = workbook.addWorksheet('摘要 Summary');
  plain.getCell('A1').value = 'title';
  const data = workbook.addWorksheet(SHEET);
  data.addTable({ name: 'Sales', ref: 'A1', headerRow: true, columns: [{ name: 'Month' }, { name: 'Actual' }], rows: [['2024-01', 1], ['2024-02', 2], ['2024-03', 3]] });
  // Gradient bars, as the report writes them: exceljs gives solid ones a random id.
  data.addConditionalFormatting({ ref: 'B2:B4', rules: [{ type: 'dataBar', priority: 1, gradient: true, cfvo: [{ type: 'min' }, { type: 'max' }], color: { argb: 'FF5B9BD5' } } as ExcelJS.DataBarRuleType] });
  return JSZip.loadAsync(await workbook.xlsx.writeBuffer());
}

const placed = (sheet: string, chart: ChartDefinition): PlacedChart => ({ sheet, at: { row: 3, column: 7 }, width: 600, height: 300, chart });

describe('addChartsToPackage', () => {
  it('adds chart and drawing parts, their relationships and content types, and the sheet\'s drawing element in schema order', async () => {
    const zip = await smallPackage();
    const chart = lineChart([series(2, 'Actual', [1, 2, 3])]);
    await addChartsToPackage(zip, [placed(SHEET, chart), placed('摘要 Summary', chart), placed(SHEET, chart)]);
    const text = (name: string) => zip.file(name)!.async('string');
    // Sheets in the order given: the data sheet's drawing holds charts 1 and 2, the Summary's chart 3.
    expect(Object.keys(zip.files).filter((n) => /^xl\/(charts|drawings)\//.test(n) && !n.endsWith('/')).sort()).toEqual([
      'xl/charts/chart1.xml', 'xl/charts/chart2.xml', 'xl/charts/chart3.xml',
      'xl/drawings/_rels/drawing1.xml.rels', 'xl/drawings/_rels/drawing2.xml.rels', 'xl/drawings/drawing1.xml', 'xl/drawings/drawing2.xml',
    ]);
    const types = parse(await text('[Content_Types].xml'));
    const overrides = new Map(all(types, 'Override').map((o) => [o.attributes.PartName, o.attributes.ContentType]));
    expect(overrides.get('/xl/charts/chart3.xml')).toBe('application/vnd.openxmlformats-officedocument.drawingml.chart+xml');
    expect(overrides.get('/xl/drawings/drawing2.xml')).toBe('application/vnd.openxmlformats-officedocument.drawing+xml');

    const sheetRels = all(parse(await text('xl/worksheets/_rels/sheet2.xml.rels')), 'Relationship');
    expect(new Set(sheetRels.map((r) => r.attributes.Id)).size).toBe(sheetRels.length);
    const drawingRel = sheetRels.find((r) => r.attributes.Type.endsWith('/drawing'))!;
    expect(drawingRel.attributes.Target).toBe('../drawings/drawing1.xml');
    const sheet = parse(await text('xl/worksheets/sheet2.xml'));
    const rootChildren = sheet.children.map((c) => c.name);
    // CT_Worksheet: … headerFooter, drawing, …, tableParts, extLst — never inside a conditional-formatting rule.
    expect(rootChildren.indexOf('drawing')).toBe(rootChildren.indexOf('tableParts') - 1);
    expect(one(sheet, 'drawing').attributes['r:id']).toBe(drawingRel.attributes.Id);
    expect(all(one(sheet, 'conditionalFormatting'), 'extLst')).toHaveLength(1);
    expect(all(one(sheet, 'conditionalFormatting'), 'drawing')).toHaveLength(0);

    const drawing = parse(await text('xl/drawings/drawing1.xml'));
    const anchors = all(drawing, 'xdr:oneCellAnchor');
    expect(anchors).toHaveLength(2);
    expect([one(anchors[0], 'xdr:col').text, one(anchors[0], 'xdr:row').text]).toEqual(['6', '2']);
    expect(one(anchors[0], 'xdr:ext').attributes).toEqual({ cx: String(600 * 9525), cy: String(300 * 9525) });
    expect(all(drawing, 'xdr:cNvPr').map((c) => c.attributes.id)).toEqual(['2', '3']);
    const chartRels = new Map(all(parse(await text('xl/drawings/_rels/drawing1.xml.rels')), 'Relationship').map((r) => [r.attributes.Id, r.attributes.Target]));
    expect(all(drawing, 'c:chart').map((c) => chartRels.get(c.attributes['r:id']))).toEqual(['../charts/chart1.xml', '../charts/chart2.xml']);
    expect(await text('xl/charts/chart1.xml')).toBe(chartPartXml(chart));
  });

  it('writes the same package for the same charts', async () => {
    const chart = lineChart([series(2, 'Actual', [1, 2, 3])]);
    const bytes = async () => {
      const zip = await smallPackage();
      await addChartsToPackage(zip, [placed(SHEET, chart)]);
      for (const entry of Object.values(zip.files)) entry.date = new Date('2024-12-31T00:00:00Z');
      return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    };
    expect((await bytes()).equals(await bytes())).toBe(true);
  });

  it('refuses a sheet that already has a drawing and a sheet that does not exist', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Pictures');
    sheet.addImage(workbook.addImage({ base64: 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', extension: 'png' }), { tl: { col: 0, row: 0 }, ext: { width: 1, height: 1 } });
    const zip = await JSZip.loadAsync(await workbook.xlsx.writeBuffer());
    const chart = lineChart([series(2, 'Actual', [1, 2, 3])]);
    await expect(addChartsToPackage(zip, [placed('Pictures', chart)])).rejects.toThrow(ChartPackageError);
    await expect(addChartsToPackage(zip, [placed('Nowhere', chart)])).rejects.toThrow(/no sheet named Nowhere/);
  });
});
