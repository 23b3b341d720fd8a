/** A cpuPool task for cpuPool.test.ts: keeps `mb` megabytes of numbers alive at once, then returns their count. */
export default function holdMegabytes({ mb }: { mb: number }): number {
  // Plain arrays live on the JavaScript heap (a typed array's bytes would not).
  const held: number[][] = [];
  for (let i = 0; i < mb; i++) held.push(Array.from({ length: 131_072 }, (_, j) => j + 0.5));
  return held.length;
}
