/** Worker-thread task of the forecast bench: one series evaluated (see forecast.ts). */
import { type BenchSeries, evaluateSeries } from './forecast';

export default function evaluate({ series, events }: { series: BenchSeries; events: boolean }) {
  return evaluateSeries(series, events);
}
