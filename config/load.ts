/** Reads a source config file: JSON, file paths relative to the file, validated. */
import fs from 'node:fs';
import path from 'node:path';
import { parseSourceConfig, SourceConfigError, type SourceConfig } from './sources';

export function loadSourceConfigFile(file: string): SourceConfig {
  if (!fs.existsSync(file)) throw new SourceConfigError(`source config ${file} not found (generate sample data with \`npm run cli -- generate\`, or pass --config)`);
  let value: unknown;
  try {
    value = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new SourceConfigError(`source config ${file} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const config = parseSourceConfig(value, file);
  const base = path.dirname(path.resolve(file));
  return {
    ...config,
    sources: config.sources.map((s) => (s.kind === 'database' ? s : { ...s, path: path.resolve(base, s.path) })),
  };
}
