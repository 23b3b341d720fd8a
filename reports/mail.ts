/** The report mail's subject and short bilingual body with the headline numbers (pure). */
import { formatChange, formatValue } from './format';
import { TITLES } from './labels';
import type { ReportModel } from './model';

export interface MailMessage {
  subject: string;
  text: string;
}

/** KPIs the mail quotes, in this order. */
const HEADLINE_KPIS = ['revenue_28d', 'net_revenue', 'orders', 'customers', 'active_customers', 'churn_risk_customers', 'quarantine_rate'];

export function reportMail(model: ReportModel): MailMessage {
  const kpis = HEADLINE_KPIS.map((key) => model.kpis.find((k) => k.key === key)).filter((k) => k !== undefined);
  const line = (label: string, k: (typeof kpis)[number]) => `- ${label}: ${formatValue(k.value, k.format)} (${formatChange(k.value, k.previous)})`;
  const warnings = model.warnings.filter((w) => w.level === 'warning');
  const zh = [
    '您好，',
    '',
    `附件为截至 ${model.run.asOf} 的客户洞察周报（Excel 工作簿与 PDF 摘要），括号内为较上次运行的变化：`,
    ...kpis.map((k) => line(k.label.zh, k)),
    warnings.length > 0 ? `预警：${warnings.map((w) => w.message.zh).join('；')}` : `${TITLES.noWarnings.zh}。`,
  ];
  const en = [
    'Hello,',
    '',
    `Attached are the customer insights report as of ${model.run.asOf} (Excel workbook and PDF summary); changes against the previous run in brackets:`,
    ...kpis.map((k) => line(k.label.en, k)),
    warnings.length > 0 ? `Warnings: ${warnings.map((w) => w.message.en).join('; ')}` : `${TITLES.noWarnings.en}.`,
  ];
  return {
    subject: `${TITLES.report.zh} ${TITLES.report.en} — ${model.run.asOf}`,
    text: [...zh, '', '—', '', ...en, '', `Run ${model.run.runId}`].join('\n') + '\n',
  };
}
