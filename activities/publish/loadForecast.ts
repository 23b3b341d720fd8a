/** The forecast section of the report model: the forecast stage's series, points, scores, track record and customer-based forecast of a run. */
import type { Knex } from 'knex';
import type { ForecastSection } from '../../reports/model/forecast';
import type { ReportWarning } from '../../reports/model';

const num = (v: string | number | null) => (v === null ? null : Number(v));

export async function loadForecastSection(db: Knex, runId: string): Promise<ForecastSection | null> {
  if (!(await db.schema.hasTable('forecast_series'))) return null;
  const series = await db('forecast_series').where({ run_id: runId }).orderBy(['frequency', 'measure', 'dimension', 'member']);
  if (series.length === 0) return null;
  const points = await db('forecast_points').where({ run_id: runId }).orderBy(['series_id', 'period_start']);
  const scores = await db('forecast_scores').where({ run_id: runId }).orderBy(['series_id', 'candidate']);
  const trackRecord = await db('forecast_track_record').where({ run_id: runId }).orderBy(['series_id', 'forecast_run_id', 'period']);
  const customerBased = await db('forecast_customer_based').where({ run_id: runId }).orderBy(['frequency', 'member', 'step']);
  return {
    series: series.map((s) => ({
      seriesId: s.series_id, frequency: s.frequency, measure: s.measure, dimension: s.dimension, member: s.member, periods: s.periods, lastPeriod: s.last_period,
      chosen: s.chosen, model: s.model, reason: s.reason, backtestOrigins: s.backtest_origins, notes: (s.notes as unknown[]).map((n) => (typeof n === 'string' ? n : JSON.stringify(n))),
      partialPeriod: s.partial_period, partialValue: num(s.partial_value),
    })),
    points: points.map((p) => ({
      seriesId: p.series_id, period: p.period, periodStart: p.period_start, kind: p.kind, step: p.step, value: Number(p.value),
      lo80: num(p.lo80), hi80: num(p.hi80), lo95: num(p.lo95), hi95: num(p.hi95),
      outlierOrders: num(p.outlier_orders), outlierValue: num(p.outlier_value),
    })),
    scores: scores.map((s) => ({
      seriesId: s.series_id, candidate: s.candidate, chosen: s.chosen, mase: s.mase, smape: s.smape, bias: s.bias, coverage80: s.coverage80, coverage95: s.coverage95,
    })),
    trackRecord: trackRecord.map((t) => ({
      forecastRunId: t.forecast_run_id, seriesId: t.series_id, period: t.period, step: t.step,
      forecast: Number(t.forecast), actual: Number(t.actual), error: Number(t.error), inside80: t.inside80, inside95: t.inside95,
    })),
    customerBased: customerBased.map((c) => ({
      frequency: c.frequency, member: c.member, period: c.period, periodStart: c.period_start, step: c.step, customers: c.customers,
      expectedPurchases: Number(c.expected_purchases), spendPerPurchase: Number(c.spend_per_purchase),
      value: Number(c.value), lo80: Number(c.lo80), hi80: Number(c.hi80), lo95: Number(c.lo95), hi95: Number(c.hi95),
    })),
  };
}

/** The run's forecast risk warnings (warnings first, then information), for the Summary, the PDF and the mail. */
export async function forecastRiskWarnings(db: Knex, runId: string): Promise<ReportWarning[]> {
  if (!(await db.schema.hasTable('forecast_risk_warnings'))) return [];
  const rows = await db('forecast_risk_warnings').where({ run_id: runId }).orderByRaw("severity = 'warning' DESC, kind, series_id, period");
  return rows.map((r) => ({ level: r.severity === 'warning' ? 'warning' : 'info', message: { zh: `预测风险：${r.message_zh}`, en: `Forecast risk: ${r.message_en}` } }));
}
