/**
 * The column layout of every table and file the generator writes, each column with the
 * canonical column (config/canonical.ts) it maps to. One list feeds the writers, the
 * PostgreSQL DDL and the generated sources.json, so they cannot drift apart.
 */
import type { CANONICAL_ENTITIES, EntityName } from '../../config/canonical';

type Spec<E extends EntityName> = (typeof CANONICAL_ENTITIES)[E];
/** A canonical column of entity E. */
export type CanonicalColumn<E extends EntityName> = Spec<E>['required'][number] | Spec<E>['optional'][number];

export interface Column<E extends EntityName> {
  name: string;
  /** Absent for technical columns the pipeline ignores (keys, store names). */
  canonical?: CanonicalColumn<E>;
  /** SQL type in the source schema; raw exports are text. */
  sqlType?: 'bigint' | 'integer';
}

export interface Layout<E extends EntityName> {
  entity: E;
  columns: readonly Column<E>[];
}

/** source.customers */
export const CUSTOMERS_TABLE: Layout<'customers'> = {
  entity: 'customers',
  columns: [
    { name: 'customer_no', canonical: 'customer_id' },
    { name: 'full_name', canonical: 'name' },
    { name: 'mobile', canonical: 'phone' },
    { name: 'email', canonical: 'email' },
    { name: 'sex', canonical: 'gender' },
    { name: 'birthday', canonical: 'birth_date' },
    { name: 'city', canonical: 'city' },
    { name: 'registered_at', canonical: 'signup_at' },
    { name: 'register_channel', canonical: 'signup_channel' },
  ],
};

/** source.orders: one row per order (header). */
export const ORDERS_TABLE: Layout<'order_lines'> = {
  entity: 'order_lines',
  columns: [
    { name: 'order_no', canonical: 'order_id' },
    { name: 'member_no', canonical: 'customer_id' },
    { name: 'order_time', canonical: 'ordered_at' },
    { name: 'channel', canonical: 'channel' },
    { name: 'currency', canonical: 'currency' },
  ],
};

/** source.order_lines: one row per line; a return repeats its line with `returned_at` set. */
export const ORDER_LINES_TABLE: Layout<'order_lines'> = {
  entity: 'order_lines',
  columns: [
    { name: 'line_key', sqlType: 'bigint' },
    { name: 'order_no', canonical: 'order_id' },
    { name: 'line_no', canonical: 'line_no', sqlType: 'integer' },
    { name: 'sku', canonical: 'product_id' },
    { name: 'category', canonical: 'category' },
    { name: 'qty', canonical: 'quantity' },
    { name: 'unit_price', canonical: 'unit_price' },
    { name: 'amount', canonical: 'amount' },
    { name: 'status', canonical: 'status' },
    { name: 'returned_at' },
  ],
};

/** A column of the source.order_lines_flat view with its SQL over lines `l` and orders `o`. */
export interface ViewColumn extends Column<'order_lines'> {
  sql: string;
}

/** source.order_lines_flat: each line with its order header; returns dated by their return time. */
export const ORDER_LINES_FLAT_VIEW: readonly ViewColumn[] = [
  { name: 'line_key', sql: 'l.line_key' },
  { name: 'order_no', canonical: 'order_id', sql: 'l.order_no' },
  { name: 'line_no', canonical: 'line_no', sql: 'l.line_no' },
  { name: 'member_no', canonical: 'customer_id', sql: 'o.member_no' },
  { name: 'order_time', canonical: 'ordered_at', sql: 'coalesce(l.returned_at, o.order_time)' },
  { name: 'channel', canonical: 'channel', sql: 'o.channel' },
  { name: 'sku', canonical: 'product_id', sql: 'l.sku' },
  { name: 'category', canonical: 'category', sql: 'l.category' },
  { name: 'qty', canonical: 'quantity', sql: 'l.qty' },
  { name: 'unit_price', canonical: 'unit_price', sql: 'l.unit_price' },
  { name: 'amount', canonical: 'amount', sql: 'l.amount' },
  { name: 'currency', canonical: 'currency', sql: 'o.currency' },
  { name: 'status', canonical: 'status', sql: 'l.status' },
];

