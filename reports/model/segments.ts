/** Segments, customer groups, personas, cross-tabs and the RFM grid of the report model. */
import type { Bilingual } from '../../analytics/segment/bilingual';
import type { CrossTab } from '../../analytics/segment/describe';
import type { PersonaCard } from '../../analytics/segment/personas';

export interface SegmentRow {
  segment: string;
  name: Bilingual;
  customers: number;
  customerShare: number;
  revenue: number;
  revenueShare: number;
  medianRecencyDays: number;
  medianFrequency: number;
  medianMonetary: number;
}

/** Customers and revenue of one customer group (churn risk, high value…). */
export interface GroupRow {
  group: string;
  name: Bilingual;
  customers: number;
  customerShare: number;
  revenue: number;
  revenueShare: number;
}

export interface Persona {
  name: Bilingual;
  card: PersonaCard;
}

export interface NamedCrossTab {
  title: Bilingual;
  table: CrossTab;
}

export interface RfmCell {
  r: number;
  f: number;
  customers: number;
  revenue: number;
}
