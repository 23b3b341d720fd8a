/**
 * Starts `scripts/stack.ts --no-worker` as a child process on test ports with a fresh data
 * dir, and returns its endpoints. Used once per jest run by the integration globalSetup,
 * unless DATABASE_URL and TEMPORAL_ADDRESS already point at services.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../infra/config';
import { embeddedDataDir } from '../../infra/embeddedDataDir';
import type { StackEndpoints } from '../../infra/stack';

export const ROOT = path.resolve(__dirname, '..', '..');
export const TEST_DATA_DIR = path.join(ROOT, '.data', 'test');

/** Fixed test ports, shifted by LOCAL_PORT_OFFSET like the local stack's. */
function testPorts(): string[] {
  const offset = loadConfig().localPortOffset;
  return ['--pg-port', String(54339 + offset), '--temporal-port', String(7244 + offset), '--ui-port', String(8244 + offset)];
}

export async function startStackProcess(): Promise<{ child: ChildProcess; endpoints: StackEndpoints }> {
  fs.rmSync(TEST_DATA_DIR, { recursive: true, force: true });
  fs.rmSync(embeddedDataDir(TEST_DATA_DIR), { recursive: true, force: true }); // when it lives outside (clone under /root)
  fs.mkdirSync(TEST_DATA_DIR, { recursive: true });
  const child = spawn(path.join(ROOT, 'node_modules', '.bin', 'tsx'), ['scripts/stack.ts', '--no-worker', '--stop-when-stdin-closes', ...testPorts()], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: TEST_DATA_DIR, OUT_DIR: path.join(TEST_DATA_DIR, 'out'), DATABASE_URL: '', TEMPORAL_ADDRESS: '', SMTP_URL: '' },
    // A test run killed before its teardown (npm test stops the others when one fails) still stops its stack.
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  const endpoints = await new Promise<StackEndpoints>((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => reject(new Error(`stack did not start within 10 minutes:\n${stderr}`)), 600_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /STACK_READY (\{.*\})/.exec(stdout);
      if (match) {
        clearTimeout(timer);
        const { stackFile } = JSON.parse(match[1]) as { stackFile: string };
        resolve(JSON.parse(fs.readFileSync(stackFile, 'utf8')) as StackEndpoints);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`stack exited with code ${code}:\n${stderr}`));
    });
  });
  return { child, endpoints };
}
