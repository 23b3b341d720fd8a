/**
 * A backfill: one refresh per period over a date range, each the child `refresh-<asOf>`
 * (re-running a period replaces its results), at most `concurrency` at a time, oldest first.
 * After `periodsPerExecution` periods (or when Temporal suggests it) it waits for its running
 * children and continues as new, carrying the outcomes, so the history of a long range stays
 * small. Cancelling the backfill cancels its running children. A failed period does not stop
 * the others; the backfill fails at the end, naming every failed period.
 */
import {
  ApplicationFailure, CancellationScope, CancelledFailure, continueAsNew, defineQuery, isCancellation, setHandler, workflowInfo,
} from '@temporalio/workflow';
import type { SourceConfig } from '../config/sources';
import { backfillPeriods, type BackfillStep } from './periods';
import { rootMessage } from './refresh';
import { startRefreshChild } from './refreshChild';

export interface PeriodOutcome {
  asOf: string;
  status: 'pending' | 'running' | 'succeeded' | 'failed' | 'cancelled';
  /** Why the period failed, or that its refresh was already running elsewhere. */
  error?: string;
}

export interface BackfillInput {
  from: string;
  to: string;
  step: BackfillStep;
  concurrency: number;
  sourceConfig: SourceConfig;
  /** Periods started by one execution before it continues as new; default 100. */
  periodsPerExecution?: number;
  /** Outcomes so far and the execution number, carried across continue-as-new (absent on the first). */
  outcomes?: PeriodOutcome[];
  execution?: number;
}

export interface BackfillProgress {
  from: string;
  to: string;
  step: BackfillStep;
  total: number;
  succeeded: number;
  failed: number;
  running: string[];
  /** Executions so far (1 + continue-as-new count). */
  execution: number;
  periods: PeriodOutcome[];
}

export interface BackfillResult {
  periods: PeriodOutcome[];
}

export const backfillProgressQuery = defineQuery<BackfillProgress>('backfillProgress');

const DEFAULT_PERIODS_PER_EXECUTION = 100;

export async function backfill(input: BackfillInput): Promise<BackfillResult> {
  const outcomes: PeriodOutcome[] = input.outcomes ?? backfillPeriods(input.from, input.to, input.step).map((asOf) => ({ asOf, status: 'pending' }));
  const execution = input.execution ?? 1;
  setHandler(backfillProgressQuery, () => ({
    from: input.from,
    to: input.to,
    step: input.step,
    total: outcomes.length,
    succeeded: outcomes.filter((o) => o.status === 'succeeded').length,
    failed: outcomes.filter((o) => o.status === 'failed').length,
    running: outcomes.filter((o) => o.status === 'running').map((o) => o.asOf),
    execution,
    periods: outcomes,
  }));

  const runPeriod = async (outcome: PeriodOutcome): Promise<void> => {
    outcome.status = 'running';
    try {
      const child = await startRefreshChild({ asOf: outcome.asOf, sourceConfig: input.sourceConfig });
      if (!child) throw new Error(`refresh-${outcome.asOf} is already running (started elsewhere); re-run this period when it ends`);
      await child.result();
      outcome.status = 'succeeded';
    } catch (error) {
      outcome.status = isCancellation(error) ? 'cancelled' : 'failed';
      outcome.error = error instanceof Error ? rootMessage(error) : String(error);
    }
  };

  const limit = input.periodsPerExecution ?? DEFAULT_PERIODS_PER_EXECUTION;
  const running = new Set<Promise<void>>();
  let started = 0;
  const cancelled = () => CancellationScope.current().consideredCancelled;
  for (const outcome of outcomes) {
    if (outcome.status !== 'pending') continue;
    if (cancelled() || started >= limit || (started > 0 && workflowInfo().continueAsNewSuggested)) break;
    while (running.size >= input.concurrency) await Promise.race(running);
    if (cancelled()) break;
    const period: Promise<void> = runPeriod(outcome).then(() => { running.delete(period); });
    running.add(period);
    started++;
  }
  // Children are terminated when their parent closes: never continue as new or end with one running.
  await Promise.all(running);

  if (cancelled()) throw new CancelledFailure('backfill cancelled');
  if (outcomes.some((o) => o.status === 'pending')) {
    await continueAsNew<typeof backfill>({ ...input, outcomes, execution: execution + 1 });
  }
  const failed = outcomes.filter((o) => o.status !== 'succeeded');
  if (failed.length > 0) {
    throw ApplicationFailure.nonRetryable(
      `${failed.length} of ${outcomes.length} periods did not complete: ${failed.map((o) => `${o.asOf} (${o.error ?? o.status})`).join('; ')}`,
      'BackfillIncompleteError',
      { periods: outcomes },
    );
  }
  return { periods: outcomes };
}
