/**
 * Forecast risk warnings (风险预警, SPEC §6), from each series' last complete period:
 * - `outside_interval`: the actual fell outside the 95 % interval an earlier run forecast for
 *   that period (below: a warning; above: for information);
 * - `revenue_fall`: the total, a channel or a customer group fell more than `fallShare`
 *   below what an earlier run forecast for the period, or — the total, channels and regions
 *   only — below the same period a year before. Customer groups compare with earlier
 *   forecasts only: their history is summed over today's members, so a year ago the churn-risk
 *   group's members were still buying, and its fall against last year is its definition, not
 *   news. Each message names what it compares with (the run whose forecast, or last year).
 * (A churn-risk group that grows run to run is the report's KPI warning, reports/kpis.ts.)
 * Pure: the stage hands in the outcomes, stores what comes back.
 */

export type RiskSeverity = 'warning' | 'info';
export type RiskKind = 'outside_interval' | 'revenue_fall';

/** One series' last complete period and what it can be compared with. */
export interface PeriodOutcome {
  seriesId: string;
  /** 'total', 'channel', 'customer_group', … and the member ('' for the total). */
  dimension: string;
  member: string;
  period: string;
  actual: number;
  /** The latest earlier run's forecast for this period, when there is one. */
  earlier?: { runId: string; forecast: number; inside95: boolean };
  /** The same period one season before, when the series reaches back that far. */
  lastYear?: number;
}

export interface RiskWarning {
  kind: RiskKind;
  severity: RiskSeverity;
  seriesId: string;
  period: string;
  value: number;
  reference: number;
  message: { zh: string; en: string };
}

const money = (v: number) => `¥${Math.round(v).toLocaleString('en-US')}`;
const pct = (v: number) => `${(v * 100).toFixed(1)}%`;

function label(o: PeriodOutcome): { zh: string; en: string } {
  if (o.dimension === 'total') return { zh: `总收入（${o.seriesId}）`, en: `Total revenue (${o.seriesId})` };
  const zh = o.dimension === 'channel' ? '渠道' : o.dimension === 'customer_group' ? '客户分组' : o.dimension;
  return { zh: `${zh} ${o.member}（${o.seriesId}）`, en: `${o.dimension.replace('_', ' ')} ${o.member} (${o.seriesId})` };
}

/**
 * The warnings of the given outcomes, in input order.
 * @example forecastRiskWarnings([{ seriesId: 'week:total', dimension: 'total', member: '', period: '2026-W47', actual: 60, lastYear: 100 }], { fallShare: 0.2 })[0].kind // 'revenue_fall'
 */
export function forecastRiskWarnings(outcomes: readonly PeriodOutcome[], options: { fallShare: number }): RiskWarning[] {
  const { fallShare } = options;
  if (!(fallShare > 0 && fallShare < 1)) throw new Error(`forecastRiskWarnings: fallShare must be in (0, 1), got ${fallShare}`);
  const warnings: RiskWarning[] = [];
  for (const o of outcomes) {
    const name = label(o);
    if (o.earlier && !o.earlier.inside95) {
      const below = o.actual < o.earlier.forecast;
      warnings.push({
        kind: 'outside_interval',
        severity: below ? 'warning' : 'info',
        seriesId: o.seriesId,
        period: o.period,
        value: o.actual,
        reference: o.earlier.forecast,
        message: {
          zh: `${name.zh} ${o.period} 实际 ${money(o.actual)}，${below ? '低于' : '高于'} ${o.earlier.runId} 预测（${money(o.earlier.forecast)}）的 95% 区间`,
          en: `${name.en} ${o.period}: actual ${money(o.actual)} ${below ? 'below' : 'above'} the 95% interval of ${o.earlier.runId}'s forecast (${money(o.earlier.forecast)})`,
        },
      });
    }
    const references: [number | undefined, { zh: string; en: string }][] = [
      [o.earlier?.forecast, { zh: ` ${o.earlier?.runId} 的预测`, en: `${o.earlier?.runId}'s forecast` }],
      [o.dimension === 'customer_group' ? undefined : o.lastYear, { zh: '去年同期', en: 'the same period last year' }],
    ];
    for (const [reference, what] of references) {
      if (reference === undefined || !(reference > 0)) continue;
      const fall = 1 - o.actual / reference;
      if (fall <= fallShare) continue;
      warnings.push({
        kind: 'revenue_fall',
        severity: 'warning',
        seriesId: o.seriesId,
        period: o.period,
        value: o.actual,
        reference,
        message: {
          zh: `${name.zh} ${o.period} 收入 ${money(o.actual)}，比${what.zh}（${money(reference)}）下降 ${pct(fall)}`,
          en: `${name.en} ${o.period}: revenue ${money(o.actual)}, ${pct(fall)} below ${what.en} (${money(reference)})`,
        },
      });
      break; // one fall per series: against the forecast when there is one, else last year (not for customer groups)
    }
  }
  return warnings;
}
