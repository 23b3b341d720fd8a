/**
 * The lint guards the workflow sandbox: a workflow file importing a Node built-in fails it.
 * The fixture is linted with the workflows' rules by the ESLint CLI, as `npm test` runs it
 * (`npx eslint .` itself skips fixtures).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const FIXTURE = path.join('tests', 'fixtures', 'lint', 'workflows', 'readsFile.ts');

interface LintResult {
  messages: Array<{ ruleId: string | null; line: number; message: string }>;
}

jest.setTimeout(120_000);

it('rejects a workflow that imports node:fs', () => {
  const eslint = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'eslint'), ['--no-ignore', '--format', 'json', FIXTURE], { cwd: ROOT, encoding: 'utf8' });
  expect(eslint.status).toBe(1);
  const [result] = JSON.parse(eslint.stdout) as LintResult[];
  expect(result.messages.map((m) => ({ rule: m.ruleId, line: m.line, message: m.message }))).toEqual([
    { rule: '@typescript-eslint/no-restricted-imports', line: 6, message: expect.stringMatching(/^'node:fs' import is restricted .* sandbox without Node built-ins/) },
  ]);
});
