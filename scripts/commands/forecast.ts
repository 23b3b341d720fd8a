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
import { writeFileSync } from 'node:fs';
import { SingleBar } from 'cli-progress';
import { Option, type Command } from 'commander';
import { parseDecimal } from '../../analytics/cleaning/amounts';
import { autoForecast, AutoForecast } from '../../analytics/forecast/autoForecast';
import { GapFill, Observation, periodAt, RegularSeries, regularSeries } from '../../analytics/forecast/gaps';
import { holidayTable } from '../../analytics/forecast/holidays';
import { defaultSeason, formatPeriod, parsePeriod } from '../../analytics/forecast/periods';
import { MAX_HORIZON, MAX_ORIGINS, MAX_SEASON, MAX_SERIES_PERIODS, MAX_SERIES_VALUE, maxHorizon } from '../../config/limits';
import { DECLARED_ENCODINGS, type DeclaredEncoding } from '../../config/sources';
import { recordsToCsv } from '../../reports/csv';
import { integerIn } from '../lib/cliArgs';
import { readOfflineCsv, rowError } from '../lib/offlineCsv';

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
  horizon: number;
  season?: number;
  origins: number;
  encoding: DeclaredEncoding;
  combine: boolean;
  holidays: boolean;
  fill: GapFill;
  scores?: string;
}

async function runForecast(options: ForecastCliOptions): Promise<void> {
  const { horizon: h, origins, season: seasonFlag } = options;
  if (options.fill !== 'interpolate' && options.fill !== 'zero') throw new Error(`--fill must be interpolate or zero, got "${options.fill}"`);
  const started = Date.now();
  const input = await readSeries(options.input, { encoding: options.encoding });
  for (const [id, observations] of input) checkSeriesBounds(id, observations);
  const rows: Record<string, string | number>[] = [];
  const scoreRows: Record<string, string | number>[] = [];
  const picks = new Map<string, number>();
  const bar = process.stderr.isTTY && input.size > 1 ? new SingleBar({ format: 'forecast [{bar}] {value}/{total} series {eta}s', stream: process.stderr }) : undefined;
  bar?.start(input.size, 0);
  for (const [id, observations] of input) {
    const series = regularSeries(observations, options.fill);
    const limit = maxHorizon(series.kind, series.step);
    if (h > limit) throw new Error(`--horizon ${h} is above the limit of ${limit} periods for series ${id} (${series.kind}s${series.step > 1 ? ` ${series.step} apart` : ''}: ten years)`);
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
  writeFileSync(options.output, recordsToCsv(rows, { columns: OUTPUT_COLUMNS }));
  if (options.scores) writeFileSync(options.scores, recordsToCsv(scoreRows));
  const summary = [...picks].map(([model, count]) => `${model} ×${count}`).join(', ');
  console.log(`${input.size} series, ${rows.length} rows → ${options.output} in ${((Date.now() - started) / 1000).toFixed(1)} s (models: ${summary})`);
}

export function registerForecastCommand(program: Command): void {
  program
    .command('forecast')
    .description('Backtest and forecast series_id,period,value series (periods YYYY-MM, YYYY-Www or YYYY-MM-DD)')
    .requiredOption('--input <file>', 'SERIES.csv with series_id,period,value')
    .requiredOption('--horizon <h>', `periods to forecast (at most ${MAX_HORIZON.month} months, ${MAX_HORIZON.week} weeks, ${MAX_HORIZON.day} days)`, integerIn(1, MAX_HORIZON.day))
    .requiredOption('--output <file>', 'FORECASTS.csv to write')
    .option('--season <m>', `season length (default: 12 monthly, 52 weekly, 7 daily; at most ${MAX_SEASON})`, integerIn(1, MAX_SEASON))
    .option('--origins <n>', `backtest origins per series (at most ${MAX_ORIGINS})`, integerIn(1, MAX_ORIGINS), 6)
    .addOption(new Option('--encoding <encoding>', 'encoding of the input (default: detected)').choices(DECLARED_ENCODINGS).default('auto'))
    .option('--combine', 'forecast with the mean of the best two models instead of the single best', false)
    .option('--no-holidays', 'leave out the Chinese holiday regressors')
    .option('--fill <how>', 'fill missing periods: interpolate or zero', 'interpolate')
    .option('--scores <file>', 'also write every candidate’s backtest scores (MASE, sMAPE, MAPE, bias, coverage) and notes')
    .action((options: ForecastCliOptions) => runForecast(options));
}
