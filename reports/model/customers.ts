/** The scored customer list of the report model. */
import type { Bilingual } from '../../analytics/segment/bilingual';

export interface CustomerRow {
  customerId: string;
  rfmSegment: Bilingual;
  r: number;
  f: number;
  m: number;
  group: Bilingual;
  lifecycle: Bilingual;
  valueTier: Bilingual;
  tags: string[];
  recencyDays: number;
  frequency: number;
  monetary: number;
  averageOrderValue: number;
  firstOrderDate: string;
  lastOrderDate: string;
  topChannel: string | null;
  topCategory: string | null;
  city: string | null;
  ageBand: string | null;
  /** From the value stage; null when it did not run. */
  clv: number | null;
  pAlive: number | null;
  churnRisk: string | null;
}
