/**
 * Feature hashing ("the hashing trick", Weinberger et al., ICML 2009): a feature string
 * maps to one of 2^bits weight slots by 32-bit FNV-1a over its UTF-16 code units, so the
 * model stores no vocabulary and its size is fixed by `bits`.
 */

/** FNV-1a 32-bit offset basis. */
export const FNV_OFFSET = 0x811c9dc5;

/**
 * @example featureSlot('w:好', 20) // an integer in [0, 2^20)
 */
export function featureSlot(feature: string, bits: number): number {
  let hash = FNV_OFFSET;
  for (let i = 0; i < feature.length; i++) hash = Math.imul(hash ^ feature.charCodeAt(i), 0x01000193);
  return (hash >>> 0) & ((1 << bits) - 1);
}
