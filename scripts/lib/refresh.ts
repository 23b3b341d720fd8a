/** Client side of a refresh: start (or join) the run's workflow and follow its progress. */
import { WorkflowIdConflictPolicy, type Client, type WorkflowHandle } from '@temporalio/client';
import { SingleBar, MultiBar, Presets } from 'cli-progress';
import type { AppConfig } from '../../infra/config';
import type { refresh } from '../../workflows';
import { progressQuery } from '../../workflows/refresh';
import { refreshWorkflowId, type RefreshInput, type RefreshResult } from '../../contract/refresh';

export { refreshWorkflowId };

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

/** One line of progress: a stage of a refresh, or the periods of a backfill. */
export interface ProgressItem {
  name: string;
  status: string;
  done: number;
  total: number;
}

/** How progress is shown: bars on a terminal, one line per change otherwise (logs, CI). */
function progressView(tty: boolean) {
  if (!tty) {
    const last = new Map<string, string>();
    return {
      show(item: ProgressItem) {
        const line = `${item.name}: ${item.status} ${item.done}/${item.total}`;
        if (last.get(item.name) !== line) console.error(line);
        last.set(item.name, line);
      },
      stop() {},
    };
  }
  const multibar = new MultiBar({ format: ' {stage} |{bar}| {value}/{total} {status}', hideCursor: true, clearOnComplete: false }, Presets.shades_classic);
  const bars = new Map<string, SingleBar>();
  return {
    show(item: ProgressItem) {
      let bar = bars.get(item.name);
      if (!bar) {
        bar = multibar.create(item.total, 0, { stage: item.name.padEnd(8), status: item.status });
        bars.set(item.name, bar);
      }
      // A stage's total grows once the run knows its parts (and the forecast's summary step).
      bar.setTotal(item.total);
      bar.update(item.done, { status: item.status });
    },
    stop: () => multibar.stop(),
  };
}

/** Polls `progress` (a workflow query) and shows it until `outcome` settles; returns the outcome. */
export async function followProgress<R>(outcome: Promise<R>, progress: () => Promise<ProgressItem[] | undefined>, tty = Boolean(process.stderr.isTTY)): Promise<R> {
  const view = progressView(tty);
  let finished = false;
  void outcome.finally(() => { finished = true; }).catch(() => undefined);
  const poll = async () => {
    for (const item of (await progress().catch(() => undefined)) ?? []) view.show(item);
  };
  try {
    while (!finished) {
      await poll();
      await Promise.race([outcome.catch(() => undefined), new Promise((r) => setTimeout(r, 500))]);
    }
    await poll(); // the final state of every item
  } finally {
    view.stop();
  }
  return outcome;
}

/** Follows a refresh: one bar per stage. */
export function followRefresh(handle: WorkflowHandle<typeof refresh>, tty = Boolean(process.stderr.isTTY)): Promise<RefreshResult> {
  return followProgress(handle.result(), async () => (await handle.query(progressQuery)).stages, tty);
}
