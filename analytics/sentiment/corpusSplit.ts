/**
 * Prepares a labelled corpus for training: removes exact duplicates (after normalisation),
 * drops texts labelled both ways, and splits train / validation deterministically by a
 * hash of the text, so a sentence is in the same part whatever the file order, and a
 * repeated sentence can never sit on both sides.
 */
import { featureSlot } from './hashing';
import { normalizeText } from './normalize';

/** A text with its label: 1 = positive, 0 = negative. */
export interface LabelledText {
  readonly text: string;
  readonly label: 0 | 1;
}

/** The two parts and what was removed on the way. */
export interface CorpusSplit {
  readonly train: LabelledText[];
  readonly validation: LabelledText[];
  readonly duplicatesRemoved: number;
  readonly conflictsRemoved: number;
}

/**
 * @param validationPercent whole percent of distinct texts held out for validation
 * @example splitCorpus([{ text: '好', label: 1 }, { text: '好', label: 1 }], 20).duplicatesRemoved // 1
 */
export function splitCorpus(items: readonly LabelledText[], validationPercent: number): CorpusSplit {
  const labelsByKey = new Map<string, Set<number>>();
  for (const { text, label } of items) {
    const key = normalizeText(text);
    if (key === '') continue;
    const labels = labelsByKey.get(key) ?? new Set<number>();
    labels.add(label);
    labelsByKey.set(key, labels);
  }
  const seen = new Set<string>();
  const train: LabelledText[] = [];
  const validation: LabelledText[] = [];
  let duplicatesRemoved = 0;
  let conflictsRemoved = 0;
  for (const item of items) {
    const key = normalizeText(item.text);
    if (key === '') continue;
    if (seen.has(key)) {
      duplicatesRemoved++;
      continue;
    }
    seen.add(key);
    if ((labelsByKey.get(key)?.size ?? 0) > 1) {
      conflictsRemoved++;
      continue;
    }
    const part = featureSlot(`split:${key}`, 24) % 100 < validationPercent ? validation : train;
    part.push(item);
  }
  return { train, validation, duplicatesRemoved, conflictsRemoved };
}
