/**
 * manifest.json: what was generated and the truth behind it — options, row counts per
 * source, every injected fault by kind and source, the formats each source mixes, each
 * customer's latent behaviour, voice and end-of-window state, and the expected totals.
 * Byte-stable: no paths, clocks or host details, keys in a fixed order.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { CHANNELS, type Channel } from '../../config/canonical';
import { BEHAVIOURS, VOICES } from './behaviours';
import { CAC_YUAN, type MarketingRow } from './marketing';
import type { Tally } from './mess';
import type { OrderSink } from './orderSinks';
import type { CustomerStats } from './people';
import type { Population } from './population';
import { FLAT_VIEW, SOURCE_SCHEMA } from './postgres';
import { PLANTED_CHANNEL_DROP, type Schedule } from './schedule';
import { OUTPUT_FILES, SOURCE_NAMES } from './sourcesConfig';
import type { SurveyRecorder } from './surveys';
import type { EngagementRecorder } from './engagement';
import { PLANTED } from './planted';
import type { ReviewRecorder } from './reviews';
import type { RevenueTruth } from './truth';

export interface SourceSummary {
  kind: 'database' | 'csv' | 'xlsx';
  /** Table, view or file the pipeline reads. */
  location: string;
  rows: number;
  orders?: number;
  /** Injected faults (and returns) by kind, in rows. */
  mess: Record<string, number>;
  /** How often each notation of a field occurs, e.g. `date` → rows per DATE_FORMATS entry. */
  forms: Record<string, Record<string, number>>;
}

export interface Manifest {
  generator: 'scripts/generate';
  formatVersion: 1;
  seed: number;
  options: { customers: number; lines: number; start: string; end: string };
  timezone: string;
  currency: string;
  /** `customersWithOrders` excludes members acquired before the window who no longer buy in it. */
  counts: {
    customers: number; customersWithOrders: number; orders: number; orderLineRows: number; surveyResponses: number; marketingRows: number;
    reviews: number; engagementEvents: number;
  };
  sources: Record<string, SourceSummary>;
  /** The `source` schema: rows per table, and the COPY payload file each was loaded from. */
  database: { schema: string; loaded: boolean; tables: Record<string, { rows: number; payload: string }> };
  /** SHA-256 and size of every file written (manifest excepted). */
  files: Record<string, { bytes: number; sha256: string }>;
  latent: {
    /** Customer index i (0-based) has id `C` + (i + 1) zero-padded to 8 digits; codes below are indexed by i. */
    idFormat: string;
    rateScale: number;
    behaviours: Array<{ code: string; name: string; zh: string; share: number; customers: number }>;
    /** One character per customer: the code of its behaviour. */
    behaviourCodes: string;
    voices: Array<{ code: string; name: string; customers: number }>;
    voiceCodes: string;
    /** One character per customer: 1 = still buying at the window's end, 0 = dropped out, churned or a one-time buyer. */
    aliveCodes: string;
    /** Planted voice groups (scripts/generate/planted.ts): counts and one code per customer. */
    planted: Array<{ code: string; name: string; customers: number }>;
    plantedCodes: string;
    /** Each influencer's id → the customers its referrals brought (ids, sorted). */
    referrals: Record<string, string[]>;
    /** The planted forecast risk (schedule.ts PLANTED_CHANNEL_DROP) and the repeat orders it removed. */
    plantedChannelDrop: { channel: string; lastDays: number; share: number; orders: number };
  };
  expected: {
    /** Business truth: each generated order once at its true amounts, returns netted on their date (yuan). */
    grossRevenue: number;
    returns: number;
    netRevenue: number;
    salesLines: number;
    returnLines: number;
    /** True amounts (yuan) of the rows each fault kind touched, all sources together. */
    faultRevenue: Record<string, number>;
    revenueByMonth: Record<string, number>;
    /** Keyed by the Monday of the ISO week. */
    revenueByWeek: Record<string, number>;
    newCustomersByChannel: Record<Channel, number>;
    marketingSpend: number;
    /** The true acquisition cost per new customer used to draw spend (yuan). */
    trueCacByChannel: Readonly<Record<Channel, number>>;
    /** From answers with a score: % promoters − % detractors, and % of CSAT 4–5. */
    nps: number;
    csatPercent: number;
  };
}

/** SHA-256 and size of a file, streamed. */
async function fileDigest(path: string): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of fs.createReadStream(path)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { bytes, sha256: hash.digest('hex') };
}

function codes(values: Uint8Array): string {
  return Buffer.from(values.map((v) => 48 + v)).toString('latin1');
}

/** How many entries of `values` equal `code`. */
export function countOf(values: Uint8Array, code: number): number {
  let n = 0;
  for (const v of values) if (v === code) n++;
  return n;
}

