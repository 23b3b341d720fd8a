/**
 * The on-disk format of a trained sentiment model (`models/sentiment-*.bin`):
 * a little-endian uint32 header length, a UTF-8 JSON header (space-padded so the weights
 * start 8-byte aligned), then 2^bits int16 weights. Weights are quantised symmetrically,
 * w ≈ q · scale with scale = max|w| / 32767, which halves the file against float32 at a
 * cost below 1e-4 in probability. Encoding is deterministic: same model, same bytes.
 */
import type { LinearModel } from './linearModel';

/** Version tag checked on load. */
const FORMAT = 'sentiment-linear/1';

/** What a model file says about itself beside the weights. */
export interface ModelHeader {
  readonly format: typeof FORMAT;
  readonly lang: 'zh' | 'en';
  readonly bits: number;
  readonly bias: number;
  /** Dequantisation factor of the int16 weights. */
  readonly scale: number;
  /** Provenance and validation figures written by the training script. */
  readonly training: Readonly<Record<string, unknown>>;
}

/** A decoded model file. */
export interface ModelFile {
  readonly header: ModelHeader;
  readonly model: LinearModel;
}

/** Serialises a model; `training` is copied into the header verbatim. */
export function encodeModel(model: LinearModel, lang: 'zh' | 'en', training: Record<string, unknown>): Buffer {
  let maxAbs = 0;
  for (const w of model.weights) maxAbs = Math.max(maxAbs, Math.abs(w));
  const scale = maxAbs === 0 ? 1 : maxAbs / 32767;
  const header: ModelHeader = { format: FORMAT, lang, bits: model.bits, bias: model.bias, scale, training };
  let json = Buffer.from(JSON.stringify(header), 'utf8');
  const padding = (8 - ((4 + json.length) % 8)) % 8;
  json = Buffer.concat([json, Buffer.alloc(padding, 0x20)]);
  const weights = new Int16Array(model.weights.length);
  for (let j = 0; j < weights.length; j++) weights[j] = Math.round(model.weights[j] / scale);
  const length = Buffer.alloc(4);
  length.writeUInt32LE(json.length, 0);
  return Buffer.concat([length, json, Buffer.from(weights.buffer, weights.byteOffset, weights.byteLength)]);
}

/**
 * @throws Error naming `source` when the bytes are not a model of this format
 */
export function decodeModel(bytes: Buffer, source: string): ModelFile {
  if (bytes.length < 4) throw new Error(`${source}: not a sentiment model (too short)`);
  const headerLength = bytes.readUInt32LE(0);
  const header = JSON.parse(bytes.subarray(4, 4 + headerLength).toString('utf8')) as ModelHeader;
  if (header.format !== FORMAT) throw new Error(`${source}: format ${String(header.format)}, expected ${FORMAT}`);
  const size = 1 << header.bits;
  const offset = 4 + headerLength;
  if (bytes.length !== offset + 2 * size) throw new Error(`${source}: expected ${size} weights, file has ${(bytes.length - offset) / 2}`);
  const aligned = new Uint8Array(bytes.subarray(offset)).buffer;
  const quantised = new Int16Array(aligned, 0, size);
  const weights = new Float32Array(size);
  for (let j = 0; j < size; j++) weights[j] = quantised[j] * header.scale;
  return { header, model: { bits: header.bits, bias: header.bias, weights } };
}
