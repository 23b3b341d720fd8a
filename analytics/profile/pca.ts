/**
 * Optional reduction of standardized features by principal components (SPEC §3), through
 * ml-pca (SVD of the centred data). The fitted model is a plain object so it can be stored and
 * applied to other rows: scores = (x − means) · loadingsᵀ.
 */
import { PCA } from 'ml-pca';

export interface PcaModel {
  means: number[];
  /** One row per kept component, one column per input feature (unit vectors). */
  loadings: number[][];
  /** Share of total variance per kept component. */
  explainedVariance: number[];
}

export interface PcaOptions {
  /** Keep this many components… */
  components?: number;
  /** …or the fewest components whose cumulative explained variance reaches this share (default 0.9). */
  varianceToKeep?: number;
}

/**
 * @throws RangeError with fewer than two rows or an invalid option.
 * @example fitPca([[1, 1], [2, 2], [3, 3]]).explainedVariance // → [1] (one direction holds all variance)
 */
export function fitPca(rows: readonly (readonly number[])[], options: PcaOptions = {}): PcaModel {
  if (rows.length < 2) throw new RangeError('fitPca: needs at least two rows');
  const pca = new PCA(rows.map((row) => [...row]), { center: true, scale: false });
  const explained = pca.getExplainedVariance();
  const cumulative = pca.getCumulativeVariance();
  const { components, varianceToKeep = 0.9 } = options;
  if (components !== undefined && !(Number.isInteger(components) && components >= 1 && components <= explained.length)) {
    throw new RangeError(`fitPca: components must be an integer in [1, ${explained.length}], got ${components}`);
  }
  const kept = components ?? cumulative.findIndex((c) => c >= varianceToKeep - 1e-12) + 1;
  const { means } = pca.toJSON();
  return {
    means,
    loadings: pca.getLoadings().to2DArray().slice(0, kept),
    explainedVariance: explained.slice(0, kept),
  };
}

/** Component scores of rows under a fitted model. */
export function projectPca(model: PcaModel, rows: readonly (readonly number[])[]): number[][] {
  return rows.map((row) => model.loadings.map((loading) => loading.reduce((s, w, j) => s + w * (row[j] - model.means[j]), 0)));
}
