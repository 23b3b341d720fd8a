/**
 * The one runtime configuration object, read from the environment and validated once at
 * start. Nothing else in the code base reads process.env for these settings.
 */
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import type { Chunking } from '../contract/runContext';

const envSchema = z.object({
  /** PostgreSQL URL; absent = an embedded server with its data under DATA_DIR. */
  DATABASE_URL: z.string().url().optional(),
  /** host:port of a Temporal frontend; absent = a local dev server started by the project. */
  TEMPORAL_ADDRESS: z.string().optional(),
  TEMPORAL_NAMESPACE: z.string().default('default'),
  TEMPORAL_TASK_QUEUE: z.string().default('customer-insights'),
  /** Temporal Cloud API key, or mTLS client cert/key paths, for a remote cluster. */
  TEMPORAL_API_KEY: z.string().optional(),
  TEMPORAL_TLS_CERT_PATH: z.string().optional(),
  TEMPORAL_TLS_KEY_PATH: z.string().optional(),
  TEMPORAL_CLI_PATH: z.string().optional(),
  SMTP_URL: z.string().optional(),
  REPORT_RECIPIENTS: z.string().default('finance@example.com'),
  REPORT_SENDER: z.string().default('Customer insights <reports@localhost>'),
  /** Salt for PII pseudonymisation; absent = the public development salt, refused outside the local stack (piiSalt.ts). */
  PII_SALT: z.string().min(8).optional(),
  /** Source configs may name files outside their own folder (`--allow-outside` does the same per command). */
  ALLOW_SOURCES_OUTSIDE_CONFIG: z.enum(['0', '1', 'true', 'false']).default('0'),
  DATA_DIR: z.string().default('.data'),
  OUT_DIR: z.string().default('out'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Shifts every port of the local stack (and the test stack), so several checkouts can run side by side. */
  LOCAL_PORT_OFFSET: z.coerce.number().int().min(0).max(1000).default(0),
  /** Source config the CLI uses when --config is not given (refresh, schedule, backfill). */
  SOURCE_CONFIG: z.string().default(path.join('.data', 'sample', 'sources.json')),
  /** The weekly refresh schedule `schedule create` makes (flags override). */
  SCHEDULE_ID: z.string().default('weekly-refresh'),
  SCHEDULE_DAY: z.enum(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']).default('monday'),
  SCHEDULE_TIME: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM').default('06:00'),
  SCHEDULE_TIMEZONE: z.string().default('Asia/Shanghai'),
  /** Threads a worker runs stage steps on, and so the steps it runs at once; 0 = on its event loop. */
  WORKER_THREADS: z.coerce.number().int().min(0).max(64).optional(),
  /** Old-generation heap of each step thread, in MB (see AppConfig.stepThreadHeapMb). */
  STEP_THREAD_HEAP_MB: z.coerce.number().int().min(128).max(16384).default(512),
  /** The most parts a heavy stage of a run is split into (1: never split); the runs this worker begins use it. */
  STAGE_PARTS: z.coerce.number().int().min(1).max(64).default(1),
  /** The fewest accepted order lines per part: a small run is split into fewer parts, or none. */
  STAGE_PART_MIN_ORDER_LINES: z.coerce.number().int().min(1).default(100_000),
});

export interface AppConfig {
  databaseUrl?: string;
  temporal: {
    address?: string;
    namespace: string;
    taskQueue: string;
    apiKey?: string;
    tlsCertPath?: string;
    tlsKeyPath?: string;
    cliPath?: string;
  };
  smtpUrl?: string;
  reportRecipients: string[];
  reportSender: string;
  piiSalt: string;
  /** True when piiSalt is the public development salt (PII_SALT unset or set to it). */
  piiSaltIsDevelopment: boolean;
  /** Source config file paths may leave the config's folder. */
  allowSourcesOutsideConfig: boolean;
  /** Absolute paths. */
  dataDir: string;
  outDir: string;
  projectRoot: string;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  localPortOffset: number;
  sourceConfigPath: string;
  /** Stage steps a worker runs at once, each on its own thread (0: on the worker's event loop, two at a time). */
  workerThreads: number;
  /**
   * The bound on each step thread's old-generation heap, in MB. A step keeps little once it ends
   * (about 50 MB at 1M order lines); unbounded, V8 lets each thread's heap grow towards the
   * process's default limit (a share of the machine's memory, 4 GB on 24 GB) before collecting,
   * so the garbage of earlier steps stays resident in every thread. A step that needs more
   * live data than this fails with the thread's out-of-memory error.
   */
  stepThreadHeapMb: number;
  /**
   * How the runs this worker begins split their heavy stages: parts that are separate steps of
   * one wave, taken by any worker on the queue (contract/stages.ts). Parts cost a repeated
   * query each, so a small run is not split.
   */
  chunking: Chunking;
  schedule: {
    id: string;
    day: z.infer<typeof envSchema>['SCHEDULE_DAY'];
    /** HH:MM, local time in `timeZone`. */
    time: string;
    timeZone: string;
  };
}

/** The salt used when PII_SALT is unset: public (it is in this file), so for the local stack and sample data only. */
export const DEVELOPMENT_PII_SALT = 'local-dev-salt-change-me';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export const PROJECT_ROOT = path.resolve(__dirname, '..');

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  // An empty variable (common in compose files) means unset.
  const parsed = envSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`invalid environment: ${problems}`);
  }
  const e = parsed.data;
  return {
    databaseUrl: e.DATABASE_URL,
    temporal: {
      address: e.TEMPORAL_ADDRESS,
      namespace: e.TEMPORAL_NAMESPACE,
      taskQueue: e.TEMPORAL_TASK_QUEUE,
      apiKey: e.TEMPORAL_API_KEY,
      tlsCertPath: e.TEMPORAL_TLS_CERT_PATH,
      tlsKeyPath: e.TEMPORAL_TLS_KEY_PATH,
      cliPath: e.TEMPORAL_CLI_PATH,
    },
    smtpUrl: e.SMTP_URL,
    reportRecipients: e.REPORT_RECIPIENTS.split(',').map((s) => s.trim()).filter(Boolean),
    reportSender: e.REPORT_SENDER,
    piiSalt: e.PII_SALT ?? DEVELOPMENT_PII_SALT,
    piiSaltIsDevelopment: (e.PII_SALT ?? DEVELOPMENT_PII_SALT) === DEVELOPMENT_PII_SALT,
    allowSourcesOutsideConfig: e.ALLOW_SOURCES_OUTSIDE_CONFIG === '1' || e.ALLOW_SOURCES_OUTSIDE_CONFIG === 'true',
    dataDir: path.resolve(PROJECT_ROOT, e.DATA_DIR),
    outDir: path.resolve(PROJECT_ROOT, e.OUT_DIR),
    projectRoot: PROJECT_ROOT,
    logLevel: e.LOG_LEVEL,
    localPortOffset: e.LOCAL_PORT_OFFSET,
    sourceConfigPath: e.SOURCE_CONFIG,
    workerThreads: e.WORKER_THREADS ?? availableParallelism(),
    stepThreadHeapMb: e.STEP_THREAD_HEAP_MB,
    chunking: { parts: e.STAGE_PARTS, minOrderLinesPerPart: e.STAGE_PART_MIN_ORDER_LINES },
    schedule: { id: e.SCHEDULE_ID, day: e.SCHEDULE_DAY, time: e.SCHEDULE_TIME, timeZone: e.SCHEDULE_TIMEZONE },
  };
}
