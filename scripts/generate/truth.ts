/**
 * The business truth behind the messy exports: every generated order counted once at its
 * true amounts (injected duplicates excluded, corrupted rows at the value they should have
 * had), returns netted on their return date — by ISO week and by month, in yuan.
 */
import { civilDate, formatDay, isoWeekday, SECONDS_PER_DAY } from '../../analytics/calendar';

/** Revenue totals in fen while generating. */
export class RevenueTruth {
  private readonly byWeek = new Map<number, number>();
  private readonly byMonth = new Map<string, number>();
  salesFen = 0;
  returnsFen = 0;
  salesLines = 0;
  returnLines = 0;

  /** A genuine sale (positive fen) or return (negative fen) at local seconds `at`. */
  add(at: number, fen: number): void {
    if (fen >= 0) {
      this.salesFen += fen;
      this.salesLines++;
    } else {
      this.returnsFen -= fen;
      this.returnLines++;
    }
    const day = Math.floor(at / SECONDS_PER_DAY);
    const monday = day - (isoWeekday(day) - 1);
    this.byWeek.set(monday, (this.byWeek.get(monday) ?? 0) + fen);
    const { year, month } = civilDate(day);
    const key = `${year}-${String(month).padStart(2, '0')}`;
    this.byMonth.set(key, (this.byMonth.get(key) ?? 0) + fen);
  }

  /** Net revenue in yuan keyed by the Monday (`YYYY-MM-DD`) of each ISO week, ascending. */
  weekly(): Record<string, number> {
    return Object.fromEntries([...this.byWeek.entries()].sort((a, b) => a[0] - b[0]).map(([d, fen]) => [formatDay(d), fen / 100]));
  }

  /** Net revenue in yuan keyed by `YYYY-MM`, ascending. */
  monthly(): Record<string, number> {
    return Object.fromEntries([...this.byMonth.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([m, fen]) => [m, fen / 100]));
  }
}
