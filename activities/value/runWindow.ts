/** What the value stage's queries need to know about a run: which rows, and the local calendar. */
export interface RunWindow {
  runId: string;
  /** YYYY-MM-DD, the last day the run sees. */
  asOf: string;
  /** The source config's time zone: purchase days and months are local days and months there. */
  timeZone: string;
  /** Exclusive end of the as-of day in that zone (analytics/cleaning/dates.ts asOfCutoff). */
  cutoff: Date;
}
