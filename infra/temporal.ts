/**
 * Connections to Temporal for clients and workers. The same code reaches a local dev
 * server, a self-hosted cluster (mTLS) or Temporal Cloud (API key) — only the
 * environment changes.
 */
import fs from 'node:fs';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, type LogEntry } from '@temporalio/worker';
import type { AppConfig } from './config';
import { logger } from './logging';

function tlsOptions(config: AppConfig) {
  const { tlsCertPath, tlsKeyPath, apiKey } = config.temporal;
  if (tlsCertPath && tlsKeyPath) {
    return { clientCertPair: { crt: fs.readFileSync(tlsCertPath), key: fs.readFileSync(tlsKeyPath) } };
  }
  return apiKey ? true : undefined;
}

export async function connectClient(config: AppConfig, address: string): Promise<Client> {
  const connection = await Connection.connect({ address, tls: tlsOptions(config), apiKey: config.temporal.apiKey });
  return new Client({ connection, namespace: config.temporal.namespace });
}

let runtimeInstalled = false;

/**
 * One SDK log entry as a line of the pipeline's own log (the file a command logs to, or stdout),
 * not stderr where the SDK writes by default. pino serializes an Error only under `err`.
 */
const PINO_LEVEL = { TRACE: 'trace', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error' } as const satisfies Record<LogEntry['level'], string>;

function toPipelineLog({ level, message, meta }: LogEntry): void {
  const { error, ...rest } = meta ?? {};
  logger[PINO_LEVEL[level]]({ component: 'temporal-sdk', ...rest, ...(error === undefined ? {} : { err: error }) }, message);
}

/**
 * The SDK's own logs (bundling, worker state changes, failed workflows) go through one runtime
 * per process, installed before the first worker connection: kept at WARN and written to the
 * pipeline's log, so the terminal of a command shows its progress, not the SDK's lines.
 */
function installQuietRuntime(): void {
  if (runtimeInstalled) return;
  Runtime.install({ logger: new DefaultLogger('WARN', toPipelineLog) });
  runtimeInstalled = true;
}

export function connectWorker(config: AppConfig, address: string): Promise<NativeConnection> {
  installQuietRuntime();
  return NativeConnection.connect({ address, tls: tlsOptions(config), apiKey: config.temporal.apiKey });
}
