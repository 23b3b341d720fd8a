/**
 * Every data-quality rule the clean stage applies, with the action it takes and a
 * bilingual description for the data-quality sheet. Counts are stored per run, entity,
 * source and rule (dq_summary); quarantined rows keep the rule as their reason.
 */
export type RuleAction = 'fixed' | 'quarantined' | 'flagged' | 'netted' | 'imputed' | 'not_applied';

export const RULES = {
  // fixes
  fullwidth_digits: { action: 'fixed', en: 'Full-width characters folded to ASCII', zh: '全角字符转半角' },
  date_format: { action: 'fixed', en: 'Non-ISO date format converted', zh: '非标准日期格式已转换' },
  currency_symbol: { action: 'fixed', en: 'Currency symbol or word removed', zh: '去除货币符号' },
  thousands_separator: { action: 'fixed', en: 'Thousands separators removed', zh: '去除千位分隔符' },
  fen_to_yuan: { action: 'fixed', en: 'Amount in fen converted to yuan', zh: '金额由分换算为元' },
  channel_alias: { action: 'fixed', en: 'Channel name mapped to canonical code', zh: '渠道名称标准化' },
  city_alias: { action: 'fixed', en: 'City alias mapped to canonical city', zh: '城市名称标准化' },
  gender_code: { action: 'fixed', en: 'Gender code normalised (男/女/M/F/1/0)', zh: '性别编码标准化' },
  pii_pseudonymized: { action: 'fixed', en: 'Name/phone/email replaced by salted hash', zh: '个人信息已加盐哈希脱敏' },
  // imputations
  demographics_unknown: { action: 'imputed', en: 'Missing demographics set to "unknown"', zh: '缺失人口属性设为“未知”' },
  quantity_defaulted: { action: 'imputed', en: 'Missing quantity set to 1', zh: '缺失数量设为 1' },
  order_per_line: { action: 'imputed', en: 'The source has no order ids: each line is an order of its own', zh: '来源无订单号：每行视为一个订单' },
  blank_comment: { action: 'imputed', en: 'Empty or whitespace-only survey comment stored as no comment (answer kept)', zh: '空白问卷评论记为无评论（保留评分）' },
  // flags and netting
  outlier_amount: { action: 'flagged', en: 'Order amount is a robust outlier (MAD > 3.5); kept, excluded from model fitting', zh: '订单金额异常（MAD 法），保留但不参与建模' },
  return_netted: { action: 'netted', en: 'Return netted against its order', zh: '退货已冲抵原订单' },
  cancellation_netted: { action: 'netted', en: 'Cancelled line netted against its order', zh: '取消行已冲抵原订单' },
  // rules a source's data cannot support (rows: the rows the rule did not look at)
  near_duplicate_not_applied: { action: 'not_applied', en: 'Order times carry no time of day (every line at local midnight): two purchases on one day cannot be told from a double submit, so the near-duplicate rule was not applied to this source (exact duplicates still were)', zh: '订单时间不含时刻（均为当地零点）：无法区分同日复购与重复提交，此来源未执行疑似重复提交规则（完全重复仍已剔除）' },
  // quarantine reasons
  missing_required: { action: 'quarantined', en: 'A required value is missing', zh: '缺少必填值' },
  missing_customer_id: { action: 'quarantined', en: 'Customer id is missing', zh: '缺少客户编号' },
  invalid_date: { action: 'quarantined', en: 'Date could not be parsed with the configured formats', zh: '日期无法解析' },
  invalid_amount: { action: 'quarantined', en: 'Amount is not a number', zh: '金额无法解析' },
  invalid_quantity: { action: 'quarantined', en: 'Quantity is not a number', zh: '数量无法解析' },
  invalid_score: { action: 'quarantined', en: 'NPS outside 0–10 or CSAT outside 1–5', zh: 'NPS 或 CSAT 超出范围' },
  unsupported_currency: { action: 'quarantined', en: 'Currency differs from the reporting currency', zh: '币种与报告币种不符' },
  unknown_channel: { action: 'quarantined', en: 'Channel is not one of app/web/store/mini_program', zh: '未知渠道' },
  invalid_rating: { action: 'quarantined', en: 'Review rating is not 1–5 stars', zh: '评价星级不在 1–5 之间' },
  empty_comment: { action: 'quarantined', en: 'Review text is empty or whitespace only', zh: '评价内容为空' },
  unknown_event_type: { action: 'quarantined', en: 'Engagement event type is not a known type', zh: '未知互动事件类型' },
  unknown_customer: { action: 'quarantined', en: 'Customer id matches no customer', zh: '客户编号不存在' },
  duplicate_key: { action: 'quarantined', en: 'Key already seen in this run (first kept)', zh: '主键重复（保留首条）' },
  exact_duplicate: { action: 'quarantined', en: 'Exact duplicate of another row', zh: '完全重复' },
  near_duplicate: { action: 'quarantined', en: 'Same customer, product and amount within the double-submit window', zh: '疑似重复提交（时间窗口内同客户同商品同金额）' },
  return_without_sale: { action: 'quarantined', en: 'Return or cancellation with no matching sale', zh: '退货/取消无对应订单' },
  malformed_row: { action: 'quarantined', en: 'Row is not well-formed CSV: a stray or unclosed quote, or a field count other than the header\'s (raw text kept)', zh: '行格式错误：引号不匹配或字段数与表头不符（保留原始文本）' },
  bad_encoding: { action: 'quarantined', en: 'Row holds bytes that are not valid in the file\'s encoding, or a NUL byte', zh: '行中含有与文件编码不符的字节或空字节' },
  date_before_floor: { action: 'quarantined', en: 'Date is before the date floor (1900-01-01 unless the config sets dateFloor)', zh: '日期早于下限（默认 1900-01-01，可由配置 dateFloor 设定）' },
  date_after_as_of: { action: 'quarantined', en: 'Date is after the as-of date', zh: '日期晚于截至日' },
} as const satisfies Record<string, { action: RuleAction; en: string; zh: string }>;

export type RuleName = keyof typeof RULES;
export type QuarantineReason = { [K in RuleName]: (typeof RULES)[K]['action'] extends 'quarantined' ? K : never }[RuleName];
