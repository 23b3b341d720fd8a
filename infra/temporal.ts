/**
 * Connections to Temporal for clients and workers. The same code reaches a local dev
 * server, a self-hosted cluster (mTLS) or Temporal Cloud (API key) — only the
 * environment changes.
 */
import fs from 'node:fs';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
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

export function connectWorker(config: AppConfig, address: string): Promise<NativeConnection> {
  return NativeConnection.connect({ address, tls: tlsOptions(config), apiKey: config.temporal.apiKey });
}
