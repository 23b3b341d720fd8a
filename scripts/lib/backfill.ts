/** Client side of a backfill: start (or join) the backfill workflow for a range and follow it. */
import { WorkflowIdConflictPolicy, type Client, type WorkflowHandle } from '@temporalio/client';
import type { AppConfig } from '../../infra/config';
import type { backfill } from '../../workflows';
import { backfillProgressQuery, type BackfillInput, type BackfillResult } from '../../workflows/backfill';
import { followProgress } from './refresh';

export function backfillWorkflowId(input: Pick<BackfillInput, 'from' | 'to' | 'step'>): string {
  return `backfill-${input.from}-${input.to}-${input.step}`;
}

/** One backfill per range: starting the same range while it runs joins it; a finished one runs again. */
export async function startBackfill(client: Client, config: AppConfig, input: BackfillInput): Promise<WorkflowHandle<typeof backfill>> {
  return client.workflow.start<typeof backfill>('backfill', {
    taskQueue: config.temporal.taskQueue,
    workflowId: backfillWorkflowId(input),
    workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
    args: [input],
  });
}

/** Shows periods done / total with the periods running, until the backfill ends (across continue-as-new). */
export function followBackfill(handle: WorkflowHandle<typeof backfill>, tty = Boolean(process.stderr.isTTY)): Promise<BackfillResult> {
  return followProgress(handle.result(), async () => {
    const p = await handle.query(backfillProgressQuery);
    const status = p.running.length > 0 ? `running ${p.running.join(', ')}` : p.succeeded + p.failed === p.total ? 'done' : 'waiting';
    return [{ name: 'periods', status: `${status}${p.failed > 0 ? ` (${p.failed} failed)` : ''}`, done: p.succeeded + p.failed, total: p.total }];
  }, tty);
}
