/**
 * LibreOffice Calc, headless: the real spreadsheet application the finance workbook is checked
 * in (its charts kept, its formulas recalculated, its pages printed to PDF). Found on PATH, or
 * installed from Debian's packages (`libreoffice-calc-nogui`) by `npm run setup` and the
 * tests that need it, when the process runs as root on a machine with apt; otherwise not
 * available, and those tests say why they skip.
 *
 * Every conversion runs with a fresh user profile that recalculates formulas on load (so the
 * output holds LibreOffice's own results, not the cached ones) and a fontconfig that adds the
 * Noto Sans SC files the reports already use, so Chinese text measures and prints the same on
 * every machine.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { onPath } from '../../infra/externalTools';
import { CJK_FONT_FILES } from '../../reports/fonts';

export const LIBREOFFICE_PACKAGE = 'libreoffice-calc-nogui';
/** Carlito: metric-compatible with Calibri, the workbook's body font, so columns measure and pages break as in Excel. */
const CALIBRI_METRICS_PACKAGE = 'fonts-crosextra-carlito';
const KNOWN_LOCATIONS = ['/usr/bin/soffice', '/usr/lib/libreoffice/program/soffice', '/opt/libreoffice/program/soffice'];

export class LibreOfficeError extends Error {
  override name = 'LibreOfficeError';
}

function works(soffice: string): boolean {
  const result = spawnSync(soffice, ['--headless', '--version'], { encoding: 'utf8', timeout: 60_000 });
  return result.status === 0 && /LibreOffice/.test(result.stdout);
}

function find(): string | undefined {
  return [onPath('soffice'), onPath('libreoffice'), ...KNOWN_LOCATIONS].find((candidate) => candidate !== undefined && fs.existsSync(candidate) && works(candidate));
}

function hasCalibriMetrics(): boolean {
  const result = spawnSync('fc-list', [':family=Carlito'], { encoding: 'utf8' });
  return result.status === 0 && result.stdout.trim() !== '';
}

function apt(args: readonly string[], log: (m: string) => void): boolean {
  // Waits for another apt run to release the dpkg lock instead of failing at once.
  const result = spawnSync('apt-get', ['-o', 'DPkg::Lock::Timeout=900', ...args], {
    encoding: 'utf8', timeout: 1_800_000, env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (result.status !== 0) log(`  apt-get ${args.join(' ')} failed: ${(result.stderr || result.error?.message || '').trim().split('\n').pop()}`);
  return result.status === 0;
}

/**
 * The `soffice` binary, installing LibreOffice Calc (and Carlito) first where that is
 * possible; otherwise the reason it is not available.
 */
export function findOrInstallLibreOffice(log: (m: string) => void = console.error): { soffice?: string; reason?: string } {
  const found = find();
  if (found && hasCalibriMetrics()) return { soffice: found };
  const packages = [LIBREOFFICE_PACKAGE, CALIBRI_METRICS_PACKAGE];
  if (!onPath('apt-get')) return found ? { soffice: found } : { reason: `LibreOffice is not installed and there is no apt-get to install ${LIBREOFFICE_PACKAGE} with` };
  if (process.getuid?.() !== 0) return found ? { soffice: found } : { reason: `LibreOffice is not installed; install it as root: apt-get install -y ${packages.join(' ')}` };
  log(`installing LibreOffice: apt-get install ${packages.join(' ')} (a few minutes)`);
  const install = ['install', '-y', '--no-install-recommends', ...packages];
  if (!apt(install, log) && !(apt(['update'], log) && apt(install, log))) return found ? { soffice: found } : { reason: `apt-get install ${packages.join(' ')} failed` };
  const installed = find();
  return installed ? { soffice: installed } : { reason: `${LIBREOFFICE_PACKAGE} installed, but no working soffice was found` };
}

/** OOXMLRecalcMode 0: recalculate every formula of an .xlsx on load ("always"), never trust the cached values. */
const PROFILE_SETTINGS = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

function fontConfig(cacheDir: string): string {
  const dirs = [...new Set(Object.values(CJK_FONT_FILES).map((file) => path.dirname(file)))].map((dir) => `<dir>${dir}</dir>`).join('');
  return `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig><include ignore_missing="yes">/etc/fonts/fonts.conf</include>${dirs}<cachedir>${cacheDir}</cachedir></fontconfig>\n`;
}

/**
 * Opens `input` in LibreOffice and saves it as `format` (`pdf`, `xlsx`, `ods`…) into `outDir`;
 * returns the written file. Formulas are recalculated on load.
 */
export function convertWithLibreOffice(soffice: string, input: string, format: string, outDir: string): string {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'libreoffice-profile-'));
  try {
    fs.mkdirSync(path.join(profile, 'user'), { recursive: true });
    fs.writeFileSync(path.join(profile, 'user', 'registrymodifications.xcu'), PROFILE_SETTINGS);
    fs.writeFileSync(path.join(profile, 'fonts.conf'), fontConfig(path.join(profile, 'fontcache')));
    fs.mkdirSync(outDir, { recursive: true });
    const result = spawnSync(soffice, [
      '--headless', '--norestore', '--nolockcheck', `-env:UserInstallation=file://${profile}`,
      '--convert-to', format, '--outdir', outDir, input,
    ], { encoding: 'utf8', timeout: 900_000, env: { ...process.env, FONTCONFIG_FILE: path.join(profile, 'fonts.conf') } });
    const output = path.join(outDir, `${path.basename(input, path.extname(input))}.${format.split(':')[0]}`);
    if (result.status !== 0 || !fs.existsSync(output)) {
      throw new LibreOfficeError(`LibreOffice could not convert ${input} to ${format}: ${(result.stderr || result.stdout || result.error?.message || '').trim()}`);
    }
    return output;
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
  }
}
