/** Clusters with their rules, the migration since the previous run and product affinity: the segment insights of the report model. */

export interface ClusterRow {
  cluster: number;
  customers: number;
  customerShare: number;
  revenueShare: number;
  featureMeans: Record<string, number>;
  rules: { zh: string; en: string; support: number }[];
  ruleFidelity: number | null;
}

export interface MigrationCell {
  from: string;
  to: string;
  customers: number;
  shareOfFrom: number;
}

export interface AffinityPair {
  itemA: string;
  itemB: string;
  orders: number;
  support: number;
  confidenceAB: number;
  confidenceBA: number;
  lift: number;
}

export interface SegmentInsights {
  /** Null when the run was not clustered. */
  clustering: {
    k: number;
    /** How k was chosen (prediction_strength or silhouette); null on runs that did not record it. */
    criterion: string | null;
    silhouette: number | null;
    /** Prediction strength of the chosen k; null on runs that did not compute it. */
    predictionStrength: number | null;
    ruleFidelity: number | null;
    featureKeys: string[];
    clusters: ClusterRow[];
  } | null;
  /** customer_group migration since the previous run; null without a previous run. */
  migration: { previousRunId: string; cells: MigrationCell[]; movedIntoRisk: number } | null;
  categoryAffinity: AffinityPair[];
  productAffinity: AffinityPair[];
}
