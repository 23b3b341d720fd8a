/** A tiny hand-made report model the workbook tests build from (one customer, one segment, no optional stages), and reading a workbook back. */
import ExcelJS from 'exceljs';
import { buildKpis, KPI_DEFINITIONS, type KpiValues } from '../../../reports/kpis';
import type { ReportModel } from '../../../reports/model';

export const FORMULA_LIKE = '=HYPERLINK("http://x.test","click")';

export function tinyModel(): ReportModel {
  const kpis = Object.fromEntries(Object.keys(KPI_DEFINITIONS).map((k) => [k, 1])) as KpiValues;
  return {
    run: { runId: 'run-2024-12-31', asOf: '2024-12-31', status: 'running', timeZone: 'Asia/Shanghai' },
    previousRun: null,
    kpis: buildKpis({ ...kpis, net_revenue: 2100 }, null),
    warnings: [],
    segments: [{ segment: 'new', name: { zh: '新客户', en: 'New' }, customers: 1, customerShare: 1, revenue: 300, revenueShare: 1, medianRecencyDays: 11, medianFrequency: 1, medianMonetary: 300 }],
    personas: [],
    crossTabs: [],
    customers: [{
      customerId: FORMULA_LIKE, rfmSegment: { zh: '新客户', en: 'New' }, r: 5, f: 1, m: 3, group: { zh: '增长潜力', en: 'Growth potential' },
      lifecycle: { zh: '新客', en: 'New' }, valueTier: { zh: '低价值', en: 'Low value' }, tags: ['new'], recencyDays: 11, frequency: 1,
      monetary: 300, averageOrderValue: 300, firstOrderDate: '2024-12-20', lastOrderDate: '2024-12-20', topChannel: 'app', topCategory: '+SUM(1,2)', city: '深圳', ageBand: 'unknown', clv: 1234.5, pAlive: 0.8, churnRisk: 'low',
    }],
    customersTotal: 1,
    customersLimit: 5000,
    rfmGrid: [{ r: 5, f: 1, customers: 1, revenue: 300 }],
    dataQuality: { sources: [], rules: [], quarantineTotal: 0, quarantineSample: [] },
    revenueHistory: [],
    forecast: null,
    value: null,
    voice: null,
    segmentInsights: { clustering: null, migration: null, categoryAffinity: [], productAffinity: [] },
    notComputed: ['forecast', 'value', 'voice'],
  };
}

export async function readBack(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  return workbook;
}
