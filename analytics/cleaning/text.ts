/**
 * Text normalisation shared by every cleaning rule: full-width ASCII (ＡＢＣ１２３，．)
 * folded to half-width, ideographic space to space, trimmed.
 */

/** Full-width forms U+FF01–U+FF5E map to ASCII U+0021–U+007E; U+3000 is the ideographic space. */
export function foldFullWidth(text: string): string {
  // Most values have none: returned as they are, without a character-by-character copy.
  if (!hasFullWidth(text)) return text;
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code >= 0xff01 && code <= 0xff5e) out += String.fromCodePoint(code - 0xfee0);
    else if (code === 0x3000) out += ' ';
    else out += ch;
  }
  return out;
}

const FULL_WIDTH = /[\uff01-\uff5e\u3000]/;

export function hasFullWidth(text: string): boolean {
  return FULL_WIDTH.test(text);
}

const NULL_MARKER = /^(null|nan|n\/a|none|-|—|无|空)$/i;
/** The longest null marker: longer values skip the pattern. */
const NULL_MARKER_MAX_LENGTH = 4;

/** Folded and trimmed; empty strings and the usual null markers become undefined. */
export function cleanText(value: string | null | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  const folded = foldFullWidth(value).trim();
  if (folded === '' || (folded.length <= NULL_MARKER_MAX_LENGTH && NULL_MARKER.test(folded))) return undefined;
  return folded;
}
