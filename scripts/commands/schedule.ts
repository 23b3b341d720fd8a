/**
 * `schedule create|list|describe|pause|resume|trigger|delete`: the weekly refresh as a
 * Temporal Schedule. Defaults come from the environment (SCHEDULE_ID, SCHEDULE_DAY,
 * SCHEDULE_TIME, SCHEDULE_TIMEZONE, SOURCE_CONFIG); flags override them.
 */
import { Option, type Command } from 'commander';
import type { ScheduleDescription, ScheduleSummary } from '@temporalio/client';
import { loadSourceConfigFile } from '../../config/load';
import { loadConfig } from '../../infra/config';
import { OVERLAP_POLICIES, overlapPolicy, upsertWeeklySchedule, type OverlapPolicyName } from '../lib/schedule';
import { withClient } from '../lib/temporalClient';

const DAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

interface CreateOptions {
  id?: string;
  day?: string;
  at?: string;
  timezone?: string;
  overlap: OverlapPolicyName;
  catchupWindow: string;
  config?: string;
  allowOutside?: boolean;
  paused?: boolean;
  note?: string;
}

const times = (dates: Date[]) => dates.map((d) => d.toISOString()).join(', ') || '—';

function describeLine(id: string, paused: boolean, next: Date[], recent: Array<{ scheduledAt: Date; action: { workflow: { workflowId: string } } }>): string {
  const last = recent.at(-1);
  return `${id}  ${paused ? 'paused' : 'active'}  next: ${times(next.slice(0, 1))}  last: ${last ? `${last.scheduledAt.toISOString()} (${last.action.workflow.workflowId})` : '—'}`;
}

function printDescription(d: ScheduleDescription): void {
  const calendars = d.spec.calendars ?? [];
  console.log(`schedule ${d.scheduleId}: ${d.state.paused ? 'paused' : 'active'}${d.state.note ? ` (${d.state.note})` : ''}`);
  for (const c of calendars) console.log(`  when: ${c.comment ?? JSON.stringify(c)}`);
  console.log(`  time zone: ${d.spec.timezone ?? 'UTC'}`);
  console.log(`  overlap: ${d.policies.overlap}; catch-up window: ${d.policies.catchupWindow / 1000} s; pause on failure: ${d.policies.pauseOnFailure}`);
  if (d.action.type === 'startWorkflow') console.log(`  action: ${d.action.workflowType} on task queue ${d.action.taskQueue}, workflow id ${d.action.workflowId}-<scheduled time>`);
  console.log(`  actions taken: ${d.info.numActionsTaken}, missed (catch-up window): ${d.info.numActionsMissedCatchupWindow}, skipped (overlap): ${d.info.numActionsSkippedOverlap}`);
  console.log(`  next: ${times(d.info.nextActionTimes.slice(0, 3))}`);
  for (const r of d.info.recentActions) console.log(`  ran: scheduled ${r.scheduledAt.toISOString()}, taken ${r.takenAt.toISOString()} → ${r.action.workflow.workflowId}`);
  for (const w of d.info.runningActions) console.log(`  running: ${w.workflow.workflowId}`);
}

export function registerScheduleCommand(program: Command): void {
  const env = loadConfig().schedule;
  const schedule = program.command('schedule').description('the weekly refresh schedule (Temporal Schedules)');

  schedule
    .command('create')
    .description('create the weekly refresh schedule, or update it when it exists')
    .option('--id <id>', `schedule id (default $SCHEDULE_ID = ${env.id})`)
    .addOption(new Option('--day <day>', `day of the week (default $SCHEDULE_DAY = ${env.day})`).choices(DAYS))
    .option('--at <HH:MM>', `local time (default $SCHEDULE_TIME = ${env.time})`)
    .option('--timezone <zone>', `IANA time zone of --day/--at (default $SCHEDULE_TIMEZONE = ${env.timeZone})`)
    .addOption(new Option('--overlap <policy>', 'when the previous run is still going').choices(OVERLAP_POLICIES).default('buffer_one'))
    .option('--catchup-window <duration>', 'how late a missed run (server down) may still start', '1 day')
    .option('--config <file>', 'source config (JSON) the runs use; default $SOURCE_CONFIG')
    .option('--allow-outside', 'let the config name source files outside its folder (or ALLOW_SOURCES_OUTSIDE_CONFIG=1)')
    .option('--paused', 'create it paused')
    .option('--note <text>', 'a note shown with the schedule')
    .action(async (opts: CreateOptions) => {
      await withClient(async (client, config) => {
        const configPath = opts.config ?? config.sourceConfigPath;
        const s = {
          scheduleId: opts.id ?? env.id, day: opts.day ?? env.day, time: opts.at ?? env.time, timeZone: opts.timezone ?? env.timeZone,
          overlap: opts.overlap, catchupWindow: opts.catchupWindow, taskQueue: config.temporal.taskQueue,
          sourceConfig: loadSourceConfigFile(configPath, { allowOutside: opts.allowOutside || config.allowSourcesOutsideConfig }), paused: opts.paused, note: opts.note ?? `sources: ${configPath}`,
        };
        const { handle, created } = await upsertWeeklySchedule(client, s);
        console.error(`${created ? 'created' : 'updated'} schedule ${s.scheduleId}: every ${s.day} ${s.time} ${s.timeZone}, overlap ${s.overlap}, catch-up window ${s.catchupWindow}`);
        printDescription(await handle.describe());
      });
    });

  schedule
    .command('list')
    .description('all schedules with their state and next run')
    .action(async () => {
      await withClient(async (client) => {
        const summaries: ScheduleSummary[] = [];
        for await (const summary of client.schedule.list()) summaries.push(summary);
        if (summaries.length === 0) console.log('no schedules (create one with `schedule create`)');
        for (const s of summaries) console.log(describeLine(s.scheduleId, s.state.paused, s.info.nextActionTimes, s.info.recentActions));
      });
    });

  const byId = (name: string, description: string, act: (id: string, opts: { note?: string; overlap?: OverlapPolicyName }) => Promise<void>) =>
    schedule.command(`${name} [id]`).description(`${description} (default id $SCHEDULE_ID = ${env.id})`).action(act);

  byId('describe', 'spec, policies, recent and next runs', (id) =>
    withClient(async (client) => printDescription(await client.schedule.getHandle(id ?? env.id).describe())));

  byId('pause', 'stop taking actions until resumed', (id, opts) =>
    withClient(async (client) => {
      await client.schedule.getHandle(id ?? env.id).pause(opts.note ?? 'paused from the CLI');
      console.error(`paused ${id ?? env.id}`);
    })).option('--note <text>', 'why');

  byId('resume', 'take actions again', (id, opts) =>
    withClient(async (client) => {
      await client.schedule.getHandle(id ?? env.id).unpause(opts.note ?? 'resumed from the CLI');
      console.error(`resumed ${id ?? env.id}`);
    })).option('--note <text>', 'why');

  byId('trigger', 'run once now (the run derives its as-of date from now)', (id, opts) =>
    withClient(async (client) => {
      await client.schedule.getHandle(id ?? env.id).trigger(opts.overlap ? overlapPolicy(opts.overlap) : undefined);
      console.error(`triggered ${id ?? env.id}; see \`schedule describe\` for the workflow id`);
    })).addOption(new Option('--overlap <policy>', 'overlap policy for this run (default: the schedule\'s)').choices(OVERLAP_POLICIES));

  byId('delete', 'delete the schedule (runs already started are not affected)', (id) =>
    withClient(async (client) => {
      await client.schedule.getHandle(id ?? env.id).delete();
      console.error(`deleted ${id ?? env.id}`);
    }));
}
