/**
 * Track record: earlier runs' forecasts (runs with a smaller as-of) for periods that are
 * complete actuals in this run, scored against those actuals. Set-based on the stored
 * points, so every run re-scores all earlier forecasts with the latest actuals (late rows
 * and corrections included); a backfill that fills past weeks extends the record of the
 * runs after it when they are re-run.
 */
import type { PoolClient } from 'pg';

/** $1 the scoring run. */
const TRACK_RECORD_SQL = `
INSERT INTO forecast_track_record (run_id, forecast_run_id, series_id, period, step, forecast, actual, error, inside80, inside95)
SELECT a.run_id, f.run_id, f.series_id, f.period, f.step, f.value, a.value, f.value - a.value,
       coalesce(a.value BETWEEN f.lo80 AND f.hi80, false),
       coalesce(a.value BETWEEN f.lo95 AND f.hi95, false)
FROM forecast_points a
JOIN runs ar ON ar.run_id = a.run_id
JOIN forecast_points f ON f.series_id = a.series_id AND f.period = a.period AND f.kind = 'forecast'
JOIN runs fr ON fr.run_id = f.run_id AND fr.as_of < ar.as_of
WHERE a.run_id = $1 AND a.kind = 'actual'
`;

/** Writes the run's track record (in the transaction that stored its points); returns the rows written. */
export async function scoreEarlierForecasts(client: PoolClient, runId: string): Promise<number> {
  const inserted = await client.query(TRACK_RECORD_SQL, [runId]);
  return inserted.rowCount ?? 0;
}

/** $1 the run, $2 series ids, $3 their last complete periods: the latest earlier run's forecast of each. */
const LATEST_EARLIER_FORECAST_SQL = `
SELECT DISTINCT ON (t.series_id) t.series_id, t.forecast_run_id, t.forecast, t.inside95
FROM forecast_track_record t
JOIN unnest($2::text[], $3::text[]) AS l(series_id, period) ON l.series_id = t.series_id AND l.period = t.period
JOIN runs r ON r.run_id = t.forecast_run_id
WHERE t.run_id = $1
ORDER BY t.series_id, r.as_of DESC
`;

/** The latest earlier run's forecast of each series' given period (call after scoreEarlierForecasts). */
export async function latestEarlierForecasts(
  client: PoolClient,
  runId: string,
  lastPeriods: readonly { seriesId: string; period: string }[],
): Promise<Map<string, { runId: string; forecast: number; inside95: boolean }>> {
  const { rows } = await client.query<{ series_id: string; forecast_run_id: string; forecast: string; inside95: boolean }>(LATEST_EARLIER_FORECAST_SQL, [
    runId,
    lastPeriods.map((p) => p.seriesId),
    lastPeriods.map((p) => p.period),
  ]);
  return new Map(rows.map((r) => [r.series_id, { runId: r.forecast_run_id, forecast: Number(r.forecast), inside95: r.inside95 }]));
}
