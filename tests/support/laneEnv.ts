/**
 * Every integration test file enters its jest worker's lane (lanes.ts) before it starts: its
 * database, Temporal namespace and output dir. Worker processes a test spawns inherit them.
 */
import { lane } from './lanes';

const current = lane(Number(process.env.JEST_WORKER_ID ?? 1));
process.env.DATABASE_URL = current.databaseUrl;
process.env.TEMPORAL_NAMESPACE = current.namespace;
process.env.OUT_DIR = current.outDir;
