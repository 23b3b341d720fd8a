/** Client side of a refresh: start (or join) the run's workflow and follow its progress. */
import { WorkflowIdConflictPolicy, type Client, type WorkflowHandle } from '@temporalio/client';
import { SingleBar, MultiBar, Presets } from 'cli-progress';
import type { AppConfig } from '../../infra/config';
import type { refresh } from '../../workflows';
import { progressQuery } from '../../workflows/refresh';
import type { RefreshInput, RefreshProgress, RefreshResult } from '../../workflows/types';

export function refreshWorkflowId(asOf: string): string {
  return `refresh-${asOf}`;
}

/**
 * Starts the refresh for `asOf`. The workflow id is the business key: starting the same
 * period while it runs joins the running workflow instead of starting a second one.
 */
export async function startRefresh(client: Client, config: AppConfig, input: RefreshInput): Promise<WorkflowHandle<typeof refresh>> {
  return client.workflow.start<typeof refresh>('refresh', {
    taskQueue: config.temporal.taskQueue,
    workflowId: refreshWorkflowId(input.asOf),
    workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
    args: [input],
  });
}

/** Polls the progress query and draws one bar per stage until the workflow ends. */
export async function followRefresh(handle: WorkflowHandle<typeof refresh>, showBars = process.stderr.isTTY): Promise<RefreshResult> {
  const outcome = handle.result();
  if (!showBars) return outcome;
  const multibar = new MultiBar({ format: ' {stage} |{bar}| {value}/{total} {status}', hideCursor: true, clearOnComplete: false }, Presets.shades_classic);
  const bars = new Map<string, SingleBar>();
  let finished = false;
  void outcome.finally(() => { finished = true; }).catch(() => undefined);
  try {
    while (!finished) {
      const progress: RefreshProgress | undefined = await handle.query(progressQuery).catch(() => undefined);
      for (const stage of progress?.stages ?? []) {
        let bar = bars.get(stage.name);
        if (!bar) {
          bar = multibar.create(stage.total, 0, { stage: stage.name.padEnd(8), status: stage.status });
          bars.set(stage.name, bar);
        }
        bar.update(stage.done, { status: stage.status });
      }
      await Promise.race([outcome.catch(() => undefined), new Promise((r) => setTimeout(r, 500))]);
    }
  } finally {
    multibar.stop();
  }
  return outcome;
}
