/** Where the trained models live in the repository (written by scripts/trainSentiment). */
import { resolve } from 'node:path';

export const MODELS_DIR = resolve(__dirname, '../../models');

/** The committed model file of each language. */
export const MODEL_PATHS = {
  zh: resolve(MODELS_DIR, 'sentiment-zh.bin'),
  en: resolve(MODELS_DIR, 'sentiment-en.bin'),
} as const;
