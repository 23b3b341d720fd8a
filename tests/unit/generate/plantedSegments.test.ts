import type { Manifest } from '../../../scripts/generate/manifest';
import { plantedVsFound } from '../../../scripts/generate/plantedSegments';

const latent: Manifest['latent'] = {
  idFormat: 'C{index + 1, 8 digits}', rateScale: 1,
  behaviours: [{ code: '0', name: 'vip', zh: '高价值常客', share: 0.5, customers: 3 }, { code: '1', name: 'one_time', zh: '一次性买家', share: 0.5, customers: 3 }],
  behaviourCodes: '000111', voices: [], voiceCodes: '', aliveCodes: '', planted: [], plantedCodes: '', referrals: {},
  plantedChannelDrop: { channel: 'web', lastDays: 42, share: 0.5, orders: 0 },
};

describe('plantedVsFound', () => {
  it('finds each behaviour\'s main cluster with its recall and purity', () => {
    // vip: C1, C2 in cluster 5, C3 in cluster 7; one_time: all in cluster 7.
    const ids = ['C00000001', 'C00000002', 'C00000003', 'C00000004', 'C00000005', 'C00000006'];
    const clusters = [5, 5, 7, 7, 7, 7];
    const { matches } = plantedVsFound(latent, ids.map((customerId, i) => ({ customerId, cluster: clusters[i] })));
    expect(matches).toEqual([
      { behaviour: 'vip', zh: '高价值常客', customers: 3, cluster: 5, recall: 2 / 3, purity: 1, distinct: true },
      { behaviour: 'one_time', zh: '一次性买家', customers: 3, cluster: 7, recall: 1, purity: 3 / 4, distinct: true },
    ]);
  });

  it('calls two behaviours whose main cluster is the same not distinct', () => {
    // vip: C1, C2 in cluster 7, C3 in 5; one_time: all in cluster 7.
    const ids = ['C00000001', 'C00000002', 'C00000003', 'C00000004', 'C00000005', 'C00000006'];
    const clusters = [7, 7, 5, 7, 7, 7];
    const { matches } = plantedVsFound(latent, ids.map((customerId, i) => ({ customerId, cluster: clusters[i] })));
    expect(matches.map((m) => [m.cluster, m.distinct])).toEqual([[7, false], [7, false]]);
  });

  it('gives ARI 1 for clusters that are the behaviours renamed', () => {
    const ids = ['C00000001', 'C00000002', 'C00000003', 'C00000004', 'C00000005', 'C00000006'];
    expect(plantedVsFound(latent, ids.map((customerId, i) => ({ customerId, cluster: i < 3 ? 9 : 4 }))).ari).toBeCloseTo(1, 12);
  });
});
