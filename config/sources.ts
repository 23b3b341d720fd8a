/**
 * The declarative source config: which sources feed a run and how their columns map onto
 * the canonical schema (config/canonical.ts). Validated once, up front; a config that
 * does not validate never starts a run.
 */
import { z } from 'zod';
import { parseDayOrNull } from '../analytics/calendar';
import { CANONICAL_ENTITIES, ENTITY_NAMES, entityColumns, type EntityName } from './canonical';
import { forecastSettingsSchema } from './forecast';
import { MAX_NEAR_DUPLICATE_MINUTES } from './limits';
import { segmentationSchema } from './segmentation';
import { valuationSchema } from './valuation';
import { voiceOptionsSchema } from './voice';

/** Date formats the parser understands (analytics/cleaning/dates.ts). */
export const DATE_FORMATS = [
  'iso', // 2024-03-05, 2024-03-05T10:20:00, 2024-03-05 10:20:00+08:00
  'yyyy/M/d', // 2024/3/5 or 2024/3/5 10:20[:00]
  'yyyy.M.d',
  'yyyyMMdd',
  'd/M/yyyy', // 05/03/2024 (day first)
  'M/d/yyyy', // 03/05/2024 (month first)
  'cn', // 2024年3月5日 [10时20分 | 10:20]
  'excel-serial', // 45356.43 (days since 1899-12-30)
  'yyyy-MM', // months (marketing spend)
] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

/** What a CSV source may declare: `auto` (detect) or an encoding; `gbk` reads as GB18030, its superset; `latin1` is Windows-1252. */
export const DECLARED_ENCODINGS = ['auto', 'utf8', 'gbk', 'gb18030', 'utf16le', 'utf16be', 'latin1'] as const;
export type DeclaredEncoding = (typeof DECLARED_ENCODINGS)[number];

/** YYYY-MM-DD, a real date. */
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD').refine((s) => parseDayOrNull(s) !== null, 'not a calendar date');

const sourceName = z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, 'source names are lower_snake_case');

const common = {
  name: sourceName,
  entity: z.enum(ENTITY_NAMES as [EntityName, ...EntityName[]]),
  /** Source column → canonical column. Every source column must be mapped or listed in `ignore`. */
  columns: z.record(z.string().min(1), z.string().min(1)),
  ignore: z.array(z.string()).default([]),
  /** Tried in order; the first that parses wins. */
  dateFormats: z.array(z.enum(DATE_FORMATS)).min(1).default(['iso']),
  /** IANA zone of naive timestamps in this source; defaults to the config's timezone. */
  timezone: z.string().optional(),
  currency: z.string().length(3).optional(),
  /** `fen` sources store 1/100 yuan (whole numbers); amounts are converted to yuan. */
  amountUnit: z.enum(['yuan', 'fen']).default('yuan'),
  /** `,` for sources that write `1.234,50`; with the default `.`, `12,5` and `1.234,50` are refused as ambiguous. */
  decimalSeparator: z.enum(['.', ',']).default('.'),
};

const databaseSource = z.object({
  ...common,
  kind: z.literal('database'),
  /** Name of an environment variable with the source's connection URL; absent = the pipeline database. */
  connectionEnv: z.string().optional(),
  /** Table or view, optionally schema-qualified. */
  table: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$/),
  /** A unique, ordered column for keyset batching (never OFFSET, never the whole table in memory). */
  keyColumn: z.string(),
  batchSize: z.number().int().min(100).max(100_000).default(20_000),
  /**
   * A column that grows when a row is added or changed (`updated_at`, or an ever-increasing id):
   * each refresh then reads only rows above the last extraction's high-water mark into the raw
   * store and stages the run from the store (activities/extract/store.ts). Absent = the table is
   * read whole every run.
   */
  watermark: z.string().optional(),
});

const csvSource = z.object({
  ...common,
  kind: z.literal('csv'),
  path: z.string(),
  /** `auto`: a byte-order mark, else UTF-16 by its zero bytes, else UTF-8 or GB18030 decided on the first non-ASCII text (infra/csv/encoding.ts). */
  encoding: z.enum(DECLARED_ENCODINGS).default('auto'),
  delimiter: z.string().length(1).default(','),
});

const xlsxSource = z.object({
  ...common,
  kind: z.literal('xlsx'),
  path: z.string(),
  sheet: z.string().optional(),
});

export const sourceSchema = z.discriminatedUnion('kind', [databaseSource, csvSource, xlsxSource]);
export type SourceSpec = z.infer<typeof sourceSchema>;

export const sourceConfigSchema = z
  .object({
    timezone: z.string().default('Asia/Shanghai'),
    currency: z.string().length(3).default('CNY'),
    /** Same customer, product and amount within this many minutes = a double submit. */
    nearDuplicateWindowMinutes: z.number().positive().max(MAX_NEAR_DUPLICATE_MINUTES).default(10),
    /** Rows dated before this day are quarantined (date_before_floor): `0001-01-01` is a placeholder, not a customer. */
    dateFloor: isoDate.default('1900-01-01'),
    voice: voiceOptionsSchema.prefault({}),
    sources: z.array(sourceSchema).min(1),
    /** Parameters of the value stage (config/valuation.ts); omitted = documented defaults. */
    valuation: valuationSchema.prefault({}),
    /** Settings of the forecast stage (config/forecast.ts); omitted = documented defaults. */
    forecast: forecastSettingsSchema.prefault({}),
    /** Seed and choice of k of the segment stage (config/segmentation.ts); omitted = documented defaults. */
    segmentation: segmentationSchema.prefault({}),
  })
  .superRefine((config, ctx) => {
    const names = new Set<string>();
    config.sources.forEach((source, i) => {
      if (names.has(source.name)) ctx.addIssue({ code: 'custom', path: ['sources', i, 'name'], message: `duplicate source name ${source.name}` });
      names.add(source.name);
      const canonical = new Set(entityColumns(source.entity));
      const mapped = new Set(Object.values(source.columns));
      for (const [from, to] of Object.entries(source.columns)) {
        if (!canonical.has(to)) {
          ctx.addIssue({ code: 'custom', path: ['sources', i, 'columns', from], message: `${to} is not a column of ${source.entity} (expected one of ${[...canonical].join(', ')})` });
        }
      }
      for (const required of CANONICAL_ENTITIES[source.entity].required) {
        if (!mapped.has(required)) {
          ctx.addIssue({ code: 'custom', path: ['sources', i, 'columns'], message: `source ${source.name} maps no column to required ${source.entity}.${required}` });
        }
      }
    });
  });

export type SourceConfig = z.infer<typeof sourceConfigSchema>;
export type SourceConfigInput = z.input<typeof sourceConfigSchema>;

export class SourceConfigError extends Error {
  override name = 'SourceConfigError';
}

/** Validate a parsed config object; the error lists every problem with its path. */
export function parseSourceConfig(value: unknown, origin = 'source config'): SourceConfig {
  const result = sourceConfigSchema.safeParse(value);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  ${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new SourceConfigError(`${origin} is invalid:\n${problems.join('\n')}`);
  }
  return result.data;
}
