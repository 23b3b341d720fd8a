/** Client side of a refresh: start (or join) the run's workflow and follow its progress. */
import { WorkflowIdConflictPolicy, type Client, type WorkflowHandle } from '@temporalio/client';
import { SingleBar, MultiBar, Presets } from 'cli-progress';
import type { AppConfig } from '../../infra/config';
import type { refresh } from '../../workflows';
import { progressQuery } from '../../workflows/refresh';
import type { RefreshInput, RefreshProgress, RefreshResult, StageProgress } from '../../workflows/types';

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

/** How progress is shown: bars on a terminal, one line per change otherwise (logs, CI). */
function progressView(tty: boolean) {
  if (!tty) {
    const last = new Map<string, string>();
    return {
      show(stage: StageProgress) {
        const line = `${stage.name}: ${stage.status} ${stage.done}/${stage.total}`;
        if (last.get(stage.name) !== line) console.error(line);
        last.set(stage.name, line);
      },
      stop() {},
    };
  }
  const multibar = new MultiBar({ format: ' {stage} |{bar}| {value}/{total} {status}', hideCursor: true, clearOnComplete: false }, Presets.shades_classic);
  const bars = new Map<string, SingleBar>();
  return {
    show(stage: StageProgress) {
      let bar = bars.get(stage.name);
      if (!bar) {
        bar = multibar.create(stage.total, 0, { stage: stage.name.padEnd(8), status: stage.status });
        bars.set(stage.name, bar);
      }
      bar.update(stage.done, { status: stage.status });
    },
    stop: () => multibar.stop(),
  };
}

/** Polls the progress query and shows each stage's progress until the workflow ends. */
export async function followRefresh(handle: WorkflowHandle<typeof refresh>, tty = Boolean(process.stderr.isTTY)): Promise<RefreshResult> {
  const outcome = handle.result();
  const view = progressView(tty);
  let finished = false;
  void outcome.finally(() => { finished = true; }).catch(() => undefined);
  const poll = async () => {
    const progress: RefreshProgress | undefined = await handle.query(progressQuery).catch(() => undefined);
    for (const stage of progress?.stages ?? []) view.show(stage);
  };
  try {
    while (!finished) {
      await poll();
      await Promise.race([outcome.catch(() => undefined), new Promise((r) => setTimeout(r, 500))]);
    }
    await poll(); // the final state of every stage
  } finally {
    view.stop();
  }
  return outcome;
}
