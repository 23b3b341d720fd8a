/**
 * `npm run check:workbook -- FILE.xlsx`: what a finance user's spreadsheet applications make of
 * a workbook the pipeline wrote. Prints its native charts (and any pictures left), what
 * openpyxl reads, whether LibreOffice keeps every chart and recalculates every formula to its
 * cached value, the reconciliation block after that recalculation, and the printed pages per
 * sheet (LibreOffice `--convert-to pdf`) with their text size and any table split
 * column-wise. Installs LibreOffice and openpyxl first where it can (see scripts/lib).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { loadConfig } from '../infra/config';
import { SHEETS } from '../reports/labels';
import { sheetName } from '../reports/workbook/build';
import { RECONCILIATION_TABLE } from '../reports/workbook/summary';
import { convertWithLibreOffice, findOrInstallLibreOffice } from './lib/libreOffice';
import { findOrInstallOpenpyxl, loadWithOpenpyxl } from './lib/openpyxl';
import { chartParts, printedPages, recalculatedFormulas, reconciliationDifferences, sameResult, tableHeaders, tablesSplitAcrossPages } from './lib/workbookCheck';

async function run(file: string): Promise<void> {
  const xlsx = fs.readFileSync(file);
  const zip = await JSZip.loadAsync(xlsx);
  const charts = await chartParts(xlsx);
  console.log(`${file}: ${charts.length} chart parts (${charts.map((c) => `${c.part.split('/').pop()} ${c.refs.length} refs`).join(', ')}); pictures: ${Object.keys(zip.files).filter((n) => n.startsWith('xl/media/')).length}`);

  const { python, reason: noOpenpyxl } = findOrInstallOpenpyxl(loadConfig().projectRoot);
  if (python) {
    const sheets = loadWithOpenpyxl(python, file);
    console.log(`openpyxl: loaded without warnings; charts ${sheets.reduce((s, x) => s + x.charts, 0)}, formulas ${sheets.reduce((s, x) => s + x.formulas, 0)}; `
      + `fit to one page wide on ${sheets.filter((s) => s.fitToWidth === 1 && s.fitToHeight === 0).length} of ${sheets.length} sheets`);
  } else console.log(`openpyxl: not available (${noOpenpyxl})`);

  const { soffice, reason: noLibreOffice } = findOrInstallLibreOffice();
  if (!soffice) {
    console.log(`LibreOffice: not available (${noLibreOffice})`);
    return;
  }
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'check-workbook-'));
  try {
    const recalculated = fs.readFileSync(convertWithLibreOffice(soffice, file, 'xlsx', out));
    const formulas = await recalculatedFormulas(xlsx, recalculated);
    const differing = formulas.filter((f) => !sameResult(f.result, f.recalculated));
    console.log(`LibreOffice: kept ${(await chartParts(recalculated)).length} of ${charts.length} charts; recalculated ${formulas.length} formulas, ${differing.length} differ from the cached value`);
    for (const f of differing.slice(0, 10)) console.log(`  ${f.sheet}!${f.address} =${f.formula}: cached ${String(f.result)}, LibreOffice ${String(f.recalculated)}`);
    const reconciliation = await reconciliationDifferences(recalculated, sheetName(SHEETS.summary), RECONCILIATION_TABLE);
    console.log(`reconciliation after recalculation (detail sum − pipeline value): ${reconciliation.map((r) => `${r.kpi} ${String(r.difference)}`).join('; ')}`);

    const pdf = convertWithLibreOffice(soffice, file, 'pdf', out);
    const names = Object.values(SHEETS).map(sheetName);
    const pages = await printedPages(pdf, names);
    const customers = sheetName(SHEETS.customers);
    console.log(`printed: ${pages.length} pages, ${pages.filter((p) => p.sheet !== customers).length} without the customer list`);
    for (const name of names) {
      const own = pages.filter((p) => p.sheet === name);
      if (own.length > 0) console.log(`  ${name}: ${own.length} pages, text ${own.map((p) => p.textSize).sort((a, b) => a - b)[Math.floor(own.length / 2)].toFixed(1)} pt`);
    }
    const split = tablesSplitAcrossPages(await tableHeaders(xlsx), pages);
    console.log(`tables split column-wise: ${split.length === 0 ? 'none' : split.map((t) => `${t.sheet} ${t.table}`).join(', ')}`);
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}

const file = process.argv[2];
if (!file) {
  console.error('usage: npm run check:workbook -- FILE.xlsx');
  process.exit(2);
}
run(file).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
