/**
 * Issue 8, item 7: the tests mirror src (tests/README.md). A test of `src/X/Y.ts` sits in `tests/<suite>/X/`;
 * `security` (one file per finding area) and `e2e` (one file per flow) are flat; helpers live in tests/support.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Suites whose test folders mirror src/ (a vitest project each, vitest.config.ts). */
const MIRRORING_SUITES = ['unit', 'cloud', 'kiosk', 'devices'];
/** Suites organised otherwise: security by finding (tests/security/README.md), e2e by flow; flat. */
const FLAT_SUITES = ['security', 'e2e'];
/** The only other folder under tests/: helpers, fixtures and harnesses, never a test. */
const SUPPORT = 'support';
/** Tests at a suite's root: they check the repository as a whole, not one src folder. */
const WHOLE_TREE_TESTS = ['unit/architecture.test.ts', 'unit/fileSizes.test.ts', 'unit/testDatabaseUrl.test.ts', 'unit/testLayout.test.ts'];
/** One naming style: camelCase `<subject>.test.ts`. */
const TEST_NAME = /^[a-z][a-zA-Z0-9]*\.test\.ts$/;

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(path));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}

/** What is wrong with one file's place under tests/ (path relative to tests/, `/`-separated); none when it is right. */
function layoutProblems(path: string, isSrcFolder: (folder: string) => boolean): string[] {
  const parts = path.split('/');
  const [top] = parts;
  const name = parts[parts.length - 1] ?? '';
  const isTest = name.endsWith('.test.ts');
  const problems: string[] = [];
  if (parts.length === 1) return name.endsWith('.ts') ? [`${path}: at the root of tests/, not in a suite folder or tests/support`] : [];
  if (top === SUPPORT) {
    if (isTest) problems.push(`${path}: a test in tests/support (helpers only)`);
    return problems;
  }
  if (!top || ![...MIRRORING_SUITES, ...FLAT_SUITES].includes(top)) return [`${path}: not in a suite folder or tests/support`];
  if (!isTest) {
    if (name.endsWith('.ts')) problems.push(`${path}: a helper outside tests/support`);
    return problems;
  }
  if (!TEST_NAME.test(name)) problems.push(`${path}: not named <camelCaseSubject>.test.ts`);
  const folder = parts.slice(1, -1).join('/');
  if (FLAT_SUITES.includes(top)) {
    if (folder !== '') problems.push(`${path}: tests/${top} is flat`);
  } else if (folder === '') {
    if (!WHOLE_TREE_TESTS.includes(path)) problems.push(`${path}: at the suite's root; put it under tests/${top}/<the src folder it tests>/`);
  } else if (!isSrcFolder(folder)) {
    problems.push(`${path}: tests/${top}/${folder}/ mirrors no folder src/${folder}/`);
  }
  return problems;
}

const isSrcFolder = (folder: string): boolean => {
  const dir = join(root, 'src', folder);
  return existsSync(dir) && statSync(dir).isDirectory();
};

describe('the tests mirror src', () => {
  it('every file under tests/ is in its place: tests in the src folder they test, helpers in tests/support', () => {
    const files = filesUnder(join(root, 'tests')).map((f) => relative(join(root, 'tests'), f).split('\\').join('/'));
    expect(files.filter((f) => f.endsWith('.test.ts')).length).toBeGreaterThan(50);
    const problems = files.flatMap((f) => layoutProblems(f, isSrcFolder));
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('names what is out of place', () => {
    const srcFolders = new Set(['shared', 'main', 'main/devices', 'main/devices/idcard']);
    const has = (f: string) => srcFolders.has(f);
    expect(layoutProblems('unit/shared/pass.test.ts', has)).toEqual([]);
    expect(layoutProblems('unit/main/devices/idcard/codec.test.ts', has)).toEqual([]);
    expect(layoutProblems('security/cors.test.ts', has)).toEqual([]);
    expect(layoutProblems('support/kiosk/helpers.ts', has)).toEqual([]);
    expect(layoutProblems('security/README.md', has)).toEqual([]);
    expect(layoutProblems('README.md', has)).toEqual([]);
    expect(layoutProblems('harness.ts', has)).toEqual(['harness.ts: at the root of tests/, not in a suite folder or tests/support']);
    expect(layoutProblems('unit/idcardCodec.test.ts', has)).toEqual([
      "unit/idcardCodec.test.ts: at the suite's root; put it under tests/unit/<the src folder it tests>/",
    ]);
    expect(layoutProblems('kiosk/main/host/sync.test.ts', has)).toEqual([
      'kiosk/main/host/sync.test.ts: tests/kiosk/main/host/ mirrors no folder src/main/host/',
    ]);
    expect(layoutProblems('unit/shared/scanner.codec.test.ts', has)).toEqual(['unit/shared/scanner.codec.test.ts: not named <camelCaseSubject>.test.ts']);
    expect(layoutProblems('e2e/flows/checkin.test.ts', has)).toEqual(['e2e/flows/checkin.test.ts: tests/e2e is flat']);
    expect(layoutProblems('kiosk/helpers.ts', has)).toEqual(['kiosk/helpers.ts: a helper outside tests/support']);
    expect(layoutProblems('support/pass.test.ts', has)).toEqual(['support/pass.test.ts: a test in tests/support (helpers only)']);
    expect(layoutProblems('misc/pass.test.ts', has)).toEqual(['misc/pass.test.ts: not in a suite folder or tests/support']);
  });
});
