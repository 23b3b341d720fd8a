/**
 * Retrains the shipped sentiment models from the registry corpora and writes them into
 * models/ (`npx tsx scripts/trainSentiment/train.ts`). Prints the validation figures.
 * Deterministic: rerunning on the same corpora rewrites byte-identical files, which
 * tests/unit/sentiment/retrain.test.ts checks.
 */
import { writeFileSync } from 'node:fs';
import { MODEL_PATHS } from '../../analytics/sentiment/modelPaths';
import { getJieba } from '../../analytics/sentiment/segmenter';
import { trainEnModel, trainZhModel } from '../../analytics/sentiment/trainModels';
import { ensureEnCorpus, ensureZhCorpus } from './corpus';

function run(): void {
  const zh = trainZhModel(ensureZhCorpus(), getJieba());
  writeFileSync(MODEL_PATHS.zh, zh.bytes);
  const v = zh.validation;
  console.log(
    `zh: ${MODEL_PATHS.zh} (${(zh.bytes.length / 1e6).toFixed(2)} MB): trained on ${v.train} distinct lines ` +
      `(${v.duplicatesRemoved} duplicates, ${v.conflictsRemoved} contradictory removed); ` +
      `validation n=${v.n} accuracy=${v.accuracy} macroF1=${v.macroF1}`,
  );
  const en = trainEnModel(ensureEnCorpus());
  writeFileSync(MODEL_PATHS.en, en.bytes);
  console.log(`en: ${MODEL_PATHS.en} (${(en.bytes.length / 1e6).toFixed(2)} MB); leave-one-site-out validation:`);
  for (const [site, m] of Object.entries(en.validation)) console.log(`  ${site}: n=${m.n} accuracy=${m.accuracy} macroF1=${m.macroF1}`);
}

try {
  run();
} catch (error) {
  console.error(error);
  process.exit(1);
}
