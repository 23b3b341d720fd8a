/** The orchestration share of the end-to-end benchmark, on a hand-made history. */
import { temporal } from '@temporalio/proto';
import { coveredMs, orchestration } from '../../../scripts/bench/orchestration';

const at = (ms: number) => ({ eventTime: { seconds: Math.floor(ms / 1000), nanos: (ms % 1000) * 1e6 } });

describe('coveredMs', () => {
  it('counts overlapping intervals once and gaps not at all', () => {
    expect(coveredMs([[0, 10], [5, 15], [20, 25]])).toBe(20);
    expect(coveredMs([[20, 25], [0, 30]])).toBe(30);
    expect(coveredMs([])).toBe(0);
  });
});

describe('orchestration', () => {
  it('wall time is first to last event; activity time is the union of started → closed intervals', () => {
    const events = [
      at(0), // workflow started
      { ...at(100), activityTaskScheduledEventAttributes: {} },
      { ...at(200), activityTaskStartedEventAttributes: { scheduledEventId: 2 } },
      { ...at(300), activityTaskScheduledEventAttributes: {} },
      { ...at(400), activityTaskStartedEventAttributes: { scheduledEventId: 4 } },
      { ...at(1200), activityTaskCompletedEventAttributes: { scheduledEventId: 2 } }, // 200–1200
      { ...at(1500), activityTaskFailedEventAttributes: { scheduledEventId: 4 } }, // 400–1500 (overlaps)
      at(2000), // workflow completed
    ];
    // Covered 200–1500 = 1300 ms of 2000 ms: 700 ms (35 %) with no activity running.
    expect(orchestration(events.map((e) => temporal.api.history.v1.HistoryEvent.fromObject(e)))).toEqual({ wallMs: 2000, activityMs: 1300 });
  });
});
