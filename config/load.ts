/**
 * Reads a source config file: JSON, file paths relative to the file, validated. A source file
 * must resolve inside the config's folder (symbolic links followed) unless the caller allows
 * otherwise (`--allow-outside`, ALLOW_SOURCES_OUTSIDE_CONFIG=1): a config cannot make the
 * worker read /etc/passwd or climb out with `../`. Messages never quote the file's contents.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseSourceConfig, SourceConfigError, type SourceConfig } from './sources';

export interface LoadOptions {
  /** Source files may lie outside the config's folder. */
  allowOutside?: boolean;
}

/** The real path of `file`, or of its nearest existing parent joined with the rest (a file not written yet). */
function realPath(file: string): string {
  let existing = file;
  const rest: string[] = [];
  while (!fs.existsSync(existing) && path.dirname(existing) !== existing) {
    rest.unshift(path.basename(existing));
    existing = path.dirname(existing);
  }
  return path.join(fs.realpathSync(existing), ...rest);
}

/** True when `file` is `folder` or lies under it. */
function inside(folder: string, file: string): boolean {
  const relative = path.relative(folder, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

export function loadSourceConfigFile(file: string, options: LoadOptions = {}): SourceConfig {
  if (!fs.existsSync(file)) throw new SourceConfigError(`source config ${file} not found (generate sample data with \`npm run cli -- generate\`, or pass --config)`);
  let value: unknown;
  try {
    value = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    // V8's message quotes the start of the text: say where, not what.
    const where = error instanceof Error ? /(at position \d+|line \d+ column \d+)/.exec(error.message)?.[1] : undefined;
    throw new SourceConfigError(`source config ${file} is not valid JSON${where ? ` (${where})` : ''}`);
  }
  const config = parseSourceConfig(value, file);
  const base = path.dirname(path.resolve(file));
  const realBase = fs.realpathSync(base);
  return {
    ...config,
    sources: config.sources.map((s) => {
      if (s.kind === 'database') return s;
      const resolved = path.resolve(base, s.path);
      if (!options.allowOutside && !inside(realBase, realPath(resolved))) {
        throw new SourceConfigError(`${file}: source ${s.name}: path "${s.path}" leads outside the config's folder ${base}; move the file under that folder, or allow it with --allow-outside (ALLOW_SOURCES_OUTSIDE_CONFIG=1)`);
      }
      return { ...s, path: resolved };
    }),
  };
}
