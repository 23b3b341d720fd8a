/**
 * `forecast --input SERIES.csv --horizon H [--season M] [--events FILE] --output FORECASTS.csv`
 * (SPEC §9): automatic forecasts of a user's own series, no Temporal or database.
 * SERIES has `series_id,period,value`, the period as `YYYY-MM`, `YYYY-Www` (ISO week) or
 * `YYYY-MM-DD` — dates a week apart are weekly data (week-ending dates by default, as
 * retail keeps them; `--week-dates starting` otherwise); FORECASTS has
 * `series_id,period,step,forecast,lo80,hi80,lo95,hi95,model` with the future periods in the
 * input's notation. Each series gets the pipeline's automatic choice
 * (analytics/forecast/autoForecast.ts) with the event calendar: the built-in Chinese
 * holidays (`--no-holidays` leaves them out) and the user's `date,event[,end_date]` file.
 * Series run on worker threads; one that no model can fit gets seasonal naive (or naive)
 * and is counted, so every series is written.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SingleBar } from 'cli-progress';
import { Option, type Command } from 'commander';
import { readEventsFile } from '../../activities/forecast/eventsFile';
import { parseDecimal } from '../../analytics/cleaning/amounts';
import type { WeekDates } from '../../analytics/forecast/events';
import { defaultSeason, GapFill, Observation, regularSeries } from '../../analytics/forecast/gaps';
import { parsePeriod } from '../../analytics/calendar';
import { forecastSettingsSchema } from '../../config/forecast';
import { MAX_HORIZON, MAX_ORIGINS, MAX_SEASON, MAX_SERIES_PERIODS, MAX_SERIES_VALUE, maxHorizon } from '../../config/limits';
import { DECLARED_ENCODINGS, type DeclaredEncoding } from '../../config/sources';
import { cpuPool, defaultThreads } from '../../infra/cpuPool';
import { recordsToCsv } from '../../reports/csv';
import { integerIn } from '../lib/cliArgs';
import { readOfflineCsv, rowError } from '../lib/offlineCsv';
import forecastSeries, { type SeriesOutput, type SeriesTask } from './forecastTask';

const REQUIRED = ['series_id', 'period', 'value'] as const;
export const OUTPUT_COLUMNS = ['series_id', 'period', 'step', 'forecast', 'lo80', 'hi80', 'lo95', 'hi95', 'model'] as const;

/**
 * Reads SERIES.csv into observations per series (first-seen order) with the pipeline's reader
 * (encodings, malformed rows) and number notation; values beyond ±MAX_SERIES_VALUE are refused.
 * Errors name the file, row, line and column.
 */
export async function readSeries(file: string, options: { encoding?: DeclaredEncoding } = {}): Promise<Map<string, Observation[]>> {
  const series = new Map<string, Observation[]>();
  for await (const record of readOfflineCsv(file, REQUIRED, options)) {
    const where = `${file}: row ${record.rowNo} (line ${record.line})`;
    const seriesId = record.values.series_id?.trim();
    if (!seriesId) throw rowError(file, record, 'series_id', 'is empty');
    let period;
    try {
      period = parsePeriod(record.values.period?.trim() ?? '');
    } catch (error) {
      throw rowError(file, record, 'period', (error as Error).message);
    }
    const text = record.values.value?.trim() ?? '';
    const value = parseDecimal(text);
    if (value === undefined) throw rowError(file, record, 'value', `"${text.slice(0, 40)}" is not a number`);
    if (Math.abs(value) > MAX_SERIES_VALUE) throw rowError(file, record, 'value', `${text} is beyond ±${MAX_SERIES_VALUE}; rescale the series (thousands, millions)`);
    const list = series.get(seriesId) ?? [];
    list.push({ period, value, source: `${where}, column "period"` });
    series.set(seriesId, list);
  }
  if (series.size === 0) throw new Error(`${file}: no rows`);
  return series;
}

/** The limits a series must meet before it is modelled: two observations (an interval needs a residual) and a bounded span. */
export function checkSeriesBounds(id: string, observations: readonly Observation[]): void {
  if (observations.length < 2) throw new Error(`series ${id}: ${observations.length} observation; a forecast with intervals needs at least 2`);
  // A loop, not Math.max(...): spreading a million ordinals overflows the stack.
  let first = Infinity;
  let last = -Infinity;
  for (const { period } of observations) {
    first = Math.min(first, period.ordinal);
    last = Math.max(last, period.ordinal);
  }
  const span = last - first + 1;
  if (span > MAX_SERIES_PERIODS) throw new Error(`series ${id}: spans ${span} ${observations[0].period.kind}s, above the limit of ${MAX_SERIES_PERIODS}`);
}

interface ForecastCliOptions {
  input: string;
  output: string;
  horizon: number;
  season?: number;
  origins?: number;
  encoding: DeclaredEncoding;
  holidays: boolean;
  events?: string;
  weekDates: string;
  fill: GapFill;
  scores?: string;
  threads?: number;
}

