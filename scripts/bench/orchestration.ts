/**
 * How much of a workflow's wall time no activity was executing, from its history: the
 * orchestration overhead the end-to-end benchmark reports (definition in scripts/bench/e2e.ts).
 */
import type { temporal } from '@temporalio/proto';

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

const eventMs = (e: HistoryEvent) => Number(e.eventTime?.seconds ?? 0) * 1000 + Math.floor((e.eventTime?.nanos ?? 0) / 1e6);

/** Total length of the union of [start, end] intervals. */
export function coveredMs(intervals: Array<[number, number]>): number {
  let covered = 0;
  let reach = -Infinity;
  for (const [start, end] of [...intervals].sort((a, b) => a[0] - b[0])) {
    if (end <= reach) continue;
    covered += end - Math.max(start, reach);
    reach = end;
  }
  return covered;
}

/** The workflow's wall time and the union of its activities' execution intervals, from its history. */
export function orchestration(events: HistoryEvent[]): { wallMs: number; activityMs: number } {
  const started = new Map<number, number>(); // scheduled event id → started time
  const intervals: Array<[number, number]> = [];
  for (const e of events) {
    const s = e.activityTaskStartedEventAttributes;
    if (s) started.set(Number(s.scheduledEventId), eventMs(e));
    const closed = e.activityTaskCompletedEventAttributes ?? e.activityTaskFailedEventAttributes;
    const from = closed ? started.get(Number(closed.scheduledEventId)) : undefined;
    if (from !== undefined) intervals.push([from, eventMs(e)]);
  }
  return { wallMs: eventMs(events[events.length - 1]) - eventMs(events[0]), activityMs: coveredMs(intervals) };
}
