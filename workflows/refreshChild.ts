/**
 * How parent workflows (schedules, backfills) run one period's refresh: as a child with the
 * period's own id, `refresh-<asOf>` — the id a manual `refresh --as-of` uses. A closed run of
 * the period may be re-run (its activities replace the run's rows); a running one is not
 * started twice.
 */
import { WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy } from '@temporalio/common';
import { startChild, type ChildWorkflowHandle } from '@temporalio/workflow';
import { refresh } from './refresh';
import { refreshWorkflowId, type RefreshInput } from '../contract/refresh';

/** The period's refresh, started as a child; null when that period is already running elsewhere. */
export async function startRefreshChild(input: RefreshInput): Promise<ChildWorkflowHandle<typeof refresh> | null> {
  try {
    return await startChild(refresh, {
      workflowId: refreshWorkflowId(input.asOf),
      args: [input],
      workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
    });
  } catch (error) {
    if (error instanceof WorkflowExecutionAlreadyStartedError) return null;
    throw error;
  }
}
