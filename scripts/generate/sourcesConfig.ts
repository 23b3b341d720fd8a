/**
 * The sources.json that describes the generated data for the pipeline's extract stage
 * (config/sources.ts): customers and online order lines from the `source` schema, store
 * orders from the GBK export, marketing spend from the workbook, surveys from the BOM
 * CSV, reviews from the GB18030 export and engagement events from the UTF-8 CSV. Column mappings come from the layouts, date formats from the styles actually used.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { EntityName } from '../../config/canonical';
import { parseSourceConfig, type SourceConfigInput } from '../../config/sources';
import {
  CUSTOMERS_TABLE, ENGAGEMENT_EXPORT, MARKETING_EXPORT, ORDER_LINES_FLAT_VIEW, REVIEWS_EXPORT, STORE_EXPORT, SURVEY_EXPORT, type Column,
} from './layouts';
import { ENGAGEMENT_DATE_FORMATS } from './engagement';
import { REVIEW_DATE_FORMATS } from './reviews';
import { ONLINE_STYLES, STORE_STYLES, orderDateFormats } from './orderStyles';
import { CUSTOMER_DATE_FORMATS } from './people';
import { FLAT_VIEW, SOURCE_SCHEMA } from './postgres';
import { NEAR_DUPLICATE_WINDOW_MINUTES } from './schedule';
import { SURVEY_DATE_FORMATS } from './surveys';

export const TIMEZONE = 'Asia/Shanghai';

/** Output file names, relative to the output directory (and so to sources.json). */
export const OUTPUT_FILES = {
  storeOrders: 'store_orders_gbk.csv',
  marketing: 'marketing_spend.xlsx',
  surveys: 'survey_responses.csv',
  reviews: 'reviews_gb18030.csv',
  engagement: 'engagement_events.csv',
  manifest: 'manifest.json',
  sources: 'sources.json',
} as const;

/** Source names, as sources.json and the manifest use them. */
export const SOURCE_NAMES = {
  customers: 'customers',
  online: 'online_order_lines',
  store: 'store_orders',
  marketing: 'marketing_spend',
  surveys: 'survey_responses',
  reviews: 'reviews',
  engagement: 'engagement_events',
} as const;

/** Mapped columns (source → canonical) and the ignored ones. */
function mapping<E extends EntityName>(columns: readonly Column<E>[]): { columns: Record<string, string>; ignore: string[] } {
  return {
    columns: Object.fromEntries(columns.flatMap((c) => (c.canonical ? [[c.name, c.canonical]] : []))),
    ignore: columns.filter((c) => !c.canonical).map((c) => c.name),
  };
}

/** The source config for a generated data set. */
function buildSourceConfig(): SourceConfigInput {
  const local = { timezone: TIMEZONE, currency: 'CNY' };
  return {
    timezone: TIMEZONE,
    currency: 'CNY',
    nearDuplicateWindowMinutes: NEAR_DUPLICATE_WINDOW_MINUTES,
    sources: [
      {
        name: SOURCE_NAMES.customers, kind: 'database', entity: 'customers', table: `${SOURCE_SCHEMA}.customers`, keyColumn: 'customer_no',
        ...mapping(CUSTOMERS_TABLE.columns), dateFormats: CUSTOMER_DATE_FORMATS, ...local,
      },
      {
        name: SOURCE_NAMES.online, kind: 'database', entity: 'order_lines', table: `${SOURCE_SCHEMA}.${FLAT_VIEW}`, keyColumn: 'line_key',
        ...mapping(ORDER_LINES_FLAT_VIEW), dateFormats: orderDateFormats(ONLINE_STYLES), ...local,
      },
      {
        name: SOURCE_NAMES.store, kind: 'csv', entity: 'order_lines', path: OUTPUT_FILES.storeOrders, encoding: 'gbk',
        ...mapping(STORE_EXPORT.columns), dateFormats: orderDateFormats(STORE_STYLES), ...local,
      },
      {
        name: SOURCE_NAMES.marketing, kind: 'xlsx', entity: 'marketing_spend', path: OUTPUT_FILES.marketing,
        ...mapping(MARKETING_EXPORT.columns), dateFormats: ['yyyy-MM'], ...local,
      },
      {
        name: SOURCE_NAMES.surveys, kind: 'csv', entity: 'survey_responses', path: OUTPUT_FILES.surveys, encoding: 'auto',
        ...mapping(SURVEY_EXPORT.columns), dateFormats: SURVEY_DATE_FORMATS, ...local,
      },
      {
        name: SOURCE_NAMES.reviews, kind: 'csv', entity: 'reviews', path: OUTPUT_FILES.reviews, encoding: 'gb18030',
        ...mapping(REVIEWS_EXPORT.columns), dateFormats: REVIEW_DATE_FORMATS, ...local,
      },
      {
        name: SOURCE_NAMES.engagement, kind: 'csv', entity: 'engagement_events', path: OUTPUT_FILES.engagement, encoding: 'utf8',
        ...mapping(ENGAGEMENT_EXPORT.columns), dateFormats: ENGAGEMENT_DATE_FORMATS, ...local,
      },
    ],
  };
}

/**
 * Writes sources.json into `outDir` after checking it against the source config schema.
 * @returns the file's path
 */
export async function writeSourceConfig(outDir: string): Promise<string> {
  const config = buildSourceConfig();
  parseSourceConfig(config, 'generated sources.json');
  const file = path.join(outDir, OUTPUT_FILES.sources);
  await fs.writeFile(file, `${JSON.stringify(config, null, 2)}\n`);
  return file;
}
