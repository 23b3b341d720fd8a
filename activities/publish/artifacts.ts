/**
 * Report artifacts: recorded in `report_artifacts` with their size, sha256 and bytes, so the
 * send step attaches them on whichever worker it runs — workers share PostgreSQL, not a disk.
 * The rendering worker keeps a local copy under OUT_DIR/<run_id>/ (the path recorded). The
 * send activity attaches only bytes that still match their checksum.
 */
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { PoolClient } from 'pg';
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

/** An artifact with its bytes, as rendered or as read back. */
export type ArtifactWithData = ReportArtifact & { data: Buffer };

/** Writes the local copy through a temporary file and a rename, so a crash never leaves half a report. */
export function writeArtifact(dir: string, fileName: string, kind: ArtifactKind, data: Buffer): ArtifactWithData {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, fileName);
  const temporary = `${file}.${process.pid}.${randomUUID()}.tmp`;
  fs.writeFileSync(temporary, data);
  fs.renameSync(temporary, file);
  return { kind, path: file, bytes: data.length, sha256: sha256(data), data };
}

/** Records the run's artifacts with their bytes (in the render step's transaction, which deleted the earlier records). */
export async function recordArtifacts(client: PoolClient, runId: string, artifacts: readonly ArtifactWithData[]): Promise<void> {
  const createdAt = new Date();
  for (const a of artifacts) {
    await client.query('INSERT INTO report_artifacts (run_id, kind, path, bytes, sha256, created_at, content) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [runId, a.kind, a.path, a.bytes, a.sha256, createdAt, a.data]);
  }
}

/** A record's bytes: stored with it, or (recorded before bytes were stored) its local file. */
function recordedBytes(runId: string, r: { kind: ArtifactKind; path: string; content: Buffer | null }): Buffer {
  if (r.content !== null) return r.content;
  if (!fs.existsSync(r.path)) throw new ArtifactChecksumError(`${r.path} (${r.kind} of ${runId}) is gone: re-render with \`report resend ${runId} --render\``);
  return fs.readFileSync(r.path);
}

/** The recorded artifacts of the given kinds with their bytes, each checked against its record. */
export async function readRecordedArtifacts(client: PoolClient, runId: string, kinds: readonly ArtifactKind[]): Promise<ArtifactWithData[]> {
  const { rows } = await client.query<{ kind: ArtifactKind; path: string; bytes: string; sha256: string; content: Buffer | null }>(
    'SELECT kind, path, bytes, sha256, content FROM report_artifacts WHERE run_id = $1 AND kind = ANY($2) ORDER BY kind', [runId, kinds]);
  const missing = kinds.filter((k) => !rows.some((r) => r.kind === k));
  if (missing.length > 0) throw new ArtifactsMissingError(`run ${runId} has no recorded ${missing.join(', ')}: render the reports first (\`report resend ${runId} --render\`)`);
  return rows.map((r) => {
    const data = recordedBytes(runId, r);
    if (data.length !== Number(r.bytes) || sha256(data) !== r.sha256) {
      throw new ArtifactChecksumError(`the ${r.kind} of ${runId} no longer matches its recorded sha256 ${r.sha256}: re-render with \`report resend ${runId} --render\``);
    }
    return { kind: r.kind, path: r.path, bytes: Number(r.bytes), sha256: r.sha256, data };
  });
}

/** Which reports a mail carried: a digest over the artifacts' kinds and checksums. */
export function artifactsDigest(artifacts: readonly ReportArtifact[]): string {
  return sha256([...artifacts].sort((a, b) => a.kind.localeCompare(b.kind)).map((a) => `${a.kind}:${a.sha256}`).join('\n'));
}
