/**
 * The weekly refresh as a Temporal Schedule: a calendar spec (day, time, IANA time zone), an
 * explicit overlap policy and catch-up window, and an action that starts `scheduledRefresh`
 * with the parsed source config (a small JSON document) as its argument. Creating is an
 * upsert: an existing schedule with the same id is updated in place.
 */
import {
  ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client, type DayOfWeek, type ScheduleHandle, type ScheduleOptionsAction, type ScheduleSpec,
} from '@temporalio/client';
import type { SourceConfig } from '../../config/sources';

export const OVERLAP_POLICIES = ['skip', 'buffer_one', 'buffer_all', 'cancel_other', 'terminate_other', 'allow_all'] as const;
export type OverlapPolicyName = (typeof OVERLAP_POLICIES)[number];

export interface WeeklySchedule {
  scheduleId: string;
  /** Lower-case English day name. */
  day: string;
  /** HH:MM in `timeZone`. */
  time: string;
  timeZone: string;
  overlap: OverlapPolicyName;
  /** How late a missed action (server down at the time) may still run, e.g. "1 day". */
  catchupWindow: string;
  taskQueue: string;
  sourceConfig: SourceConfig;
  paused?: boolean;
  note?: string;
}

/** Workflow ids of scheduled runs start with this (the server appends the scheduled time). */
export const SCHEDULED_WORKFLOW_ID_PREFIX = 'scheduled-refresh';

export function overlapPolicy(name: OverlapPolicyName): ScheduleOverlapPolicy {
  return ScheduleOverlapPolicy[name.toUpperCase() as Uppercase<OverlapPolicyName>];
}

function weeklySpec(s: WeeklySchedule): ScheduleSpec {
  const match = /^(\d{2}):(\d{2})$/.exec(s.time);
  if (!match) throw new Error(`schedule time must be HH:MM, got ${s.time}`);
  const dayOfWeek = s.day.toUpperCase() as DayOfWeek;
  return {
    calendars: [{ dayOfWeek, hour: Number(match[1]), minute: Number(match[2]), comment: `weekly refresh, ${s.day} ${s.time} ${s.timeZone}` }],
    timezone: s.timeZone,
  };
}

function refreshAction(s: WeeklySchedule): ScheduleOptionsAction {
  return {
    type: 'startWorkflow',
    workflowType: 'scheduledRefresh',
    workflowId: SCHEDULED_WORKFLOW_ID_PREFIX,
    taskQueue: s.taskQueue,
    args: [{ sourceConfig: s.sourceConfig }],
  };
}

/** Creates the schedule, or updates it when one with this id exists. Returns whether it was created. */
export async function upsertWeeklySchedule(client: Client, s: WeeklySchedule): Promise<{ handle: ScheduleHandle; created: boolean }> {
  const spec = weeklySpec(s);
  const action = refreshAction(s);
  const policies = { overlap: overlapPolicy(s.overlap), catchupWindow: s.catchupWindow };
  try {
    const handle = await client.schedule.create({ scheduleId: s.scheduleId, spec, action, policies, state: { paused: s.paused ?? false, note: s.note } });
    return { handle, created: true };
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
    const handle = client.schedule.getHandle(s.scheduleId);
    await handle.update((previous) => ({ ...previous, spec, action, policies }));
    return { handle, created: false };
  }
}
