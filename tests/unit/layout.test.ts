/**
 * The README's layout section is true: it lists every folder of the tree (and, where it lists a
 * folder's subfolders, all of them), every file it names exists where it says, and the code's
 * file names are camelCase (sql/migrations and models/ keep theirs: the database records the
 * migrations' names, the models are data).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const FILES = execFileSync('git', ['ls-files'], { cwd: ROOT, encoding: 'utf8' }).split('\n').filter((f) => f !== '' && fs.existsSync(path.join(ROOT, f)));

interface LayoutEntry {
  folder: string;
  /** File names the entry mentions (`stage.ts`). */
  files: string[];
}

/** The code block under `## Layout`: `name/  text` lines, subfolders indented under their folder. */
function readmeLayout(): LayoutEntry[] {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Layout'));
  const block = /```\n([\s\S]*?)```/.exec(section)![1];
  const entries: LayoutEntry[] = [];
  let parent = '';
  for (const line of block.split('\n').filter((l) => l.trim() !== '')) {
    const match = /^( *)([A-Za-z]+)\/\s/.exec(line);
    if (!match) throw new Error(`README layout: a line must start with a folder name: ${line}`);
    const folder = match[1] === '' ? match[2] : `${parent}/${match[2]}`;
    if (match[1] === '') parent = match[2];
    entries.push({ folder, files: line.match(/[A-Za-z]+\.ts\b/g) ?? [] });
  }
  return entries;
}

/** Folders directly under `folder` ('' = the root) that hold tracked files, dot folders left out. */
function subfolders(folder: string): string[] {
  const prefix = folder === '' ? '' : `${folder}/`;
  const names = FILES.filter((f) => f.startsWith(prefix)).map((f) => f.slice(prefix.length).split('/')).filter((parts) => parts.length > 1).map((parts) => parts[0]);
  return [...new Set(names)].filter((n) => !n.startsWith('.')).sort();
}

describe('README layout', () => {
  const layout = readmeLayout();
  const listed = (parent: string) => layout.map((e) => e.folder).filter((f) => path.dirname(f) === (parent === '' ? '.' : parent)).map((f) => path.basename(f)).sort();

  it('lists every top-level folder', () => {
    expect(listed('')).toEqual(subfolders(''));
  });

  it('lists every subfolder of a folder whose subfolders it lists', () => {
    const parents = [...new Set(layout.map((e) => e.folder).filter((f) => f.includes('/')).map((f) => path.dirname(f)))];
    expect(parents.length).toBeGreaterThan(0);
    for (const parent of parents) expect({ parent, folders: listed(parent) }).toEqual({ parent, folders: subfolders(parent) });
  });

  it('names only files that exist where it says', () => {
    const missing = layout.flatMap((e) => e.files.map((f) => `${e.folder}/${f}`)).filter((f) => !FILES.includes(f));
    expect(missing).toEqual([]);
  });
});

it('names files in camelCase', () => {
  const exempt = (f: string) => f.startsWith('sql/migrations/') || f.startsWith('models/') || !f.includes('/') || path.basename(f) === 'README.md';
  const misnamed = FILES.filter((f) => !exempt(f) && !/^[a-z][A-Za-z0-9]*(\.[a-z0-9]+)*$/.test(path.basename(f)));
  expect(misnamed).toEqual([]);
});
