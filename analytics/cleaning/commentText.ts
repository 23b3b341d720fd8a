/**
 * Free-text comments keep their own characters — full-width punctuation is part of Chinese
 * text and emoji carry sentiment — but lose what no reader wants: control characters other
 * than line breaks, and surrounding whitespace (ideographic spaces included). A comment that
 * is then empty holds nothing to score.
 */

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** The comment as stored, or undefined when it is empty or whitespace only. */
export function cleanComment(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const text = value.replace(CONTROL, '').trim();
  return text === '' ? undefined : text;
}
