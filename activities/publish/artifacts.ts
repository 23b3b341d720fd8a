/**
 * Report artifacts: files under OUT_DIR/<run_id>/ recorded in `report_artifacts` with size
 * and sha256. The send activity attaches only recorded files whose bytes still match.
 */
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import type { ArtifactKind, ReportArtifact } from '../../contract/results';

export class ArtifactsMissingError extends Error {
  override name = 'ArtifactsMissingError';
}

/** A recorded file changed or vanished after it was recorded: sending it would send other reports. */
export class ArtifactChecksumError extends Error {
  override name = 'ArtifactChecksumError';
}

export function sha256(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Writes through a temporary file and a rename, so a crash never leaves half a report. */
export function writeArtifact(dir: string, fileName: string, kind: ArtifactKind, data: Buffer): ReportArtifact {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, fileName);
  const temporary = `${file}.${process.pid}.${randomUUID()}.tmp`;
  fs.writeFileSync(temporary, data);
  fs.renameSync(temporary, file);
  return { kind, path: file, bytes: data.length, sha256: sha256(data) };
}

/** Replaces the run's artifact records in one transaction. */
export async function recordArtifacts(db: Knex, runId: string, artifacts: readonly ReportArtifact[]): Promise<void> {
  await db.transaction(async (trx) => {
    await trx('report_artifacts').where({ run_id: runId }).delete();
    const createdAt = new Date();
    await trx('report_artifacts').insert(artifacts.map((a) => ({ run_id: runId, kind: a.kind, path: a.path, bytes: a.bytes, sha256: a.sha256, created_at: createdAt })));
  });
}

/** The recorded artifacts of the given kinds with their bytes, each checked against its record. */
export async function readRecordedArtifacts(db: Knex, runId: string, kinds: readonly ArtifactKind[]): Promise<Array<ReportArtifact & { data: Buffer }>> {
  const rows: Array<{ kind: ArtifactKind; path: string; bytes: string; sha256: string }> = await db('report_artifacts').where({ run_id: runId }).whereIn('kind', kinds).orderBy('kind');
  const missing = kinds.filter((k) => !rows.some((r) => r.kind === k));
  if (missing.length > 0) throw new ArtifactsMissingError(`run ${runId} has no recorded ${missing.join(', ')}: render the reports first (\`report resend ${runId} --render\`)`);
  return rows.map((r) => {
    if (!fs.existsSync(r.path)) throw new ArtifactChecksumError(`${r.path} (${r.kind} of ${runId}) is gone: re-render with \`report resend ${runId} --render\``);
    const data = fs.readFileSync(r.path);
    if (sha256(data) !== r.sha256) throw new ArtifactChecksumError(`${r.path} no longer matches its recorded sha256 ${r.sha256}: re-render with \`report resend ${runId} --render\``);
    return { kind: r.kind, path: r.path, bytes: Number(r.bytes), sha256: r.sha256, data };
  });
}

/** Which reports a mail carried: a digest over the artifacts' kinds and checksums. */
export function artifactsDigest(artifacts: readonly ReportArtifact[]): string {
  return sha256([...artifacts].sort((a, b) => a.kind.localeCompare(b.kind)).map((a) => `${a.kind}:${a.sha256}`).join('\n'));
}
