/**
 * Integration lanes: the integration suites run in several jest workers at once on one stack,
 * each worker (a lane) in a database and a Temporal namespace of its own, so that suites using
 * the same as-of dates — the same run ids and workflow ids — never meet. Within a lane the
 * suites run one after another, as they did on one database. The globalSetup creates the lanes
 * (prepareLanes); every test file enters its worker's lane before it starts (laneEnv.ts).
 */
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { createDb, migrateToLatest } from '../../infra/postgres';

/** The stack's database URL and the test output dir, before any lane changes them. */
const BASE_DATABASE_URL = 'TEST_BASE_DATABASE_URL';
const BASE_OUT_DIR = 'TEST_BASE_OUT_DIR';

export interface Lane {
  database: string;
  databaseUrl: string;
  namespace: string;
  outDir: string;
}

export function lane(index: number, env: NodeJS.ProcessEnv = process.env): Lane {
  const base = env[BASE_DATABASE_URL];
  const outDir = env[BASE_OUT_DIR];
  if (!base || !outDir) throw new Error('integration lanes: the globalSetup did not run (TEST_BASE_DATABASE_URL is unset)');
  const url = new URL(base);
  const database = `${url.pathname.slice(1)}_lane${index}`;
  url.pathname = `/${database}`;
  return { database, databaseUrl: url.toString(), namespace: `test-lane${index}`, outDir: path.join(outDir, `lane${index}`) };
}

/** Creates `count` lanes afresh on the stack: a migrated database and a namespace each. */
export async function prepareLanes(count: number, databaseUrl: string, temporalAddress: string, outDir: string): Promise<void> {
  process.env[BASE_DATABASE_URL] = databaseUrl;
  process.env[BASE_OUT_DIR] = outDir;
  const lanes = Array.from({ length: count }, (_, i) => lane(i + 1));
  const admin = createDb(databaseUrl, 1);
  try {
    for (const { database } of lanes) {
      await admin.raw(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await admin.raw(`CREATE DATABASE ${database}`);
    }
  } finally {
    await admin.destroy();
  }
  await Promise.all(lanes.map(async ({ databaseUrl: url }) => {
    const db = createDb(url, 1);
    try {
      await migrateToLatest(db);
    } finally {
      await db.destroy();
    }
  }));
  const connection = await Connection.connect({ address: temporalAddress });
  try {
    for (const { namespace } of lanes) {
      await connection.workflowService.registerNamespace({ namespace, workflowExecutionRetentionPeriod: msToTs('7 days') }).catch((error: unknown) => {
        // A namespace left by an earlier run on the same server: its workflows are that run's.
        if (!/already exists|AlreadyExists/i.test(String((error as Error).message))) throw error;
      });
    }
  } finally {
    await connection.close();
  }
}
