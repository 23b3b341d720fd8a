/**
 * Charts without a browser: a Vega-Lite spec is compiled to Vega, rendered to SVG by Vega's
 * headless view, and rasterised to PNG by resvg with the CJK font loaded from its file (no
 * system fonts: the result is the same on every machine).
 */
import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import * as vegaLite from 'vega-lite';
import type { Bilingual } from '../../analytics/segment/bilingual';
import { CJK_FONT_FAMILY, CJK_FONT_FILES } from '../fonts';
import { opaquePng } from './png';
import type { ChartKey } from './specs';

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

export async function renderChart(spec: vegaLite.TopLevelSpec): Promise<ChartImage> {
  const compiled = vegaLite.compile({ ...spec, config: { ...THEME, ...spec.config } } as vegaLite.TopLevelSpec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    const svg = await view.toSVG();
    const image = new Resvg(svg, {
      // One weight only: resvg parses its fonts on every render, and titles read well in regular.
      font: { fontFiles: [CJK_FONT_FILES.regular], loadSystemFonts: false, defaultFontFamily: CJK_FONT_FAMILY },
      fitTo: { mode: 'zoom', value: SCALE },
    }).render();
    return { png: opaquePng(image.pixels, image.width, image.height), width: image.width, height: image.height };
  } finally {
    view.finalize();
  }
}
