/** The opaque PNG encoder: a 2×1 image whose pixels are known, decoded back by hand. */
import zlib from 'node:zlib';
import { opaquePng } from '../../../reports/charts/png';

describe('opaquePng', () => {
  it('composites alpha over white and writes an RGB PNG with valid chunks', () => {
    // Pixel 1: opaque red; pixel 2: black at alpha 128/255 over white → round(255 · 127/255) = 127 grey.
    const png = opaquePng(new Uint8Array([255, 0, 0, 255, 0, 0, 0, 128]), 2, 1);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
    expect([png.readUInt32BE(16), png.readUInt32BE(20), png[24], png[25]]).toEqual([2, 1, 8, 2]);
    expect(png.readUInt32BE(29)).toBe(zlib.crc32(png.subarray(12, 29)));
    const idatLength = png.readUInt32BE(33);
    const pixels = zlib.inflateSync(png.subarray(41, 41 + idatLength));
    expect([...pixels]).toEqual([0, 255, 0, 0, 127, 127, 127]);
  });

  it('rejects a buffer that does not match the size', () => {
    expect(() => opaquePng(new Uint8Array(4), 2, 1)).toThrow('opaquePng: 4 bytes for 2×1 RGBA pixels');
  });
});
