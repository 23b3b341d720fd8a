/**
 * Automatic choice of k for k-means (SPEC §4): fit k = kMin…kMax and keep
 * - by default the largest k whose prediction strength (predictionStrength.ts, Tibshirani &
 *   Walther 2005) reaches `strengthThreshold` — the largest number of clusters that come back
 *   when an independent half of the customers is clustered on its own;
 * - or, with `criterion: 'silhouette'`, the k with the highest mean silhouette (ties → the
 *   smaller k).
 * The silhouette of every k and the elbow of inertia over k (kneeIndex) are reported beside
 * the choice as second opinions. On customer data the silhouette often peaks at k = 2 because
 * one group stands far from all others (on the demo sample: store regulars, silhouette 0.35 at
 * k = 2 against 0.20–0.25 for k = 3…8), which hides every other way of buying; there the
 * prediction strength stays above 0.8 up to k = 8, where the seven planted behaviours each have
 * a cluster of their own.
 *
 * With tens of thousands of customers even broad groups can be sliced reproducibly, so the
 * strength can pass at the top of the range: on 100,000 customers simulated from four
 * archetypes it picks k = 8, every cluster inside one archetype (split by festival-day order
 * counts and channel). The range (kMax, default 8) bounds that.
 *
 * For large populations the models are fitted on a seeded sample and every customer is then
 * assigned to the nearest centroid ("cluster on a sample, then assign", as in CLARA, Kaufman &
 * Rousseeuw 1990 ch. 3).
 */
import { kneeIndex } from './knee';
import { type KmeansModel, kmeans, nearestCentroid } from './kmeans';
import { type Points, subsetPoints } from './points';
import { sampleIndices } from '../random';
import { predictionStrength } from './predictionStrength';
import { silhouetteScore } from './silhouette';

export const K_CRITERIA = ['prediction_strength', 'silhouette'] as const;
export type KCriterion = (typeof K_CRITERIA)[number];

export interface ChooseKOptions {
  kMin?: number;
  kMax?: number;
  seed?: number;
  /** Rows the k-means models are fitted on (default 20,000). */
  fitSampleSize?: number;
  /** Rows the silhouette is computed on (default 2,000). */
  silhouetteSampleSize?: number;
  restarts?: number;
  criterion?: KCriterion;
  /** Smallest prediction strength a k must reach (default 0.8, the authors' lower end). */
  strengthThreshold?: number;
  /** Random half splits per k for the prediction strength (default 1, each half used both ways). */
  strengthRepeats?: number;
}

export interface KCandidate {
  k: number;
  silhouette: number;
  inertia: number;
  predictionStrength: number;
}

export interface KChoice {
  /** The k the criterion chose. */
  k: number;
  criterion: KCriterion;
  /** The k at the elbow of inertia (second opinion). */
  elbowK: number;
  /** Mean silhouette of the chosen k. */
  silhouette: number;
  candidates: KCandidate[];
  /** The chosen model, fitted on `fitRows` (row indices into the input). */
  model: KmeansModel;
  fitRows: Int32Array;
}

export interface CustomerClusters extends KChoice {
  /** Cluster of every input row (nearest centroid of the chosen model). */
  labels: Int32Array;
}

const DEFAULTS: Required<ChooseKOptions> = {
  kMin: 2, kMax: 8, seed: 1, fitSampleSize: 20_000, silhouetteSampleSize: 2000, restarts: 4,
  criterion: 'prediction_strength', strengthThreshold: 0.8, strengthRepeats: 1,
};

/**
 * Index of the largest k reaching the threshold, as the authors choose; the strongest k (ties →
 * smaller) when none does. Not the last k before the first miss: a k below the real number of
 * groups can score low too (four near groups and a far one: k = 3 and 4 merge near groups
 * arbitrarily and score 0.5, k = 5 scores 0.97).
 */
function strongestReproducible(candidates: readonly KCandidate[], threshold: number): number {
  for (let i = candidates.length - 1; i >= 0; i--) if (candidates[i].predictionStrength >= threshold) return i;
  return candidates.reduce((b, c, i) => (c.predictionStrength > candidates[b].predictionStrength ? i : b), 0);
}

/** What fitting one candidate k needs besides the sample. */
export type CandidateOptions = Pick<Required<ChooseKOptions>, 'seed' | 'restarts' | 'silhouetteSampleSize' | 'strengthRepeats'>;

