/**
 * The workflows bundled for the SDK's sandbox in a child process that exits once it has
 * written them. Bundling inside the worker (`workflowsPath`) runs webpack on the worker's own
 * heap, and the process kept what that grew to for as long as it served the queue: an idle
 * worker with two step threads held 598 MB RSS bundling in-process, 436 MB given the bundle.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { WorkflowBundle } from '@temporalio/worker';

/** The workflows' source, bundled by the SDK for its sandbox. */
const WORKFLOWS_PATH = path.join(__dirname, '..', 'workflows', 'index.ts');

const BUNDLER = path.join(__dirname, 'bundleWorkflows.cjs');

/** Writes the bundle to `codePath` (the integration tests' one bundle for all their workers). */
export async function writeWorkflowBundleTo(codePath: string): Promise<void> {
  await promisify(execFile)(process.execPath, [BUNDLER, WORKFLOWS_PATH, codePath], { maxBuffer: 16 * 2 ** 20 });
}

export async function bundleWorkflows(): Promise<WorkflowBundle> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'workflow-bundle-'));
  try {
    const codePath = path.join(dir, 'workflows.js');
    await writeWorkflowBundleTo(codePath);
    return { code: fs.readFileSync(codePath, 'utf8') };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
