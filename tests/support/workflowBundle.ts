/**
 * The workflows bundled once per integration run (by the globalSetup) for every in-process test
 * worker: bundling them is seconds of CPU, and `withWorker` creates some twenty workers.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { WorkflowBundlePath } from '@temporalio/worker';
import { writeWorkflowBundleTo } from '../../worker/workflowBundle';
import { TEST_DATA_DIR } from './stackProcess';

const BUNDLE_ENV = 'TEST_WORKFLOW_BUNDLE';

/** Bundles the workflows into the test data dir and names the file for the test files' workers. */
export async function writeWorkflowBundle(): Promise<void> {
  fs.mkdirSync(TEST_DATA_DIR, { recursive: true });
  const codePath = path.join(TEST_DATA_DIR, 'workflow-bundle.js');
  await writeWorkflowBundleTo(codePath);
  process.env[BUNDLE_ENV] = codePath;
}

/** The bundle written above, when this run's globalSetup wrote one. */
export function testWorkflowBundle(): WorkflowBundlePath | undefined {
  const codePath = process.env[BUNDLE_ENV];
  return codePath ? { codePath } : undefined;
}