/** The latent truth per customer. */
export function latentSection(pop: Population, schedule: Schedule, dropped: Uint8Array, rateScale: number, planted: Uint8Array, engagement: EngagementRecorder): Manifest['latent'] {
  return {
    idFormat: 'C{index + 1, 8 digits}',
    rateScale,
    behaviours: BEHAVIOURS.map((b, i) => ({ code: String(i), name: b.name, zh: b.zh, share: b.share, customers: countOf(pop.behaviour, i) })),
    behaviourCodes: codes(pop.behaviour),
    voices: VOICES.map((name, i) => ({ code: String(i), name, customers: countOf(pop.voice, i) })),
    voiceCodes: codes(pop.voice),
    aliveCodes: codes(schedule.alive),
    planted: PLANTED.map((name, i) => ({ code: String(i), name, customers: countOf(planted, i) })),
    plantedCodes: codes(planted),
    referrals: Object.fromEntries([...engagement.referred].sort(([a], [b]) => (a < b ? -1 : 1))),
    plantedChannelDrop: { ...PLANTED_CHANNEL_DROP, orders: countOf(dropped, 1) },
  };
}

const yuan = (fen: number) => Math.round(fen) / 100;
const percent = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((10_000 * part) / whole) / 100);

/** The expected totals. */
export function expectedSection(truth: RevenueTruth, faultRevenue: Tally, marketing: readonly MarketingRow[], surveys: SurveyRecorder): Manifest['expected'] {
  const newCustomersByChannel = Object.fromEntries(CHANNELS.map((c) => [c, 0])) as Record<Channel, number>;
  for (const row of marketing) newCustomersByChannel[row.channel] += row.newCustomers;
  return {
    grossRevenue: yuan(truth.salesFen),
    returns: yuan(truth.returnsFen),
    netRevenue: yuan(truth.salesFen - truth.returnsFen),
    salesLines: truth.salesLines,
    returnLines: truth.returnLines,
    faultRevenue: Object.fromEntries(Object.entries(faultRevenue.toJSON()).map(([k, fen]) => [k, yuan(fen)])),
    revenueByMonth: truth.monthly(),
    revenueByWeek: truth.weekly(),
    newCustomersByChannel,
    marketingSpend: yuan(marketing.reduce((sum, row) => sum + row.spendFen, 0)),
    trueCacByChannel: CAC_YUAN,
    nps: percent(surveys.promoters - surveys.detractors, surveys.scored),
    csatPercent: percent(surveys.satisfied, surveys.rated),
  };
}

/** What each source holds, as written. */
export function sourcesSection(parts: {
  customers: CustomerStats & { rows: number };
  online: OrderSink;
  store: OrderSink;
  marketing: { rows: readonly MarketingRow[]; mess: Tally };
  surveys: SurveyRecorder;
  reviews: ReviewRecorder;
  engagement: EngagementRecorder;
}): Manifest['sources'] {
  const { customers, online, store, marketing, surveys, reviews, engagement } = parts;
  return {
    [SOURCE_NAMES.customers]: {
      kind: 'database', location: `${SOURCE_SCHEMA}.customers`, rows: customers.rows, mess: customers.mess.toJSON(),
      forms: Object.fromEntries(Object.entries(customers.forms).map(([field, tally]) => [field, tally.toJSON()])),
    },
    [SOURCE_NAMES.online]: {
      kind: 'database', location: `${SOURCE_SCHEMA}.${FLAT_VIEW}`, rows: online.rows, orders: online.orders, mess: online.mess.toJSON(),
      forms: { date: online.dateFormats.toJSON() },
    },
    [SOURCE_NAMES.store]: {
      kind: 'csv', location: OUTPUT_FILES.storeOrders, rows: store.rows, orders: store.orders, mess: store.mess.toJSON(),
      forms: { date: store.dateFormats.toJSON() },
    },
    [SOURCE_NAMES.marketing]: { kind: 'xlsx', location: OUTPUT_FILES.marketing, rows: marketing.rows.length, mess: marketing.mess.toJSON(), forms: {} },
    [SOURCE_NAMES.surveys]: {
      kind: 'csv', location: OUTPUT_FILES.surveys, rows: surveys.rows, mess: surveys.mess.toJSON(),
      forms: { date: surveys.dateFormats.toJSON(), language: surveys.languages.toJSON() },
    },
    [SOURCE_NAMES.reviews]: {
      kind: 'csv', location: OUTPUT_FILES.reviews, rows: reviews.rows, mess: reviews.mess.toJSON(),
      forms: { rating: reviews.ratingForms.toJSON(), tone: reviews.tones.toJSON() },
    },
    [SOURCE_NAMES.engagement]: {
      kind: 'csv', location: OUTPUT_FILES.engagement, rows: engagement.rows, mess: engagement.mess.toJSON(),
      forms: { eventType: engagement.types.toJSON() },
    },
  };
}

/** Size and SHA-256 of each named file under `dir`, in the given order. */
export async function filesSection(dir: string, names: readonly string[]): Promise<Manifest['files']> {
  const files: Manifest['files'] = {};
  for (const name of names) files[name] = await fileDigest(path.join(dir, name));
  return files;
}
