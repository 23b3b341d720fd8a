/**
 * Connections to Temporal for clients and workers. The same code reaches a local dev
 * server, a self-hosted cluster (mTLS) or Temporal Cloud (API key) — only the
 * environment changes.
 */
import fs from 'node:fs';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import type { AppConfig } from './config';

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
 * The SDK's own logs (bundling, worker state changes) go through one runtime per process,
 * installed before the first worker connection: keep them at WARN so the pipeline's
 * structured logs stay readable.
 */
function installQuietRuntime(): void {
  if (runtimeInstalled) return;
  Runtime.install({ logger: new DefaultLogger('WARN') });
  runtimeInstalled = true;
}

export function connectWorker(config: AppConfig, address: string): Promise<NativeConnection> {
  installQuietRuntime();
  return NativeConnection.connect({ address, tls: tlsOptions(config), apiKey: config.temporal.apiKey });
}
