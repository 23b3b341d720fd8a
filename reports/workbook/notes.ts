/** Method notes: what every figure in the workbook means, bilingual, with the rules quoted from the code. */
import type ExcelJS from 'exceljs';
import { GROUP_RULES, LIFECYCLE_RULES } from '../../analytics/segment/groups';
import { TAG_RULES } from '../../analytics/segment/tags';
import { POOL_TOLERANCE } from '../../analytics/forecast/backtest';
import { CUSTOMER_BACKTEST_ORIGINS } from '../../analytics/forecast/customerBacktest';
import { KPI_DEFINITIONS, WARNING_THRESHOLDS, type KpiKey } from '../kpis';
import { both, SHEETS } from '../labels';
import type { ReportModel } from '../model';
import { addTable, writeTitle } from './cells';

const KPI_MEANINGS: Record<KpiKey, [string, string]> = {
  net_revenue: ['截至日前全部已清洗订单的净额（销售 − 退货/取消），含异常值订单', 'Sum of net amounts (sales less returns and cancellations) of all cleaned orders up to the as-of date, outlier orders included'],
  revenue_28d: ['截至日（含）前 28 天内下单的净额', 'Net amount of orders placed in the 28 days up to the end of the as-of day'],
  orders: ['净额大于 0 的订单数', 'Orders with a positive net amount'],
  average_order_value: ['累计净收入 ÷ 订单数', 'Net revenue ÷ orders'],
  customers: ['有画像的客户（至少一笔净额 > 0 的非异常订单）', 'Profiled customers (at least one non-outlier order with a positive net amount)'],
  active_customers: ['最近一次购买在 90 天内的客户', 'Customers whose last order is at most 90 days old'],
  churn_risk_customers: ['客户分组为“流失风险”的客户数', 'Customers in the churn-risk group'],
  rows_read: ['各数据源读取的行数之和（不含晚于截至日的行）', 'Rows read from all sources (rows dated after the as-of date are not read)'],
  rows_quarantined: ['被隔离的行数（见数据质量表）', 'Rows quarantined (see the data-quality sheet)'],
  quarantine_rate: ['隔离行数 ÷ 读取行数', 'Rows quarantined ÷ rows read'],
};

