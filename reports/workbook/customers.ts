/** Customers sheet: the scored list, largest spend first; no PII (names, phones, emails are only stored hashed). */
import type ExcelJS from 'exceljs';
import type { ReportModel } from '../model';
import { SHEETS } from '../labels';
import { addDataBar, addTable, columnRange, writeTitle } from './cells';

export function customersNote(model: ReportModel): string {
  const shown = Math.min(model.customersTotal, model.customersLimit);
  return `按消费额前 ${shown} / 共 ${model.customersTotal} 位客户；姓名、电话、邮箱已脱敏不显示；完整名单见 CRM 导出 CSV · `
    + `Top ${shown} of ${model.customersTotal} customers by spend; names, phones and emails are pseudonymized and not shown; the full list is in the CRM export CSV`;
}

export function addCustomersSheet(sheet: ExcelJS.Worksheet, model: ReportModel): void {
  const row = writeTitle(sheet, 1, SHEETS.customers, customersNote(model));
  sheet.views = [{ state: 'frozen', ySplit: row, xSplit: 1 }];
  const table = addTable(sheet, { row, name: 'Customers' }, [
    { header: { zh: '客户编号', en: 'Customer ID' } },
    { header: { zh: 'RFM细分', en: 'RFM segment' } },
    { header: { zh: 'R', en: 'R' }, format: 'integer' },
    { header: { zh: 'F', en: 'F' }, format: 'integer' },
    { header: { zh: 'M', en: 'M' }, format: 'integer' },
    { header: { zh: '客户分组', en: 'Group' } },
    { header: { zh: '生命周期', en: 'Lifecycle' } },
    { header: { zh: '价值层级', en: 'Value tier' } },
    { header: { zh: '标签', en: 'Tags' } },
    { header: { zh: '最近购买天数', en: 'Recency (days)' }, format: 'decimal' },
    { header: { zh: '订单数', en: 'Orders' }, format: 'integer' },
    { header: { zh: '净消费', en: 'Net spend' }, format: 'currency' },
    { header: { zh: '客单价', en: 'AOV' }, format: 'currency' },
    { header: { zh: '首单日期', en: 'First order' }, format: 'date' },
    { header: { zh: '末单日期', en: 'Last order' }, format: 'date' },
    { header: { zh: '主要渠道', en: 'Top channel' } },
    { header: { zh: '主要品类', en: 'Top category' } },
    { header: { zh: '城市', en: 'City' } },
    { header: { zh: '年龄段', en: 'Age band' } },
    { header: { zh: '客户终身价值', en: 'CLV' }, format: 'currency' },
    { header: { zh: '存活概率', en: 'P(alive)' }, format: 'percent' },
    { header: { zh: '流失风险', en: 'Churn risk' } },
  ], model.customers.map((c) => [
    c.customerId, c.rfmSegment.zh, c.r, c.f, c.m, c.group.zh, c.lifecycle.zh, c.valueTier.zh, c.tags.join(', '),
    c.recencyDays, c.frequency, c.monetary, c.averageOrderValue, new Date(`${c.firstOrderDate}T00:00:00Z`), new Date(`${c.lastOrderDate}T00:00:00Z`),
    c.topChannel, c.topCategory, c.city, c.ageBand, c.clv, c.pAlive, c.churnRisk,
  ]));
  addDataBar(sheet, columnRange(sheet, table, 12));
}
