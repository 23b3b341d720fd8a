/**
 * The typed model every report is built from (STYLE: reports are pure builders from a typed
 * model). The publish activity loads it from PostgreSQL for one run; the workbook, chart and
 * PDF builders only read it. A section whose stage produced no rows for the run is `null`
 * and the reports say "not computed in this run" — never a made-up number. The sections' types
 * are in this folder, one file per section; this file composes them.
 */
import type { Bilingual } from '../../analytics/segment/bilingual';
import type { CustomerRow } from './customers';
import type { DataQuality } from './dataQuality';
import type { ForecastSection } from './forecast';
import type { SegmentInsights } from './segmentInsights';
import type { GroupRow, NamedCrossTab, Persona, RfmCell, SegmentRow } from './segments';
import type { ValueSection } from './value';
import type { VoiceSection } from './voice';

export type KpiFormat = 'integer' | 'currency' | 'percent' | 'decimal';

export interface Kpi {
  key: string;
  label: Bilingual;
  format: KpiFormat;
  /** This run's value; null when the stage that computes it did not run. */
  value: number | null;
  /** The same figure in the previous run (by as_of); null when there is none. */
  previous: number | null;
}

export interface ReportWarning {
  level: 'warning' | 'info';
  message: Bilingual;
}

export interface RunInfo {
  runId: string;
  asOf: string;
  status: string;
  timeZone: string;
}

export interface RevenueMonth {
  /** YYYY-MM in the run's time zone. */
  month: string;
  revenue: number;
  orders: number;
  customers: number;
}

/** Stages whose results the reports show once they exist for the run. */
export type PendingStage = 'forecast' | 'value' | 'voice';

export interface ReportModel {
  run: RunInfo;
  previousRun: { runId: string; asOf: string } | null;
  kpis: Kpi[];
  warnings: ReportWarning[];
  segments: SegmentRow[];
  groups: GroupRow[];
  personas: Persona[];
  crossTabs: NamedCrossTab[];
  /** The scored list, largest spend first, at most `customersLimit` rows (the CRM CSV has all). */
  customers: CustomerRow[];
  customersTotal: number;
  customersLimit: number;
  rfmGrid: RfmCell[];
  dataQuality: DataQuality;
  revenueHistory: RevenueMonth[];
  /** Null when the forecast stage has no results for the run. */
  forecast: ForecastSection | null;
  /** Null when the value stage has no results for the run. */
  value: ValueSection | null;
  /** Null when the voice stage has no results for the run. */
  voice: VoiceSection | null;
  segmentInsights: SegmentInsights;
  /** Stages with no results for this run: their sheets say "not computed in this run". */
  notComputed: PendingStage[];
}
