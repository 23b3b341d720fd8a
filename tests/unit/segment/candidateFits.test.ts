import { startCandidateThread } from '../../../activities/segment/candidateFits';
import { type CandidateFitter, chooseK, fitEachCandidate } from '../../../analytics/segment/chooseK';
import { toPoints } from '../../../analytics/segment/points';
import { plantedBlobs } from '../../../analytics/segment/simulate';

// Four planted clusters in 3-D, as in kmeans.test.ts.
const CENTRES = [[0, 0, 0], [6, 0, 0], [0, 6, 0], [3, 3, 6]];

describe('candidate fits on a second thread', () => {
  const points = toPoints(plantedBlobs(CENTRES, 300, 1, 17).rows);
  const options = { kMin: 2, kMax: 8, seed: 4, fitSampleSize: 1000, silhouetteSampleSize: 500 };

  it('choose the same k from the same candidates and models as fitting each in turn here', async () => {
    const thread = startCandidateThread();
    try {
      const here = chooseK(points, options);
      const split = chooseK(points, options, thread.fitCandidates);
      expect(split.candidates).toEqual(here.candidates);
      expect(split.k).toBe(4);
      expect(split.k).toBe(here.k);
      expect(Array.from(split.model.labels)).toEqual(Array.from(here.model.labels));
      expect(Array.from(split.model.centroids.data)).toEqual(Array.from(here.model.centroids.data));
      // A second segmentation on the same thread.
      expect(chooseK(points, { ...options, seed: 5 }, thread.fitCandidates).candidates).toEqual(chooseK(points, { ...options, seed: 5 }).candidates);
    } finally {
      await thread.close();
    }
  });

  it("raises the other thread's error", async () => {
    const thread = startCandidateThread();
    try {
      // The other thread is dealt the largest k, which has more clusters than the 1,200 points.
      expect(() => thread.fitCandidates(points, [2, 5000], { seed: 1, restarts: 1, silhouetteSampleSize: 10, strengthRepeats: 1 }))
        .toThrow('candidate fits on the second thread failed: kmeans: k must be an integer in [1, 1200], got 5000');
    } finally {
      await thread.close();
    }
  });

  it('rejects a fitter that returns other candidates than asked', () => {
    const skipsOne: CandidateFitter = (sample, ks, o) => fitEachCandidate(sample, ks.slice(1), o);
    expect(() => chooseK(points, options, skipsOne)).toThrow(/the fitter returned k = 3, 4, 5, 6, 7, 8 for k = 2, 3, 4, 5, 6, 7, 8/);
  });
});
