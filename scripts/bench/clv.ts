/**
 * Benchmark: fit BG/NBD and Gamma-Gamma on 100,000 simulated customers (target ≤ 5 s).
 * `npx tsx scripts/bench/clv.ts [customers]`. Times are wall clock and CPU; RSS is the peak
 * resident set size of the process. Customers are drawn from the CDNOW estimates with day
 * resolution (as dated transactions are), so the fitter can compress them to unique rows.
 */
import { fitBgNbd } from '../../analytics/clv/bgnbd';
import { fitGammaGamma } from '../../analytics/clv/gammaGamma';
import { simulateCustomers } from '../../analytics/clv/simulate';

const TARGET_SECONDS = 5;

function timed<T>(work: () => T): { result: T; wallSeconds: number; cpuSeconds: number } {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const result = work();
  const used = process.cpuUsage(cpu);
  return { result, wallSeconds: (performance.now() - start) / 1000, cpuSeconds: (used.user + used.system) / 1e6 };
}

function run(): void {
  const customers = Number(process.argv[2] ?? 100_000);
  const summaries = simulateCustomers({
    customers,
    bgnbd: { r: 0.2426, alpha: 4.4136, a: 0.7929, b: 2.4259 },
    gammaGamma: { p: 6.2496, q: 3.7442, v: 15.4435 },
    minT: 27,
    maxT: 39,
    seed: 20240601,
    timeStep: 1 / 7,
  });
  const bgnbd = timed(() => fitBgNbd(summaries));
  const gammaGamma = timed(() => fitGammaGamma(summaries));
  const wall = bgnbd.wallSeconds + gammaGamma.wallSeconds;
  const { r, alpha, a, b, converged, iterations, uniqueRows } = bgnbd.result;
  const { p, q, v } = gammaGamma.result;
  const line = (label: string, t: { wallSeconds: number; cpuSeconds: number }, detail: string) =>
    console.log(`${label.padEnd(12)} ${t.wallSeconds.toFixed(2)} s wall  ${t.cpuSeconds.toFixed(2)} s CPU  ${detail}`);
  console.log(`customers    ${customers}`);
  line('BG/NBD', bgnbd, `${uniqueRows} unique rows, ${iterations} iterations, converged=${converged}, r=${r.toFixed(4)} α=${alpha.toFixed(4)} a=${a.toFixed(4)} b=${b.toFixed(4)}`);
  line('Gamma-Gamma', gammaGamma, `${gammaGamma.result.customers} repeat buyers, converged=${gammaGamma.result.converged}, p=${p.toFixed(4)} q=${q.toFixed(4)} v=${v.toFixed(4)}`);
  console.log(`total        ${wall.toFixed(2)} s wall (target ≤ ${TARGET_SECONDS} s: ${wall <= TARGET_SECONDS ? 'met' : 'missed'})`);
  console.log(`peak RSS     ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
}

run();
