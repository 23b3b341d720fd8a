/**
 * openpyxl, the second reader of the finance workbook (after LibreOffice): Python's standard
 * library for .xlsx, strict about the parts it parses (charts included). Installed from PyPI
 * into the project's `.tools/venv` by `npm run setup` and the tests that need it.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { onPath, pipInstallIntoToolsVenv, toolsVenvBinary } from '../../infra/externalTools';

export const OPENPYXL_REQUIREMENT = 'openpyxl==3.1.5';

export class OpenpyxlError extends Error {
  override name = 'OpenpyxlError';
}

function hasOpenpyxl(python: string): boolean {
  return fs.existsSync(python) && spawnSync(python, ['-c', 'import openpyxl'], { timeout: 60_000 }).status === 0;
}

/** The venv's python with openpyxl importable, installing it first; otherwise the reason it is not available. */
export function findOrInstallOpenpyxl(projectRoot: string, log: (m: string) => void = console.error): { python?: string; reason?: string } {
  const python = toolsVenvBinary(projectRoot, 'python');
  if (hasOpenpyxl(python)) return { python };
  const system = onPath('python3');
  if (!system) return { reason: 'no python3 to create .tools/venv with' };
  try {
    log(`installing ${OPENPYXL_REQUIREMENT} into .tools/venv`);
    pipInstallIntoToolsVenv(projectRoot, system, [OPENPYXL_REQUIREMENT]);
  } catch (error) {
    return { reason: `pip install ${OPENPYXL_REQUIREMENT} failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}` };
  }
  return hasOpenpyxl(python) ? { python } : { reason: `${OPENPYXL_REQUIREMENT} installed, but python cannot import it` };
}

export interface OpenpyxlSheet {
  name: string;
  /** Charts openpyxl read from the sheet's drawing. */
  charts: number;
  /** Cells holding a formula. */
  formulas: number;
  printArea: string | null;
  printTitleRows: string | null;
  orientation: string | null;
  fitToWidth: number | null;
  fitToHeight: number | null;
}

/**
 * Loads with every warning an error — a chart or drawing openpyxl cannot read fails the load —
 * except the one about worksheet extensions it does not model (the x14 data bars exceljs
 * writes), which it reads past.
 */
const LOAD = `
import json, sys, warnings
warnings.simplefilter('error')
warnings.filterwarnings('ignore', message='Unknown extension is not supported')
import openpyxl
workbook = openpyxl.load_workbook(sys.argv[1])
print(json.dumps([{
    'name': ws.title,
    'charts': len(ws._charts),
    'formulas': sum(1 for row in ws.iter_rows() for cell in row if cell.data_type == 'f'),
    'printArea': ws.print_area,
    'printTitleRows': ws.print_title_rows,
    'orientation': ws.page_setup.orientation,
    'fitToWidth': ws.page_setup.fitToWidth,
    'fitToHeight': ws.page_setup.fitToHeight,
} for ws in workbook.worksheets]))
`;

/** What openpyxl reads from the workbook; throws with its message when it cannot load it cleanly. */
export function loadWithOpenpyxl(python: string, file: string): OpenpyxlSheet[] {
  const result = spawnSync(python, ['-c', LOAD, file], { encoding: 'utf8', timeout: 600_000, maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new OpenpyxlError(`openpyxl could not load ${file}: ${(result.stderr || result.error?.message || '').trim().split('\n').slice(-3).join(' ')}`);
  const sheets = JSON.parse(result.stdout) as Array<Omit<OpenpyxlSheet, 'fitToWidth' | 'fitToHeight'> & { fitToWidth: string | number | null; fitToHeight: string | number | null }>;
  return sheets.map((s) => ({ ...s, fitToWidth: s.fitToWidth === null ? null : Number(s.fitToWidth), fitToHeight: s.fitToHeight === null ? null : Number(s.fitToHeight) }));
}
