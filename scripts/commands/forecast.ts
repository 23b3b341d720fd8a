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
import { createReadStream, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { parse } from 'csv-parse';
import { stringify } from 'csv-stringify/sync';
import type { WeekDates } from '../../analytics/forecast/events';
import { readEventsFile } from '../../activities/forecast/eventsFile';
import { GapFill, Observation, regularSeries } from '../../analytics/forecast/gaps';
import { defaultSeason, parsePeriod } from '../../analytics/forecast/periods';
import { forecastSettingsSchema } from '../../config/forecast';
import { cpuPool, defaultThreads } from '../../infra/cpuPool';
import forecastSeries, { type SeriesOutput, type SeriesTask } from './forecastTask';

const REQUIRED = ['series_id', 'period', 'value'] as const;
export const OUTPUT_COLUMNS = ['series_id', 'period', 'step', 'forecast', 'lo80', 'hi80', 'lo95', 'hi95', 'model'] as const;

/** Reads SERIES.csv into observations per series (first-seen order); errors name file, row, line, column. */
export async function readSeries(file: string): Promise<Map<string, Observation[]>> {
  const series = new Map<string, Observation[]>();
  const parser = createReadStream(file).pipe(parse({ columns: true, bom: true, trim: true, skip_empty_lines: true, info: true }));
  let checkedHeader = false;
  for await (const chunk of parser) {
    const { record, info } = chunk as { record: Record<string, string>; info: { records: number; lines: number } };
    const where = `${file}: row ${info.records} (line ${info.lines})`;
    if (!checkedHeader) {
      const missing = REQUIRED.filter((c) => !(c in record));
      if (missing.length > 0) throw new Error(`${file}: missing column(s) ${missing.join(', ')} (found: ${Object.keys(record).join(', ')})`);
      checkedHeader = true;
    }
    if (!record.series_id) throw new Error(`${where}, column "series_id": is empty`);
    let period;
    try {
      period = parsePeriod(record.period);
    } catch (error) {
      throw new Error(`${where}, column "period": ${(error as Error).message}`);
    }
    const value = Number(record.value.replace(/,/g, ''));
    if (record.value === '' || !Number.isFinite(value)) throw new Error(`${where}, column "value": "${record.value}" is not a number`);
    const list = series.get(record.series_id) ?? [];
    list.push({ period, value, source: `${where}, column "period"` });
    series.set(record.series_id, list);
  }
  if (series.size === 0) throw new Error(`${file}: no rows`);
  return series;
}

interface ForecastCliOptions {
  input: string;
  output: string;
  horizon: string;
  season?: string;
  origins?: string;
  holidays: boolean;
  events?: string;
  weekDates: string;
  fill: GapFill;
  scores?: string;
  threads?: string;
}

function positiveInteger(flag: string, text: string): number {
  const v = Number(text);
  if (!Number.isInteger(v) || v < 1) throw new Error(`${flag} must be a positive integer, got "${text}"`);
  return v;
}

async function runForecast(options: ForecastCliOptions): Promise<void> {
  const settings = forecastSettingsSchema.parse({});
  const h = positiveInteger('--horizon', options.horizon);
  const origins = options.origins === undefined ? settings.origins : positiveInteger('--origins', options.origins);
  const seasonFlag = options.season === undefined ? undefined : positiveInteger('--season', options.season);
  if (options.fill !== 'interpolate' && options.fill !== 'zero') throw new Error(`--fill must be interpolate or zero, got "${options.fill}"`);
  if (options.weekDates !== 'ending' && options.weekDates !== 'starting') throw new Error(`--week-dates must be ending or starting, got "${options.weekDates}"`);
  const weekDates: WeekDates = options.weekDates;
  const threads = options.threads === undefined ? defaultThreads() : Number(options.threads);
  const events = { builtin: options.holidays, user: options.events ? readEventsFile(options.events) : [] };
  const started = Date.now();
  const input = await readSeries(options.input);
  const tasks: SeriesTask[] = [];
  for (const [id, observations] of input) {
    const series = regularSeries(observations, options.fill);
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
  const pool = cpuPool<SeriesTask, SeriesOutput>(join(__dirname, 'forecastTask.ts'), forecastSeries, tasks.length < 8 ? 0 : threads);
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
  writeFileSync(options.output, stringify(rows, { header: true, columns: [...OUTPUT_COLUMNS] }));
  if (options.scores) writeFileSync(options.scores, stringify(outputs.flatMap((o) => o.scores), { header: true }));
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
    .requiredOption('--horizon <h>', 'periods to forecast')
    .requiredOption('--output <file>', 'FORECASTS.csv to write')
    .option('--season <m>', 'season length (default: 12 monthly, 52 weekly, 7 daily)')
    .option('--origins <n>', 'backtest origins per series (default: the refresh’s, 12)')
    .option('--events <file>', 'your own events: a CSV with date,event[,end_date] (brand days, promotions, store openings)')
    .option('--no-holidays', 'leave out the built-in Chinese holidays and shopping festivals')
    .option('--week-dates <how>', 'dates a week apart label weeks ending or starting on that date', 'ending')
    .option('--threads <n>', 'worker threads (default: every core)')
    .option('--fill <how>', 'fill missing periods: interpolate or zero', 'interpolate')
    .option('--scores <file>', 'also write every candidate’s backtest scores (MASE, sMAPE, MAPE, bias, coverage) and notes')
    .action((options: ForecastCliOptions) => runForecast(options));
}