export interface CandidateFit {
  model: KmeansModel;
  candidate: KCandidate;
}

/**
 * One candidate k fitted on the sample, with its silhouette and prediction strength. Every
 * random draw comes from seeds of its own k: the candidates may be fitted in any order, or on
 * several threads, and give the same fits.
 */
export function fitCandidate(sample: Points, k: number, o: CandidateOptions): CandidateFit {
  const model = kmeans(sample, k, { seed: o.seed + k, restarts: o.restarts });
  const distinct = new Set(model.labels).size;
  const silhouette = distinct < 2 ? -1 : silhouetteScore(sample, model.labels, { sampleSize: o.silhouetteSampleSize, seed: o.seed });
  const strength = predictionStrength(sample, k, { seed: o.seed + 100 * k, repeats: o.strengthRepeats, restarts: o.restarts });
  return { model, candidate: { k, silhouette, inertia: model.inertia, predictionStrength: strength } };
}

/** Fits the candidates `ks` on the sample and returns their fits in the order of `ks`. */
export type CandidateFitter = (sample: Points, ks: readonly number[], options: CandidateOptions) => CandidateFit[];

/** The default fitter: each candidate in turn, on this thread. */
export const fitEachCandidate: CandidateFitter = (sample, ks, o) => ks.map((k) => fitCandidate(sample, k, o));

/**
 * Fits every k in [kMin, kMax] on a sample (with `fitCandidates`) and picks k by the criterion.
 * @throws RangeError unless 2 ≤ kMin ≤ kMax, each half of the sample holds more than kMax rows and
 *   strengthThreshold is in (0, 1].
 */
export function chooseK(points: Points, options: ChooseKOptions = {}, fitCandidates: CandidateFitter = fitEachCandidate): KChoice {
  // An option passed as undefined keeps its default.
  const given = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  const o: Required<ChooseKOptions> = { ...DEFAULTS, ...given };
  const fitRows = sampleIndices(points.n, o.fitSampleSize, o.seed);
  if (!(Number.isInteger(o.kMin) && Number.isInteger(o.kMax) && o.kMin >= 2 && o.kMin <= o.kMax && o.kMax < Math.floor(fitRows.length / 2))) {
    throw new RangeError(`chooseK: need integers 2 ≤ kMin ≤ kMax < ${Math.floor(fitRows.length / 2)} (half the ${fitRows.length} sampled rows), got kMin=${o.kMin} kMax=${o.kMax}`);
  }
  if (!(o.strengthThreshold > 0 && o.strengthThreshold <= 1)) throw new RangeError(`chooseK: strengthThreshold must be in (0, 1], got ${o.strengthThreshold}`);
  const sample = subsetPoints(points, fitRows);
  const ks = Array.from({ length: o.kMax - o.kMin + 1 }, (_, i) => o.kMin + i);
  const fits = fitCandidates(sample, ks, { seed: o.seed, restarts: o.restarts, silhouetteSampleSize: o.silhouetteSampleSize, strengthRepeats: o.strengthRepeats });
  if (fits.length !== ks.length || fits.some((f, i) => f.candidate.k !== ks[i])) {
    throw new Error(`chooseK: the fitter returned k = ${fits.map((f) => f.candidate.k).join(', ')} for k = ${ks.join(', ')}`);
  }
  const models = fits.map((f) => f.model);
  const candidates = fits.map((f) => f.candidate);
  const best = o.criterion === 'silhouette'
    ? candidates.reduce((b, c, i) => (c.silhouette > candidates[b].silhouette ? i : b), 0)
    : strongestReproducible(candidates, o.strengthThreshold);
  const elbow = kneeIndex(candidates.map((c) => c.k), candidates.map((c) => c.inertia));
  return {
    k: candidates[best].k,
    criterion: o.criterion,
    elbowK: candidates[elbow].k,
    silhouette: candidates[best].silhouette,
    candidates,
    model: models[best],
    fitRows,
  };
}

/** chooseK on a sample, then every row assigned to its nearest centroid. */
export function clusterCustomers(points: Points, options: ChooseKOptions = {}, fitCandidates: CandidateFitter = fitEachCandidate): CustomerClusters {
  const choice = chooseK(points, options, fitCandidates);
  return { ...choice, labels: nearestCentroid(points, choice.model.centroids).labels };
}
