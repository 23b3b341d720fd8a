/**
 * Benchmark of comment sentiment (SPEC §3b at scale): model load time (target ≤ 1 s), then
 * `scoreComment` over 100,000 generated comments (target ≤ 15 s), and the peak RSS.
 * Comments are built from review phrases with a seeded generator: about 60 % Chinese
 * (10–80 characters), 25 % English, 10 % mixed and 5 % emoji-only, like a marketplace export.
 * Wall-clock time is judged against the target; CPU time is printed beside it because a busy
 * machine stretches the wall clock. Exits 1 when a target is missed.
 *   npx tsx scripts/bench/sentiment.ts [comments]
 */
import { loadSentimentModel, scoreComment } from '../../analytics/sentiment';
import { mulberry32 } from '../../analytics/random';

const TARGET_LOAD_SECONDS = 1;
const TARGET_SCORE_SECONDS = 15;

const ZH = ['质量很好', '物流太慢了', '包装破损', '客服态度很好，耐心解答', '不是很满意', '性价比高，推荐购买', '颜色和图片不一样',
  '穿着很舒服', '用了两天就坏了，太失望了', '还行吧', '发货速度快', '味道一般，不会回购', '做工精细，细节到位', '尺码偏小'];
const EN = ['Great quality, fast shipping', 'not bad for the price', 'Broke after two days', 'the color is different from the photos',
  'Customer service never answered', 'love it, will buy again', 'it is ok'];
const EMOJI = ['👍', '😊', '😡', '👎', '❤️'];

/** One generated comment. */
function comment(random: () => number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
  const kind = random();
  if (kind < 0.6) return Array.from({ length: 1 + Math.floor(random() * 4) }, () => pick(ZH)).join('，');
  if (kind < 0.85) return Array.from({ length: 1 + Math.floor(random() * 2) }, () => pick(EN)).join('. ');
  if (kind < 0.95) return `${pick(ZH)}, ${pick(EN)}`;
  return pick(EMOJI).repeat(1 + Math.floor(random() * 3));
}

function run(): void {
  const count = Number(process.argv[2] ?? 100_000);
  const loadStart = performance.now();
  const model = loadSentimentModel();
  const loadSeconds = (performance.now() - loadStart) / 1000;
  const random = mulberry32(7);
  const comments = Array.from({ length: count }, () => comment(random));
  const cpu = process.cpuUsage();
  const start = performance.now();
  let positive = 0;
  for (const text of comments) if (scoreComment(text, 'auto', model).polarity === 'positive') positive++;
  const scoreSeconds = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  console.log(`model load: ${loadSeconds.toFixed(3)} s (target ≤ ${TARGET_LOAD_SECONDS} s)`);
  console.log(
    `scored ${count} comments in ${scoreSeconds.toFixed(2)} s, ${Math.round(count / scoreSeconds)}/s ` +
      `(target ≤ ${TARGET_SCORE_SECONDS} s for 100,000), CPU ${cpuSeconds.toFixed(2)} s; ${positive} positive`,
  );
  console.log(`peak RSS: ${peakRssMb.toFixed(0)} MB`);
  if (loadSeconds > TARGET_LOAD_SECONDS || (count >= 100_000 && scoreSeconds > TARGET_SCORE_SECONDS)) process.exit(1);
}

run();
