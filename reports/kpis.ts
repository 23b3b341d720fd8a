/**
 * The headline KPIs (definitions in the workbook's method notes) and the warnings read off
 * them. Pure: values come from the publish activity's queries.
 */
import type { Bilingual } from '../analytics/segment/bilingual';
import type { Kpi, KpiFormat, PendingStage, ReportWarning } from './model';
import { notComputedMessage } from './labels';

export const KPI_DEFINITIONS = {
  net_revenue: { format: 'currency', label: { zh: '累计净收入', en: 'Net revenue (to date)' } },
  revenue_28d: { format: 'currency', label: { zh: '近28天净收入', en: 'Net revenue, last 28 days' } },
  orders: { format: 'integer', label: { zh: '订单数', en: 'Orders' } },
  average_order_value: { format: 'currency', label: { zh: '客单价', en: 'Average order value' } },
  customers: { format: 'integer', label: { zh: '有购买客户数', en: 'Customers with orders' } },
  active_customers: { format: 'integer', label: { zh: '活跃客户（90天内）', en: 'Active customers (90 days)' } },
  churn_risk_customers: { format: 'integer', label: { zh: '流失风险客户', en: 'Churn-risk customers' } },
  rows_read: { format: 'integer', label: { zh: '读取行数', en: 'Rows read' } },
  rows_quarantined: { format: 'integer', label: { zh: '隔离行数', en: 'Rows quarantined' } },
  quarantine_rate: { format: 'percent', label: { zh: '隔离率', en: 'Quarantine rate' } },
} as const satisfies Record<string, { format: KpiFormat; label: Bilingual }>;

export type KpiKey = keyof typeof KPI_DEFINITIONS;
export type KpiValues = Record<KpiKey, number | null>;

export function buildKpis(current: KpiValues, previous: KpiValues | null): Kpi[] {
  return (Object.keys(KPI_DEFINITIONS) as KpiKey[]).map((key) => ({
    key,
    ...KPI_DEFINITIONS[key],
    value: current[key],
    previous: previous?.[key] ?? null,
  }));
}

/** Thresholds of the warnings below. */
export const WARNING_THRESHOLDS = {
  /** Quarantined share of rows read above which the data-quality line warns. */
  quarantineRate: 0.02,
  /** Relative growth of the churn-risk group against the previous run. */
  churnRiskGrowth: 0.1,
  /** Relative fall of the last-28-days revenue against the previous run. */
  revenueFall: 0.2,
};

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** (value − previous) / previous; null without both or with a previous of 0. */
export function relativeChange(value: number | null, previous: number | null): number | null {
  if (value === null || previous === null || previous === 0) return null;
  return (value - previous) / previous;
}

const change = (kpi: Kpi | undefined) => (kpi ? relativeChange(kpi.value, kpi.previous) : null);

/** Warnings in a fixed order: data quality, churn risk, revenue, then stages not computed. */
export function buildWarnings(kpis: readonly Kpi[], notComputed: readonly PendingStage[]): ReportWarning[] {
  const byKey = new Map(kpis.map((k) => [k.key, k]));
  const warnings: ReportWarning[] = [];
  const rate = byKey.get('quarantine_rate')?.value ?? null;
  if (rate !== null && rate > WARNING_THRESHOLDS.quarantineRate) {
    warnings.push({ level: 'warning', message: {
      zh: `隔离率 ${pct(rate)}，高于 ${pct(WARNING_THRESHOLDS.quarantineRate)}：请查看数据质量表`,
      en: `${pct(rate)} of rows quarantined, above ${pct(WARNING_THRESHOLDS.quarantineRate)}: see the data-quality sheet`,
    } });
  }
  const churnGrowth = change(byKey.get('churn_risk_customers'));
  if (churnGrowth !== null && churnGrowth > WARNING_THRESHOLDS.churnRiskGrowth) {
    warnings.push({ level: 'warning', message: {
      zh: `流失风险客户比上次运行增加 ${pct(churnGrowth)}`,
      en: `Churn-risk customers up ${pct(churnGrowth)} on the previous run`,
    } });
  }
  const revenueChange = change(byKey.get('revenue_28d'));
  if (revenueChange !== null && revenueChange < -WARNING_THRESHOLDS.revenueFall) {
    warnings.push({ level: 'warning', message: {
      zh: `近28天净收入比上次运行下降 ${pct(-revenueChange)}`,
      en: `Last-28-days net revenue down ${pct(-revenueChange)} on the previous run`,
    } });
  }
  for (const stage of notComputed) {
    warnings.push({ level: 'info', message: notComputedMessage(stage) });
  }
  return warnings;
}