async function runForecast(options: ForecastCliOptions): Promise<void> {
  const settings = forecastSettingsSchema.parse({});
  const { horizon: h, season: seasonFlag } = options;
  const origins = options.origins ?? settings.origins;
  if (options.fill !== 'interpolate' && options.fill !== 'zero') throw new Error(`--fill must be interpolate or zero, got "${options.fill}"`);
  if (options.weekDates !== 'ending' && options.weekDates !== 'starting') throw new Error(`--week-dates must be ending or starting, got "${options.weekDates}"`);
  const weekDates: WeekDates = options.weekDates;
  const events = { builtin: options.holidays, user: options.events ? readEventsFile(options.events) : [] };
  const started = Date.now();
  const input = await readSeries(options.input, { encoding: options.encoding });
  for (const [id, observations] of input) checkSeriesBounds(id, observations);
  const tasks: SeriesTask[] = [];
  for (const [id, observations] of input) {
    const series = regularSeries(observations, options.fill);
    const limit = maxHorizon(series.kind, series.step);
    if (h > limit) throw new Error(`--horizon ${h} is above the limit of ${limit} periods for series ${id} (${series.kind}s${series.step > 1 ? ` ${series.step} apart` : ''}: ten years)`);
    if (series.filled.length > 0) {
      const shown = series.filled.slice(0, 6).join(', ') + (series.filled.length > 6 ? ', …' : '');
      console.error(`series ${id}: ${series.filled.length} missing period(s) filled (${options.fill}): ${shown}`);
    }
    const m = seasonFlag ?? defaultSeason(series.kind, series.step);
    tasks.push({ id, series, h, m, origins, seed: settings.seed, events, weekDates });
  }
  const bar = process.stderr.isTTY && tasks.length > 1 ? new SingleBar({ format: 'forecast [{bar}] {value}/{total} series {eta}s', stream: process.stderr }) : undefined;
  bar?.start(tasks.length, 0);
  // Series run on worker threads; a handful is not worth starting them.
  const pool = cpuPool<SeriesTask, SeriesOutput>(join(__dirname, 'forecastTask.ts'), forecastSeries, tasks.length < 8 ? 0 : (options.threads ?? defaultThreads()));
  let outputs: SeriesOutput[];
  try {
    outputs = await Promise.all(
      tasks.map(async (task) => {
        const out = await pool.run(task);
        bar?.increment();
        return out;
      }),
    );
  } finally {
    bar?.stop();
    await pool.close();
  }
  const rows = outputs.flatMap((o) => o.rows);
  writeFileSync(options.output, recordsToCsv(rows, { columns: OUTPUT_COLUMNS }));
  if (options.scores) writeFileSync(options.scores, recordsToCsv(outputs.flatMap((o) => o.scores)));
  if (tasks.length <= 20) outputs.forEach((o, i) => o.notes.forEach((note) => console.error(`series ${tasks[i].id}: ${note}`)));
  const picks = new Map<string, number>();
  for (const o of outputs) picks.set(o.model, (picks.get(o.model) ?? 0) + 1);
  const summary = [...picks].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([model, count]) => `${model} ×${count}`).join(', ');
  console.log(`${tasks.length} series, ${rows.length} rows → ${options.output} in ${((Date.now() - started) / 1000).toFixed(1)} s (models: ${summary})`);
  const fallbacks = new Map<string, number>();
  for (const o of outputs) if (o.fallback) fallbacks.set(o.fallback, (fallbacks.get(o.fallback) ?? 0) + 1);
  const fellBack = outputs.filter((o) => o.fallback).length;
  console.log(`${fellBack} series fell back to a benchmark${fellBack ? `: ${[...fallbacks].map(([why, count]) => `${why} ×${count}`).join('; ')}` : ''}`);
}

export function registerForecastCommand(program: Command): void {
  program
    .command('forecast')
    .description('Backtest and forecast series_id,period,value series (periods YYYY-MM, YYYY-Www or YYYY-MM-DD)')
    .requiredOption('--input <file>', 'SERIES.csv with series_id,period,value')
    .requiredOption('--horizon <h>', `periods to forecast (at most ${MAX_HORIZON.month} months, ${MAX_HORIZON.week} weeks, ${MAX_HORIZON.day} days)`, integerIn(1, MAX_HORIZON.day))
    .requiredOption('--output <file>', 'FORECASTS.csv to write')
    .option('--season <m>', `season length (default: 12 monthly, 52 weekly, 7 daily; at most ${MAX_SEASON})`, integerIn(1, MAX_SEASON))
    .option('--origins <n>', `backtest origins per series (default: the refresh’s, 24; at most ${MAX_ORIGINS})`, integerIn(1, MAX_ORIGINS))
    .addOption(new Option('--encoding <encoding>', 'encoding of the input (default: detected)').choices(DECLARED_ENCODINGS).default('auto'))
    .option('--events <file>', 'your own events: a CSV with date,event[,end_date] (brand days, promotions, store openings)')
    .option('--no-holidays', 'leave out the built-in Chinese holidays and shopping festivals')
    .option('--week-dates <how>', 'dates a week apart label weeks ending or starting on that date', 'ending')
    .option('--fill <how>', 'fill missing periods: interpolate or zero', 'interpolate')
    .option('--scores <file>', 'also write every candidate’s backtest scores (MASE, sMAPE, MAPE, bias, coverage) and notes')
    .option('--threads <n>', 'worker threads (default: every core)', integerIn(0, 256))
    .action((options: ForecastCliOptions) => runForecast(options));
}
