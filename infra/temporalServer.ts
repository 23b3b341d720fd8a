/**
 * Starts a local Temporal dev server (`temporal server start-dev`) whose SQLite history
 * lives under the data dir, so runs survive restarts, and waits until it answers.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { findOrInstallTemporalCli } from './temporalCli';

export interface DevServer {
  address: string;
  uiUrl?: string;
  stop(): Promise<void>;
}

export interface DevServerOptions {
  projectRoot: string;
  dataDir: string;
  cliPath?: string;
  port: number;
  uiPort: number;
  namespace: string;
  log?: (message: string) => void;
}

/** True when a Temporal frontend answers at `address` within the timeout. */
export async function temporalAnswers(address: string, timeoutMs = 2_000): Promise<boolean> {
  try {
    const connection = await Connection.connect({ address, connectTimeout: timeoutMs });
    try {
      await connection.workflowService.getSystemInfo({});
      return true;
    } finally {
      await connection.close();
    }
  } catch {
    return false;
  }
}

async function waitUntilAnswers(address: string, child: ChildProcess, deadlineMs: number): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`temporal dev server exited with code ${child.exitCode}`);
    if (await temporalAnswers(address)) return;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`temporal dev server did not answer at ${address} within ${deadlineMs / 1000}s`);
}

export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  const log = options.log ?? console.error;
  const cli = findOrInstallTemporalCli(options.projectRoot, options.cliPath, log);
  if (!cli) return startWithSdkDownload(options);

  fs.mkdirSync(options.dataDir, { recursive: true });
  const dbFile = path.join(options.dataDir, 'temporal.sqlite');
  const args = [
    'server', 'start-dev',
    '--db-filename', dbFile,
    '--ip', '127.0.0.1',
    '--port', String(options.port),
    '--ui-port', String(options.uiPort),
    '--namespace', options.namespace,
    '--log-level', 'error',
  ];
  const logFile = fs.openSync(path.join(options.dataDir, 'temporal-server.log'), 'a');
  const child = spawn(cli, args, { stdio: ['ignore', logFile, logFile] });
  const address = `127.0.0.1:${options.port}`;
  await waitUntilAnswers(address, child, 60_000);
  return {
    address,
    uiUrl: `http://127.0.0.1:${options.uiPort}`,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      fs.closeSync(logFile);
    },
  };
}

/** Last resort on machines with internet: the SDK downloads and runs the dev server. */
async function startWithSdkDownload(options: DevServerOptions): Promise<DevServer> {
  (options.log ?? console.error)('no temporal CLI found or installable; using the SDK download');
  const { TestWorkflowEnvironment } = await import('@temporalio/testing');
  const env = await TestWorkflowEnvironment.createLocal({
    server: { ip: '127.0.0.1', port: options.port, uiPort: options.uiPort, namespace: options.namespace, dbFilename: path.join(options.dataDir, 'temporal.sqlite') },
  });
  return { address: env.address, uiUrl: `http://127.0.0.1:${options.uiPort}`, stop: () => env.teardown() };
}