/** store_orders_gbk.csv: the store channel's flat export (门店订单导出). */
export const STORE_EXPORT: Layout<'order_lines'> = {
  entity: 'order_lines',
  columns: [
    { name: '订单号', canonical: 'order_id' },
    { name: '行号', canonical: 'line_no' },
    { name: '客户编号', canonical: 'customer_id' },
    { name: '下单时间', canonical: 'ordered_at' },
    { name: '渠道', canonical: 'channel' },
    { name: '门店' },
    { name: '商品编号', canonical: 'product_id' },
    { name: '品类', canonical: 'category' },
    { name: '数量', canonical: 'quantity' },
    { name: '单价', canonical: 'unit_price' },
    { name: '金额', canonical: 'amount' },
    { name: '币种', canonical: 'currency' },
    { name: '状态', canonical: 'status' },
  ],
};

/** source.marketing_spend */
export const MARKETING_TABLE: Layout<'marketing_spend'> = {
  entity: 'marketing_spend',
  columns: [
    { name: 'month', canonical: 'month' },
    { name: 'channel', canonical: 'channel' },
    { name: 'spend', canonical: 'spend' },
    { name: 'new_customers', canonical: 'new_customers' },
    { name: 'currency', canonical: 'currency' },
  ],
};

/** marketing_spend.xlsx, same cells as MARKETING_TABLE under Chinese headers. */
export const MARKETING_EXPORT: Layout<'marketing_spend'> = {
  entity: 'marketing_spend',
  columns: [
    { name: '月份', canonical: 'month' },
    { name: '渠道', canonical: 'channel' },
    { name: '投放金额', canonical: 'spend' },
    { name: '新客数', canonical: 'new_customers' },
    { name: '币种', canonical: 'currency' },
  ],
};

/** source.survey_responses */
export const SURVEY_TABLE: Layout<'survey_responses'> = {
  entity: 'survey_responses',
  columns: [
    { name: 'response_no', canonical: 'response_id' },
    { name: 'member_no', canonical: 'customer_id' },
    { name: 'answered_at', canonical: 'answered_at' },
    { name: 'nps', canonical: 'nps' },
    { name: 'csat', canonical: 'csat' },
    { name: 'comment', canonical: 'comment' },
    { name: 'channel', canonical: 'channel' },
  ],
};

/** survey_responses.csv, same cells as SURVEY_TABLE under Chinese headers. */
export const SURVEY_EXPORT: Layout<'survey_responses'> = {
  entity: 'survey_responses',
  columns: [
    { name: '问卷编号', canonical: 'response_id' },
    { name: '会员编号', canonical: 'customer_id' },
    { name: '提交时间', canonical: 'answered_at' },
    { name: '推荐意愿', canonical: 'nps' },
    { name: '满意度', canonical: 'csat' },
    { name: '评价内容', canonical: 'comment' },
    { name: '渠道', canonical: 'channel' },
  ],
};

/** reviews_gb18030.csv: the shop's product reviews (商品评价导出). */
export const REVIEWS_EXPORT: Layout<'reviews'> = {
  entity: 'reviews',
  columns: [
    { name: '评价编号', canonical: 'review_id' },
    { name: '会员编号', canonical: 'customer_id' },
    { name: '商品编号', canonical: 'product_id' },
    { name: '评价时间', canonical: 'reviewed_at' },
    { name: '评分', canonical: 'rating' },
    { name: '评价内容', canonical: 'text' },
    { name: '渠道', canonical: 'channel' },
  ],
};

/** engagement_events.csv: the app-analytics export of visits, e-mail and social events. */
export const ENGAGEMENT_EXPORT: Layout<'engagement_events'> = {
  entity: 'engagement_events',
  columns: [
    { name: 'event_id', canonical: 'event_id' },
    { name: 'member_id', canonical: 'customer_id' },
    { name: 'event_time', canonical: 'occurred_at' },
    { name: 'event_type', canonical: 'event_type' },
    { name: 'channel', canonical: 'channel' },
    { name: 'referred_member_id', canonical: 'referred_customer_id' },
  ],
};

/** Column names of a layout, in order. */
export function columnNames(layout: { columns: readonly { name: string }[] }): string[] {
  return layout.columns.map((c) => c.name);
}

/** The tables of the `source` schema, in load order, keyed by table name. */
export const SOURCE_TABLES = {
  customers: CUSTOMERS_TABLE,
  orders: ORDERS_TABLE,
  order_lines: ORDER_LINES_TABLE,
  marketing_spend: MARKETING_TABLE,
  survey_responses: SURVEY_TABLE,
} as const satisfies Record<string, Layout<EntityName>>;
export type SourceTable = keyof typeof SOURCE_TABLES;

/** Where a table's COPY payload is written, relative to the output directory. */
export function payloadPath(table: SourceTable): string {
  return `database/${table}.csv`;
}
