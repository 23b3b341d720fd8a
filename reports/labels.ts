/** Bilingual (zh-CN / en) words the reports share: sheet names, headings, stage names. */
import type { Bilingual } from '../analytics/segment/bilingual';
import type { PendingStage } from './model';

/** "中文 English": how a bilingual label reads in one cell or line. */
export function both(label: Bilingual): string {
  return label.zh === label.en ? label.en : `${label.zh} ${label.en}`;
}

export const SHEETS = {
  summary: { zh: '摘要', en: 'Summary' },
  forecast: { zh: '销售预测', en: 'Forecast' },
  segments: { zh: '细分与角色', en: 'Segments' },
  customers: { zh: '客户清单', en: 'Customers' },
  rfm: { zh: 'RFM矩阵', en: 'RFM grid' },
  value: { zh: '客户价值', en: 'Value' },
  voice: { zh: '客户之声', en: 'Voice' },
  dataQuality: { zh: '数据质量', en: 'Data quality' },
  notes: { zh: '方法说明', en: 'Method notes' },
} as const satisfies Record<string, Bilingual>;

export const TITLES = {
  report: { zh: '客户洞察周报', en: 'Customer insights weekly report' },
  kpis: { zh: '核心指标', en: 'Headline KPIs' },
  reconciliation: { zh: '对账：明细合计与指标', en: 'Reconciliation: detail sums and KPIs' },
  warnings: { zh: '风险预警', en: 'Warnings' },
  segments: { zh: 'RFM 细分', en: 'RFM segments' },
  groups: { zh: '客户分组', en: 'Customer groups' },
  personas: { zh: '客户角色', en: 'Personas' },
  crossTabs: { zh: '人口与地域交叉表', en: 'Demographic and regional cross-tabs' },
  dataQuality: { zh: '数据质量', en: 'Data quality' },
  sources: { zh: '各数据源行数核对', en: 'Row accounting per source' },
  rules: { zh: '各规则计数', en: 'Counts per rule and source' },
  quarantine: { zh: '隔离样本', en: 'Quarantine sample' },
  revenueHistory: { zh: '月度净收入', en: 'Monthly net revenue' },
  rfmCustomers: { zh: '客户数（R × F）', en: 'Customers (R × F)' },
  rfmRevenue: { zh: '净收入（R × F）', en: 'Net revenue (R × F)' },
  noWarnings: { zh: '本次运行无预警', en: 'No warnings in this run' },
  value: { zh: '客户价值', en: 'Customer value' },
} as const satisfies Record<string, Bilingual>;

export const NOT_COMPUTED: Bilingual = { zh: '本次运行未计算', en: 'not computed in this run' };

export const STAGE_NAMES: Record<PendingStage, Bilingual> = {
  forecast: { zh: '销售预测', en: 'sales forecast' },
  value: { zh: '客户价值（CLV、CAC、NPS/CSAT、细分盈利）', en: 'customer value (CLV, CAC, NPS/CSAT, segment profitability)' },
  voice: { zh: '客户之声（情感、话题）', en: 'voice of the customer (sentiment, topics)' },
};

/** What a section says when its stage has no results for the run. */
export function notComputedMessage(stage: PendingStage): Bilingual {
  const name = STAGE_NAMES[stage];
  return { zh: `${name.zh}：${NOT_COMPUTED.zh}`, en: `${name.en[0].toUpperCase()}${name.en.slice(1)}: ${NOT_COMPUTED.en}` };
}

/** The same as one line, for a cell or a paragraph. */
export function notComputedLine(stage: PendingStage): string {
  const message = notComputedMessage(stage);
  return `${message.zh} — ${message.en}`;
}

/**
 * The date the reports carry in their document properties: the as-of day, not the time of
 * rendering, so the same data renders to the same bytes (and a re-run mails nothing new).
 */
export function documentDate(asOf: string): Date {
  return new Date(`${asOf}T00:00:00Z`);
}