export function addNotesSheet(sheet: ExcelJS.Worksheet, model: ReportModel): void {
  const row = writeTitle(sheet, 1, SHEETS.notes, `货币 Currency: CNY (¥) · 时区 Time zone: ${model.run.timeZone} · 截至 As of ${model.run.asOf}`);
  sheet.views = [{ state: 'frozen', ySplit: row }];
  const kpis = (Object.keys(KPI_DEFINITIONS) as KpiKey[]).map((key) => [`KPI: ${both(KPI_DEFINITIONS[key].label)}`, ...KPI_MEANINGS[key]]);
  const rows: string[][] = [
    ...kpis,
    ['上次运行 Previous run', '截至日早于本次、状态为成功的最近一次运行', 'The latest succeeded run with an earlier as-of date'],
    ['RFM', '最近购买（R）、频次（F）、金额（M）各按五分位打 1–5 分，5 最好；细分由 R、F 决定（见 RFM 矩阵表）',
      'Recency, frequency and monetary each scored 1–5 by quintile, 5 best; the segment follows from R and F (see the RFM grid sheet)'],
    ...LIFECYCLE_RULES.map((r) => [`生命周期 Lifecycle: ${both(r.name)}`, r.rule, r.rule]),
    ...GROUP_RULES.map((r) => [`客户分组 Group: ${both(r.name)}`, r.rule, r.rule]),
    ...TAG_RULES.map((t) => [`标签 Tag: ${t.tag}`, t.meaning, t.meaning]),
    ['角色 Personas', '每个 RFM 细分的规模、收入占比、典型值（中位数）、主要品类/渠道/年龄段/地区和建议行动', 'Per RFM segment: size, revenue share, typical (median) values, top categories, channels, age bands, regions and the playbook action'],
    ['预警 Warnings', `隔离率 > ${WARNING_THRESHOLDS.quarantineRate * 100}%；流失风险客户较上次增加 > ${WARNING_THRESHOLDS.churnRiskGrowth * 100}%；近28天净收入较上次下降 > ${WARNING_THRESHOLDS.revenueFall * 100}%`,
      `Quarantine rate > ${WARNING_THRESHOLDS.quarantineRate * 100}%; churn-risk customers up > ${WARNING_THRESHOLDS.churnRiskGrowth * 100}% on the previous run; last-28-days revenue down > ${WARNING_THRESHOLDS.revenueFall * 100}%`],
    ['客户之声 Voice', '问卷评论与商品评价按语言打分（正面概率）；关键词为好评/抱怨的 TF-IDF 词；细分负面占比取近期窗口内评论；标签：推荐者（NPS 9–10）、贬损者（0–6）、负面发声、社交影响者、沉默客户',
      'Survey comments and reviews scored per language (P(positive)); keywords are TF-IDF terms of praise and complaints; segment negative shares use comments in the recent window; tags: promoter (NPS 9–10), detractor (0–6), negative_voice, social_influencer, silent'],
    ['客户之声预警 Voice warnings', '高价值客户近期有负面评论或贬损 NPS；某细分负面占比较上次跟踪的运行上升超过阈值（来源配置 voice 块）',
      'High-value customers with a recent negative comment or detractor NPS; segments whose negative share rose by more than the threshold since the previous run that tracked it (source config voice block)'],
    ['聚类与迁移 Clusters and migration', 'K-means 取预测强度 ≥ 0.8 的最大 k（Tibshirani & Walther 2005；轮廓系数与肘部法作为参考），特征含最近购买、频次、客单价、客户时长、渠道占比、年龄、大促集中度、价格档位与每行件数，单笔订单的占比向总体均值收缩；决策树规则描述每个簇（保真度 = 留出客户被规则分回本簇的比例）；迁移矩阵为上次 → 本次客户分组的客户数',
      'K-means with the largest k whose prediction strength reaches 0.8 (Tibshirani & Walther 2005; silhouette and elbow shown as second opinions) on recency, frequency, order value, tenure, channel shares, age, festival lift, price position and units per line, per-order shares shrunk toward the population mean; each cluster described by decision-tree rules (fidelity = share of held-out customers the rules put back in their cluster); the migration matrix counts customers from the previous run\'s group to this run\'s'],
    ['预测 Forecast', `每个序列对季节性朴素、ETS（按 AICc 选）、Theta、STL + ETS 做滚动起点回测（真实预测期）；回测 MASE 与最优者相差不超过 ${POOL_TOLERANCE * 100}% 的方法取平均（只有一个时单独使用，季节性朴素亦可）；有事件日历时，事件调整后的模型另成一组，仅当其回测更好时采用；区间按回测误差放宽。清洗标记的异常订单不参与建模：各期实际值不含异常订单，预测表合计中单列其笔数与金额，实际 + 异常订单 = 全部订单净收入。基于客户的预测（BG/NBD × Gamma-Gamma）只在总收入序列最后 ${CUSTOMER_BACKTEST_ORIGINS} 个回测起点回测（每个起点都要在全部客户上重新拟合两个模型，耗时数秒），以同一 MASE 计分，与候选并列显示，不参与选择。每个序列的选择与理由见预测表`,
      `Per series, seasonal naive, ETS (chosen by AICc), Theta and STL + ETS are backtested from rolling origins at the real horizon; the methods whose backtest MASE is within ${POOL_TOLERANCE * 100}% of the best are averaged (one alone when no other is, seasonal naive included); with an event calendar the models on the event-adjusted series form a second pool, used only when it backtests better; intervals are widened to what the backtest errors ask. Orders cleaning flags as outliers are kept out of model fitting: each period's actual leaves them out and the Forecast sheet's totals list their count and amount, actual + outliers = net revenue over all orders. The customer-based forecast (BG/NBD × Gamma-Gamma) is backtested on the total revenue series at their last ${CUSTOMER_BACKTEST_ORIGINS} origins only (each origin refits both models on every customer, seconds apiece), scored with the same MASE and shown beside the candidates, never chosen. Each series' choice and why: Forecast sheet`],
    ['隐私 Privacy', '姓名、电话、邮箱在清洗时加盐哈希，报告中不显示', 'Names, phones and emails are replaced by salted hashes when cleaned and never shown in reports'],
    ['数据质量 Data quality', '每条被拒绝的行进入隔离表并注明原因；每个数据源满足 读取 = 接受 + 隔离', 'Every rejected row is quarantined with its reason; every source satisfies read = accepted + quarantined'],
    ['未计算 Not computed', '某阶段本次没有结果时，对应表只写“本次运行未计算”，不显示任何数字', 'When a stage has no results for the run its sheet says "not computed in this run" and shows no numbers'],
    ['源数据 Source values', '来自源数据的文本一律按文本写入，不会作为公式执行', 'Text from source data is always written as text, never as a formula'],
    ['公式与对账 Formulas and reconciliation', '摘要中的净收入、订单数、客户数、流失风险客户数、读取与隔离行数为明细表行的求和公式，客单价、隔离率与变化为指标单元格的公式；对账表列出明细合计与运行计算值之差（应为 0）；图表引用所在表格的单元格，修改数据后图表随之更新',
      'On the Summary, net revenue, orders, customers, churn-risk customers and rows read and quarantined are sums over the detail tables\' rows, average order value, quarantine rate and the changes formulas over the KPI cells; the reconciliation lists each detail sum against the value the run computed (the difference should be 0); charts reference the cells of their tables and follow edits'],
  ];
  addTable(sheet, { row, name: 'MethodNotes' }, [
    { header: { zh: '项目', en: 'Item' } }, { header: { zh: '说明', en: 'Chinese' } }, { header: { zh: '说明（英文）', en: 'English' } },
  ], rows);
  for (const column of [2, 3]) {
    sheet.getColumn(column).width = 60;
    sheet.getColumn(column).alignment = { wrapText: true, vertical: 'top' };
  }
}
