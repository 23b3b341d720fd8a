/**
 * Chart rendering: the report's charts rasterised with the font subset are byte-identical to the
 * same SVGs rasterised with the whole CJK font, and the subset holds every character an SVG
 * writes, including those written as character references.
 */
import { chartSvg, rasterize, renderCharts, svgCharacters } from '../../../reports/charts/render';
import { chartSpecs } from '../../../reports/charts/specs';
import { CJK_FONT_FILES } from '../../../reports/fonts';
import { fullModel } from './tinyModel';

jest.setTimeout(60_000);

describe('svgCharacters', () => {
  it('holds the text as written, as character references, and printable ASCII', () => {
    const characters = svgCharacters(['<text>客户 ¥</text>', '<text>&#x9884;&#27979;&amp;</text>']);
    for (const expected of ['客', '户', '¥', '预', '测', ' ', '~', 'A', '0']) expect(characters).toContain(expected);
    expect(new Set(characters).size).toBe(characters.length);
  });
});

describe('renderCharts', () => {
  it('draws every chart of the full model exactly as the whole font does', async () => {
    const specs = chartSpecs(fullModel());
    let pauses = 0;
    const rendered = await renderCharts(specs, async () => { pauses++; });
    expect(rendered.map((c) => c.key)).toEqual(specs.map((s) => s.key));
    expect(pauses).toBe(2 * specs.length);
    const svgs = await Promise.all(specs.map((s) => chartSvg(s.spec)));
    expect(svgs.some((svg) => /[\u4e00-\u9fff]/.test(svg))).toBe(true); // CJK text is drawn
    for (const [i, chart] of rendered.entries()) {
      const whole = rasterize(svgs[i]!, CJK_FONT_FILES.regular);
      expect([chart.image.width, chart.image.height]).toEqual([whole.width, whole.height]);
      expect(chart.image.png.equals(whole.png)).toBe(true);
    }
  });

  it('renders no charts without a font subset', async () => {
    expect(await renderCharts([], async () => undefined)).toEqual([]);
  });
});
