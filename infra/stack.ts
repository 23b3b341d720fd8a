/**
 * The local stack: PostgreSQL (DATABASE_URL or embedded) and Temporal (TEMPORAL_ADDRESS or a
 * dev server), migrated and ready, and an SMTP sink keeping mail under OUT_DIR/mail (SMTP_URL
 * or the sink). Its endpoints are written to `<dataDir>/stack.json` so
 * that CLI commands in other terminals find a running stack.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig, type AppConfig } from './config';
import { embeddedDataDir } from './embeddedDataDir';
import { startEmbeddedPostgres } from './embeddedPostgres';
import { createDb, migrateToLatest } from './postgres';
import { startSmtpSink } from './smtpSink';
import { startDevServer, temporalAnswers } from './temporalServer';
import { checkPiiSalt, writePrivateFile } from './credentials';

export interface StackEndpoints {
  databaseUrl: string;
  temporalAddress: string;
  namespace: string;
  uiUrl?: string;
  /** SMTP_URL, or the local sink's URL. */
  smtpUrl?: string;
}

/** The configuration a worker uses against these endpoints (their database; the local SMTP sink when SMTP_URL is unset). */
export function configForEndpoints(config: AppConfig, endpoints: StackEndpoints): AppConfig {
  return { ...config, databaseUrl: config.databaseUrl ?? endpoints.databaseUrl, smtpUrl: config.smtpUrl ?? endpoints.smtpUrl };
}

export interface LocalStack extends StackEndpoints {
  stop(): Promise<void>;
}

export interface StackOptions {
  pgPort: number;
  temporalPort: number;
  uiPort: number;
  log?: (message: string) => void;
}

const offset = loadConfig().localPortOffset;
export const DEFAULT_STACK_PORTS: Omit<StackOptions, 'log'> = { pgPort: 54329 + offset, temporalPort: 7233 + offset, uiPort: 8233 + offset };

/** Where a running local stack keeps its endpoints (mode 0600: they carry credentials). */
export const stackFile = (config: Pick<AppConfig, 'dataDir'>) => path.join(config.dataDir, 'stack.json');

export async function startLocalStack(config: AppConfig, options: StackOptions): Promise<LocalStack> {
  const log = options.log ?? console.error;
  const stoppers: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const s of stoppers.reverse()) await s().catch((e: unknown) => log(`stop failed: ${String(e)}`));
  };
  try {
    fs.mkdirSync(config.dataDir, { recursive: true });
    let databaseUrl = config.databaseUrl;
    if (!databaseUrl) {
      log(`starting embedded PostgreSQL on port ${options.pgPort} (data in ${embeddedDataDir(config.dataDir)})`);
      const pg = await startEmbeddedPostgres(config.dataDir, options.pgPort);
      stoppers.push(pg.stop);
      databaseUrl = pg.url;
    }
    const db = createDb(databaseUrl, 2);
    try {
      await migrateToLatest(db);
    } finally {
      await db.destroy();
    }

    let temporalAddress = config.temporal.address;
    let uiUrl: string | undefined;
    if (!temporalAddress) {
      const local = `127.0.0.1:${options.temporalPort}`;
      if (await temporalAnswers(local)) {
        log(`reusing the Temporal server already answering at ${local}`);
        temporalAddress = local;
      } else {
        log(`starting Temporal dev server on ${local} (history in ${path.relative(config.projectRoot, config.dataDir)}/temporal.sqlite)`);
        const server = await startDevServer({
          projectRoot: config.projectRoot,
          dataDir: config.dataDir,
          cliPath: config.temporal.cliPath,
          port: options.temporalPort,
          uiPort: options.uiPort,
          namespace: config.temporal.namespace,
          log,
        });
        stoppers.push(server.stop);
        temporalAddress = server.address;
        uiUrl = server.uiUrl;
      }
    }
    let smtpUrl = config.smtpUrl;
    if (!smtpUrl) {
      const sink = await startSmtpSink(path.join(config.outDir, 'mail'));
      stoppers.push(sink.stop);
      smtpUrl = sink.url;
      log(`SMTP sink at ${smtpUrl} keeps mail in ${path.relative(config.projectRoot, path.join(config.outDir, 'mail'))}/`);
    }
    const endpoints: StackEndpoints = { databaseUrl, temporalAddress, namespace: config.temporal.namespace, uiUrl, smtpUrl };
    const saltWarning = checkPiiSalt(config, endpoints);
    if (saltWarning) log(saltWarning);
    // It holds the database password: owner-only.
    writePrivateFile(stackFile(config), JSON.stringify(endpoints, null, 2));
    stoppers.push(async () => fs.rmSync(stackFile(config), { force: true }));
    return { ...endpoints, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * Endpoints for a command: the environment's when set, otherwise those of a running local
 * stack (`npm run stack` or a demo in progress).
 */
export async function resolveEndpoints(config: AppConfig): Promise<StackEndpoints> {
  let running: Partial<StackEndpoints> = {};
  if (fs.existsSync(stackFile(config))) running = JSON.parse(fs.readFileSync(stackFile(config), 'utf8')) as StackEndpoints;
  const databaseUrl = config.databaseUrl ?? running.databaseUrl;
  const temporalAddress = config.temporal.address ?? running.temporalAddress;
  if (!databaseUrl || !temporalAddress || !(await temporalAnswers(temporalAddress))) {
    throw new Error('no running stack: start one with `npm run stack` (embedded PostgreSQL + Temporal + worker), or set DATABASE_URL and TEMPORAL_ADDRESS');
  }
  return { databaseUrl, temporalAddress, namespace: config.temporal.namespace, uiUrl: running.uiUrl, smtpUrl: config.smtpUrl ?? running.smtpUrl };
}
