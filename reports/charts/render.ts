/**
 * Charts without a browser: a Vega-Lite spec is compiled to Vega, rendered to SVG by Vega's
 * headless view, and rasterised to PNG by resvg with the CJK font loaded from its file (no
 * system fonts: the result is the same on every machine).
 *
 * resvg re-reads its font file for every run of text, and the CJK font is 10 MB: a report's
 * charts took about 0.6 s each, over 90 % of it in that reading. They are rasterised with a
 * subset of the font holding exactly the characters of their SVGs (harfbuzz's subsetter, which
 * keeps the layout tables those characters use): the PNGs are byte-identical to the full font's
 * (tests/unit/reports/charts.test.ts).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import subsetFont from 'subset-font';
import * as vega from 'vega';
import * as vegaLite from 'vega-lite';
import type { Bilingual } from '../../analytics/segment/bilingual';
import { CJK_FONT_FAMILY, CJK_FONT_FILES } from '../fonts';
import { opaquePng } from './png';
import type { ChartKey, ChartSpec } from './specs';

export interface ChartImage {
  png: Buffer;
  /** Pixel size of the PNG. */
  width: number;
  height: number;
}

/** A chart of the report rendered for the PDF. */
export interface RenderedChart {
  key: ChartKey;
  title: Bilingual;
  image: ChartImage;
}

/** Rendered at twice the spec's size, so the images stay sharp in Excel and print. */
const SCALE = 2;

const THEME: vegaLite.Config = {
  font: CJK_FONT_FAMILY,
  background: 'white',
  title: { fontSize: 14, anchor: 'start', fontWeight: 'normal' },
  axis: { labelFontSize: 11, titleFontSize: 11, labelLimit: 0 },
  legend: { labelFontSize: 11, titleFontSize: 11, labelLimit: 0 },
};

/** The chart as Vega's SVG, in the report's theme. */
export async function chartSvg(spec: vegaLite.TopLevelSpec): Promise<string> {
  const compiled = vegaLite.compile({ ...spec, config: { ...THEME, ...spec.config } } as vegaLite.TopLevelSpec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** Rasterises one SVG with the given font file (one weight only: titles read well in regular). */
export function rasterize(svg: string, fontFile: string): ChartImage {
  const image = new Resvg(svg, {
    font: { fontFiles: [fontFile], loadSystemFonts: false, defaultFontFamily: CJK_FONT_FAMILY },
    fitTo: { mode: 'zoom', value: SCALE },
  }).render();
  return { png: opaquePng(image.pixels, image.width, image.height), width: image.width, height: image.height };
}

const PRINTABLE_ASCII = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i)).join('');

/**
 * Every character the SVGs may draw: their text as written and as numeric character references,
 * and printable ASCII (Vega escapes only markup characters, all ASCII).
 */
export function svgCharacters(svgs: readonly string[]): string {
  const characters = new Set(PRINTABLE_ASCII);
  for (const svg of svgs) {
    for (const character of svg) characters.add(character);
    for (const [, decimal, hex] of svg.matchAll(/&#(?:(\d+)|x([0-9a-fA-F]+));/g)) characters.add(String.fromCodePoint(decimal ? Number(decimal) : parseInt(hex!, 16)));
  }
  return [...characters].join('');
}

/**
 * Renders a report's charts to PNG, rasterised with one font subset for all of them.
 * `between` runs after each chart: rendering is long synchronous stretches.
 */
export async function renderCharts(charts: readonly ChartSpec[], between: () => Promise<void>): Promise<RenderedChart[]> {
  const svgs: string[] = [];
  for (const chart of charts) {
    svgs.push(await chartSvg(chart.spec));
    await between();
  }
  if (svgs.length === 0) return [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chart-font-'));
  try {
    const fontFile = path.join(dir, 'font.ttf');
    fs.writeFileSync(fontFile, await subsetFont(fs.readFileSync(CJK_FONT_FILES.regular), svgCharacters(svgs), { targetFormat: 'truetype' }));
    const rendered: RenderedChart[] = [];
    for (const [i, chart] of charts.entries()) {
      rendered.push({ key: chart.key, title: chart.title, image: rasterize(svgs[i]!, fontFile) });
      await between();
    }
    return rendered;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
