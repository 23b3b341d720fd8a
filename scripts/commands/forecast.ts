/**
 * `forecast --input SERIES.csv --horizon H [--season M] --output FORECASTS.csv` (SPEC §9):
 * automatic forecasts of a user's own series, no Temporal or database.
 * SERIES has `series_id,period,value`, the period as `YYYY-MM`, `YYYY-Www` (ISO week) or
 * `YYYY-MM-DD`; FORECASTS has `series_id,period,step,forecast,lo80,hi80,lo95,hi95,model`
 * with the future periods in the input's notation. Each series is backtested over rolling
 * origins (analytics/forecast/backtest.ts) and forecast by the candidate that scored best,
 * or by the combination of the best few with `--combine`. Missing periods are filled and
 * reported; Chinese holiday regressors (holidays.ts) go to the regression candidate.
 */
import { createReadStream, writeFileSync } from 'node:fs';
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { parse } from 'csv-parse';
import { stringify } from 'csv-stringify/sync';
import { autoForecast, AutoForecast } from '../../analytics/forecast/autoForecast';
import { GapFill, Observation, periodAt, RegularSeries, regularSeries } from '../../analytics/forecast/gaps';
import { holidayTable } from '../../analytics/forecast/holidays';
import { defaultSeason, formatPeriod, parsePeriod } from '../../analytics/forecast/periods';

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

/** Output rows of one series' forecast. */
export function forecastRows(seriesId: string, series: RegularSeries, result: AutoForecast, combine: boolean): Record<string, string | number>[] {
  const f = combine && result.combination ? result.combination : result.forecast;
  const round = (x: number) => Number(x.toPrecision(10));
  return f.mean.map((mean, i) => ({
    series_id: seriesId,
    period: formatPeriod(periodAt(series, series.values.length + i)),
    step: i + 1,
    forecast: round(mean),
    lo80: round(f.lo80[i]),
    hi80: round(f.hi80[i]),
    lo95: round(f.lo95[i]),
    hi95: round(f.hi95[i]),
    model: f.model,
  }));
}

interface ForecastCliOptions {
  input: string;
  output: string;
  horizon: string;
  season?: string;
  origins: string;
  combine: boolean;
  holidays: boolean;
  fill: GapFill;
  scores?: string;
}

function positiveInteger(flag: string, text: string): number {
  const v = Number(text);
  if (!Number.isInteger(v) || v < 1) throw new Error(`${flag} must be a positive integer, got "${text}"`);
  return v;
}

async function runForecast(options: ForecastCliOptions): Promise<void> {
  const h = positiveInteger('--horizon', options.horizon);
  const origins = positiveInteger('--origins', options.origins);
  const seasonFlag = options.season === undefined ? undefined : positiveInteger('--season', options.season);
  if (options.fill !== 'interpolate' && options.fill !== 'zero') throw new Error(`--fill must be interpolate or zero, got "${options.fill}"`);
  const started = Date.now();
  const input = await readSeries(options.input);
  const rows: Record<string, string | number>[] = [];
  const scoreRows: Record<string, string | number>[] = [];
  const picks = new Map<string, number>();
  const bar = process.stderr.isTTY && input.size > 1 ? new SingleBar({ format: 'forecast [{bar}] {value}/{total} series {eta}s', stream: process.stderr }) : undefined;
  bar?.start(input.size, 0);
  for (const [id, observations] of input) {
    const series = regularSeries(observations, options.fill);
    if (series.filled.length > 0) {
      const shown = series.filled.slice(0, 6).join(', ') + (series.filled.length > 6 ? ', …' : '');
      console.error(`series ${id}: ${series.filled.length} missing period(s) filled (${options.fill}): ${shown}`);
    }
    const m = seasonFlag ?? defaultSeason(series.kind, series.step);
    const regressors = options.holidays ? holidayTable(series, h) : undefined;
    const result = autoForecast(series.values, { h, m, origins, regressors });
    rows.push(...forecastRows(id, series, result, options.combine));
    const used = options.combine && result.combination ? result.combination.model : result.forecast.model;
    picks.set(used, (picks.get(used) ?? 0) + 1);
    const notes = [...result.notes, ...(result.forecast.notes ?? [])];
    if (input.size <= 20) for (const note of notes) console.error(`series ${id}: ${note}`);
    for (const s of result.backtest.scores) {
      const chosen = s.name === result.backtest.chosen;
      scoreRows.push({
        series_id: id,
        candidate: s.name,
        chosen: chosen ? 1 : 0,
        mase: s.mase,
        smape: s.smape,
        mape: s.mape,
        bias: s.bias,
        coverage80: s.coverage80,
        coverage95: s.coverage95,
        origins: s.evaluated,
        horizon: result.backtest.horizon,
        notes: chosen ? notes.join('; ') : '',
      });
    }
    bar?.increment();
  }
  bar?.stop();
  writeFileSync(options.output, stringify(rows, { header: true, columns: [...OUTPUT_COLUMNS] }));
  if (options.scores) writeFileSync(options.scores, stringify(scoreRows, { header: true }));
  const summary = [...picks].map(([model, count]) => `${model} ×${count}`).join(', ');
  console.log(`${input.size} series, ${rows.length} rows → ${options.output} in ${((Date.now() - started) / 1000).toFixed(1)} s (models: ${summary})`);
}

export function registerForecastCommand(program: Command): void {
  program
    .command('forecast')
    .description('Backtest and forecast series_id,period,value series (periods YYYY-MM, YYYY-Www or YYYY-MM-DD)')
    .requiredOption('--input <file>', 'SERIES.csv with series_id,period,value')
    .requiredOption('--horizon <h>', 'periods to forecast')
    .requiredOption('--output <file>', 'FORECASTS.csv to write')
    .option('--season <m>', 'season length (default: 12 monthly, 52 weekly, 7 daily)')
    .option('--origins <n>', 'backtest origins per series', '6')
    .option('--combine', 'forecast with the mean of the best two models instead of the single best', false)
    .option('--no-holidays', 'leave out the Chinese holiday regressors')
    .option('--fill <how>', 'fill missing periods: interpolate or zero', 'interpolate')
    .option('--scores <file>', 'also write every candidate’s backtest scores (MASE, sMAPE, MAPE, bias, coverage) and notes')
    .action((options: ForecastCliOptions) => runForecast(options));
}
