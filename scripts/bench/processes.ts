/**
 * What the benchmarks' processes use, sampled from /proc (Linux): each worker process's
 * resident memory (its threads included), and the CPU time of every process this benchmark
 * started — the worker processes, PostgreSQL's server and backends, the Temporal dev server —
 * so a CPU share above 100 % means more than one core was busy.
 */
import fs from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat's times (USER_HZ: 100 on Linux). */
const TICKS_PER_SECOND = 100;

export interface Sample {
  at: number;
  /** Resident set size in bytes per watched process id. */
  rss: Map<number, number>;
  /** CPU seconds used so far by this process and all its descendants. */
  cpuSeconds: number;
}

function rssBytes(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0; // exited
  }
}

/** ppid and user + system ticks of every process (the command name may hold spaces: parse after its closing parenthesis). */
function processTable(): Map<number, { ppid: number; ticks: number }> {
  const table = new Map<number, { ppid: number; ticks: number }>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      table.set(Number(entry), { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      // exited while listed
    }
  }
  return table;
}

/** The latest ticks of every descendant seen so far: a process that exits (a closed database connection) keeps what it used. */
const seenTicks = new Map<number, number>();

function descendantsCpuSeconds(root: number): number {
  const table = processTable();
  const children = new Map<number, number[]>();
  for (const [pid, { ppid }] of table) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  const stack = [root];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    seenTicks.set(pid, Math.max(seenTicks.get(pid) ?? 0, table.get(pid)?.ticks ?? 0));
    stack.push(...(children.get(pid) ?? []));
  }
  let ticks = 0;
  for (const t of seenTicks.values()) ticks += t;
  return ticks / TICKS_PER_SECOND;
}

/** Samples every `everyMs` until stopped; `watch` names the processes whose memory is kept. */
export function startSampler(watch: () => number[], everyMs = 250): { samples: Sample[]; stop(): void } {
  const samples: Sample[] = [];
  const take = () => samples.push({ at: Date.now(), rss: new Map(watch().map((pid) => [pid, rssBytes(pid)])), cpuSeconds: descendantsCpuSeconds(process.pid) });
  take();
  const timer = setInterval(take, everyMs);
  return { samples, stop: () => { clearInterval(timer); take(); } };
}

/** Peak RSS of `pid` over the samples in [from, to]. */
export function peakRss(samples: readonly Sample[], pid: number, from = -Infinity, to = Infinity): number {
  return Math.max(0, ...samples.filter((s) => s.at >= from && s.at <= to).map((s) => s.rss.get(pid) ?? 0));
}

/** When `pid` first reached its peak RSS (the sample's time), or undefined without samples of it. */
export function peakRssAt(samples: readonly Sample[], pid: number): number | undefined {
  const peak = peakRss(samples, pid);
  return samples.find((s) => peak > 0 && s.rss.get(pid) === peak)?.at;
}

/** CPU used over [from, to] as a share of one core (150 % = one and a half cores busy on average). */
export function cpuShare(samples: readonly Sample[], from: number, to: number): number {
  const before = [...samples].reverse().find((s) => s.at <= from) ?? samples[0];
  const after = samples.find((s) => s.at >= to) ?? samples[samples.length - 1];
  const seconds = (after.at - before.at) / 1000;
  return seconds > 0 ? (100 * (after.cpuSeconds - before.cpuSeconds)) / seconds : 0;
}
