/**
 * Text normalisation shared by every sentiment and topic tokenizer: Unicode NFKC folds
 * full-width forms (`ＡＢＣ１２３！，` → `ABC123!,`) and compatibility characters, then
 * lower-case and collapsed whitespace.
 * @example normalizeText('  質量ＧＯＯＤ！！ ') // '質量good!!'
 */
export function normalizeText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}
