/**
 * The calendar's hot paths beside Luxon's own calls: reading wall-clock timestamps in a zone
 * (clean reads every timestamp of a run), zone offsets, and labelling days with their ISO week
 * (the forecast's period series). Prints CPU milliseconds and how many results differ.
 *
 *   npm run bench:calendar            # 1,500,000 timestamps in Asia/Shanghai
 *   N=300000 ZONE=America/New_York npm run bench:calendar
 */
import { DateTime, IANAZone } from 'luxon';
import { civilDate, formatPeriod, MS_PER_DAY, periodContaining, zonedToInstant, zoneOffsetMinutes, type CivilTime } from '../../analytics/calendar';

const N = Number(process.env.N ?? 1_500_000);
const ZONE = process.env.ZONE ?? 'Asia/Shanghai';

/** Wall-clock times spread over three years, every second of the day equally likely. */
function wallTimes(): CivilTime[] {
  const start = Date.UTC(2023, 10, 20);
  return Array.from({ length: N }, (_, i) => {
    const d = new Date(start + ((i * 7919) % (3 * 365)) * MS_PER_DAY + ((i * 104_729) % 86_400) * 1000);
    return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds() };
  });
}

function cpuMs<T>(run: () => T): { ms: number; result: T } {
  const before = process.cpuUsage();
  const result = run();
  const used = process.cpuUsage(before);
  return { ms: (used.user + used.system) / 1000, result };
}

function report<T>(task: string, ours: () => T[], luxon: () => T[]): void {
  const a = cpuMs(ours);
  const b = cpuMs(luxon);
  const differ = a.result.filter((value, i) => value !== b.result[i]).length;
  console.log(`${task.padEnd(34)} calendar ${a.ms.toFixed(0).padStart(6)} ms   Luxon ${b.ms.toFixed(0).padStart(6)} ms   ×${(b.ms / a.ms).toFixed(1).padStart(5)}   differ on ${differ} of ${N}`);
}

const walls = wallTimes();
const instants = walls.map((w) => zonedToInstant(w, ZONE).getTime());
const days = instants.map((ms) => Math.floor(ms / MS_PER_DAY));
const zone = IANAZone.create(ZONE);

console.log(`${N} timestamps in ${ZONE}, CPU time of one pass each (${process.version})`);
report('wall time → instant', () => walls.map((w) => zonedToInstant(w, ZONE).getTime()), () => walls.map((w) => DateTime.fromObject(w, { zone: ZONE }).toMillis()));
report('zone offset at an instant', () => instants.map((ms) => zoneOffsetMinutes(ZONE, ms)), () => instants.map((ms) => Math.round(zone.offset(ms))));
const ymd = (c: { year: number; month: number; day: number }) => c.year * 10_000 + c.month * 100 + c.day;
report('day → year, month, day', () => days.map((d) => ymd(civilDate(d))), () => days.map((d) => ymd(DateTime.fromMillis(d * MS_PER_DAY, { zone: 'utc' }))));
report('day → ISO week label', () => days.map((d) => formatPeriod(periodContaining(d, 'week'))), () => days.map((d) => DateTime.fromMillis(d * MS_PER_DAY, { zone: 'utc' }).toFormat("kkkk-'W'WW")));
