/** Row accounting per source, counts per rule and a quarantine sample: the data-quality section of the report model. */
import type { Bilingual } from '../../analytics/segment/bilingual';

export interface DataQualityRule {
  entity: string;
  source: string;
  rule: string;
  description: Bilingual;
  action: string;
  rows: number;
}

export interface SourceAccount {
  source: string;
  entity: string;
  read: number;
  afterAsOf: number;
  accepted: number;
  quarantined: number;
}

export interface QuarantineSample {
  entity: string;
  source: string;
  rowNo: number;
  reason: string;
  column: string | null;
  detail: string | null;
  /** The raw source values as JSON text. */
  raw: string;
}

export interface DataQuality {
  sources: SourceAccount[];
  rules: DataQualityRule[];
  quarantineTotal: number;
  quarantineSample: QuarantineSample[];
}
