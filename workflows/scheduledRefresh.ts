/**
 * What a schedule starts each week: derives the period from the schedule's action time and
 * runs that period's refresh as the child `refresh-<asOf>`. The as-of date is the last
 * complete day before the scheduled time in the source config's time zone (periods.ts), read
 * from the `TemporalScheduledStartTime` search attribute the schedule sets on every action —
 * a value fixed in history, so the derivation replays identically.
 */
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { ApplicationFailure, workflowInfo } from '@temporalio/workflow';
import type { SourceConfig } from '../config/sources';
import { scheduledAsOf } from './periods';
import { startRefreshChild } from './refreshChild';
import { refreshWorkflowId } from '../contract/refresh';

export const SCHEDULED_START_TIME = defineSearchAttributeKey('TemporalScheduledStartTime', SearchAttributeType.DATETIME);

export interface ScheduledRefreshInput {
  sourceConfig: SourceConfig;
}

export interface ScheduledRefreshResult {
  asOf: string;
  scheduledAt: string;
  workflowId: string;
  /** True when the period's refresh was already running (started by hand): it was left to finish. */
  alreadyRunning: boolean;
}

export async function scheduledRefresh(input: ScheduledRefreshInput): Promise<ScheduledRefreshResult> {
  const scheduledAt = workflowInfo().typedSearchAttributes.get(SCHEDULED_START_TIME);
  if (!scheduledAt) {
    throw ApplicationFailure.nonRetryable('scheduledRefresh is started by a schedule (TemporalScheduledStartTime is not set); run `refresh --as-of` instead', 'NotScheduledError');
  }
  const asOf = scheduledAsOf(scheduledAt, input.sourceConfig.timezone);
  const child = await startRefreshChild({ asOf, sourceConfig: input.sourceConfig });
  if (child) await child.result();
  return { asOf, scheduledAt: scheduledAt.toISOString(), workflowId: refreshWorkflowId(asOf), alreadyRunning: child === null };
}
