/**
 * Benchmark of profiling + segmentation (SPEC §4 at scale): 100,000 simulated customers with
 * about 1,000,000 order lines, through the per-customer features and `segmentCustomers` (RFM,
 * k-means with k by prediction strength, its candidates fitted on two threads as in the segment
 * step, rules, alternatives, groups, tags) — the code the
 * profile and segment stages run, without the database. Prints the time and peak RSS against
 * the targets (≤ 20 s, ≤ 1.5 GB) and exits 1 when one is missed.
 *   npx tsx scripts/bench/segment.ts [--customers N] [--seed N]
 */
import { availableParallelism } from 'node:os';
import { startCandidateThread } from '../../activities/segment/candidateFits';
import { segmentCustomers } from '../../analytics/segment/segmentCustomers';
import { simulatedFeatures, simulateOrders } from '../../analytics/segment/simulate';

const TARGET_SECONDS = 20;
const TARGET_RSS_BYTES = 1.5 * 1024 ** 3;

function argument(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be a positive integer`);
  return value;
}

async function run(): Promise<void> {
  const customers = argument('customers', 100_000);
  const seed = argument('seed', 1);
  const asOf = new Date('2025-01-01T00:00:00Z');

  let start = performance.now();
  const simulated = simulateOrders({ customers, asOf, seed });
  const simulateSeconds = (performance.now() - start) / 1000;

  start = performance.now();
  const cpu = process.cpuUsage();
  const features = simulatedFeatures(simulated, asOf);
  const featureSeconds = (performance.now() - start) / 1000;
  // As the segment step runs it: the candidate k on two threads when there are two cores.
  const thread = availableParallelism() > 1 ? startCandidateThread() : undefined;
  const result = segmentCustomers(features, { seed, fitCandidates: thread?.fitCandidates });
  await thread?.close();
  const seconds = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  const peakRss = process.resourceUsage().maxRSS * 1024; // maxRSS is in KiB

  const { clustering: c } = result;
  if (!c) throw new Error(`too few customers to cluster: ${result.customers.length}`);
  console.log(`simulated ${simulated.lines.toLocaleString('en-US')} order lines for ${customers.toLocaleString('en-US')} customers in ${simulateSeconds.toFixed(1)} s`);
  console.log(`features of ${features.length.toLocaleString('en-US')} customers in ${featureSeconds.toFixed(1)} s`);
  console.log(`segmented ${result.customers.length.toLocaleString('en-US')} customers: k = ${result.k} (by ${c.criterion.replace('_', ' ')}; silhouette ${result.silhouette?.toFixed(3)}, elbow ${c.elbowK}), rule fidelity ${(100 * c.ruleFidelity).toFixed(1)}%`);
  console.log(`features + segmentation: ${seconds.toFixed(1)} s wall, ${((used.user + used.system) / 1e6).toFixed(1)} s CPU`);
  const timeOk = seconds <= TARGET_SECONDS;
  const rssOk = peakRss <= TARGET_RSS_BYTES;
  console.log(`time ${seconds.toFixed(1)} s (target ≤ ${TARGET_SECONDS} s) ${timeOk ? 'OK' : 'OVER'}`);
  console.log(`peak RSS ${(peakRss / 1024 ** 2).toFixed(0)} MB, simulation included (target ≤ ${TARGET_RSS_BYTES / 1024 ** 2} MB) ${rssOk ? 'OK' : 'OVER'}`);
  if (!timeOk || !rssOk) process.exitCode = 1;
}

run().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
