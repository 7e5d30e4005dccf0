#!/usr/bin/env node
/**
 * `npm test`: every test of the project, on a fresh machine.
 * 1. System packages: installs what it can (apt, as root: chromium, socat, fonts-noto-cjk) and names exactly
 *    what is missing where it cannot.
 * 2. Type checks (four tsconfigs), the architecture rules (npm run lint:arch), the Electron shell's security scan
 *    (npm run lint:electron), ESLint (npm run lint) and the formatting (npm run format:check), counted as tests;
 *    they run beside step 4 at the lowest CPU priority.
 * 3. The builds the end-to-end tests serve: the kiosk renderer and the web app (served by the cloud under /app/).
 * 4. One vitest run over every suite (unit, cloud on SQLite and PostgreSQL, kiosk, devices, e2e in Chromium).
 * Ends with one line: "N passed, N failed".
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';

const root = new URL('..', import.meta.url).pathname;
const results = { passed: 0, failed: 0 };
const log = (msg) => console.log(`[test] ${msg}`);
const run = (cmd, args, opts = {}) => spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts });

// ---- 1. system packages -----------------------------------------------------------------------------
const systemNeeds = [
  { what: 'Chromium (end-to-end tests)', check: () => existsSync(process.env.PASSDESK_CHROMIUM ?? '/usr/bin/chromium'), apt: 'chromium' },
  { what: 'socat (virtual serial ports for device tests)', check: () => which('socat'), apt: 'socat' },
  {
    what: 'CJK fonts (Chinese text in screenshots)',
    check: () => existsSync('/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc'),
    apt: 'fonts-noto-cjk',
    optional: true,
  },
];
function which(bin) {
  return spawnSync('sh', ['-c', `command -v ${bin}`], { stdio: 'ignore' }).status === 0;
}
let missing = systemNeeds.filter((n) => !n.check());
if (missing.length > 0) {
  const isRoot = process.getuid?.() === 0;
  if (isRoot && which('apt-get')) {
    log(`installing system packages: ${missing.map((m) => m.apt).join(' ')}`);
    run('apt-get', ['update', '-qq']);
    run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing.map((m) => m.apt)], {
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    missing = systemNeeds.filter((n) => !n.check());
  }
  for (const m of missing) {
    log(`MISSING: ${m.what}: install the Debian package "${m.apt}" (apt-get install -y ${m.apt})${m.optional ? ' — optional' : ''}`);
  }
}

// ---- PostgreSQL: the cloud suite runs on it too; say so loudly when it is down --------------------------
// PASSDESK_TEST_DATABASE_URL: the older name, still honoured (tests/support/testDatabaseUrl.ts)
const pgUrl = process.env.PASSDESK_TEST_PG_URL || process.env.PASSDESK_TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const pgUp = await new Promise((resolve) => {
  const u = new URL(pgUrl);
  const s = connect({ host: u.hostname, port: Number(u.port || 5432) });
  s.once('connect', () => (s.destroy(), resolve(true)));
  s.once('error', () => resolve(false));
  s.setTimeout(2000, () => (s.destroy(), resolve(false)));
});
if (!pgUp)
  log(
    `MISSING: PostgreSQL at ${pgUrl} is not reachable: the PostgreSQL half of the cloud suite will fail (set PASSDESK_TEST_PG_URL, or start it: pg_ctlcluster <version> main start)`,
  );

// ---- 2. the static checks, counted as tests: four type checks, the layer rules, the Electron shell's scan, ESLint,
// Prettier. They run beside the vitest run (step 4), one after another at the lowest CPU priority (nice 19), so they
// take the cores only while the suites wait on timers, sockets and Chromium: the whole run is ~5 minutes shorter
// than with the checks first. Each check's output is kept and printed after the suites, with its verdict.
const tsc = `${root}node_modules/typescript/bin/tsc`;
const eslintJson = `${root}.test-results/eslint.json`;
/** @type {{ name: string, args: string[], judge?: (r: { status: number | null, stdout: string }) => { ok: boolean, lines: string[] } }[]} */
const staticChecks = [
  ...['tsconfig.node.json', 'tsconfig.renderer.json', 'tsconfig.webapp.json', 'tsconfig.electron.json'].map((project) => ({
    name: `typecheck ${project}`,
    args: [tsc, '-p', project, '--noEmit'],
  })),
  { name: 'architecture (npm run lint:arch)', args: [`${root}scripts/lint-arch.mjs`] },
  {
    name: 'electron shell (npm run lint:electron)',
    args: [`${root}scripts/lint-electron.mjs`],
    judge: (r) => ({ ok: r.status === 0, lines: r.stdout.split('\n').filter((l) => l.startsWith('FAIL')) }),
  },
  {
    // errors and warnings fail the check and are listed (the tree has none)
    name: 'eslint (npm run lint)',
    args: [`${root}node_modules/eslint/bin/eslint.js`, '.', '--format', 'json', '--output-file', eslintJson],
    judge: (r) => {
      let files;
      try {
        files = JSON.parse(readFileSync(eslintJson, 'utf8'));
      } catch {
        return { ok: false, lines: [`no report (exit ${r.status})`] };
      }
      const lines = [];
      const warnings = new Map();
      let errors = 0;
      for (const f of files) {
        for (const m of f.messages) {
          lines.push(`  ${f.filePath.slice(root.length)}:${m.line}:${m.column} ${m.ruleId ?? '(parse)'} ${m.message}`);
          if (m.severity === 2) errors++;
          else warnings.set(m.ruleId, (warnings.get(m.ruleId) ?? 0) + 1);
        }
      }
      const total = [...warnings.values()].reduce((x, y) => x + y, 0);
      const warned = [...warnings].sort((x, y) => y[1] - x[1]).map(([rule, n]) => `${rule} ${n}`);
      lines.push(`${errors} error(s), ${total} warning(s)${total ? ` (${warned.join(', ')})` : ''}`);
      return { ok: errors === 0 && total === 0 && r.status === 0, lines };
    },
  },
  {
    // Prettier (.prettierrc) over the sources, as `npm run format:check` (fix: npx prettier --write <file>)
    name: 'format (npm run format:check)',
    args: [
      `${root}node_modules/prettier/bin/prettier.cjs`,
      '--check',
      '--log-level',
      'warn',
      ...['src/**/*.{ts,tsx}', 'tests/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.{mjs,mts}', '*.{js,cjs,ts}'],
    ],
  },
];
const nice = which('nice') ? ['nice', '-n', '19'] : [];
/** one process, its output kept: stdout and stderr together, in order */
function runKept(args) {
  return new Promise((resolve) => {
    const [cmd, ...rest] = [...nice, process.execPath, ...args];
    const child = spawn(cmd, rest, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let all = '';
    child.stdout.on('data', (d) => ((stdout += d), (all += d)));
    child.stderr.on('data', (d) => (all += d));
    child.once('close', (status) => resolve({ status, stdout, all }));
    child.once('error', (e) => resolve({ status: 1, stdout, all: `${all}${e.message}\n` }));
  });
}
mkdirSync(`${root}.test-results`, { recursive: true });
/** the checks, one at a time, started now and awaited after the suites */
const staticVerdicts = (async () => {
  const verdicts = [];
  for (const check of staticChecks) {
    const started = Date.now();
    const r = await runKept(check.args);
    const { ok, lines } = check.judge ? check.judge(r) : { ok: r.status === 0, lines: [] };
    verdicts.push({ name: check.name, ok, lines, output: ok ? '' : r.all, seconds: (Date.now() - started) / 1000 });
  }
  return verdicts;
})();

// ---- 3. the builds the end-to-end tests serve: the kiosk renderer, and the web app the cloud serves under /app/ ----
// (both at once; the end-to-end suite needs them before it starts)
const builds = await Promise.all(
  [
    ['renderer', 'vite.renderer.config.ts'],
    ['web app', 'vite.webapp.config.ts'],
  ].map(
    ([what, config]) =>
      new Promise((resolve) => {
        const child = spawn(process.execPath, [`${root}node_modules/vite/bin/vite.js`, 'build', '--config', config, '--logLevel', 'warn'], {
          cwd: root,
          stdio: 'inherit',
        });
        child.once('close', (status) => resolve({ what, ok: status === 0 }));
        child.once('error', () => resolve({ what, ok: false }));
      }),
  ),
);
for (const { what, ok } of builds) {
  if (ok) results.passed++;
  else {
    results.failed++;
    log(`${what} build FAILED: the end-to-end suite will fail too`);
  }
}

// ---- 4. every suite ------------------------------------------------------------------------------------
const jsonFile = `${root}.test-results/vitest.json`;
const extra = process.argv.slice(2);
// spawned, not spawnSync: the event loop must keep running the static checks beside it (step 2)
const vitest = await new Promise((resolve) => {
  const child = spawn(
    process.execPath,
    [`${root}node_modules/vitest/vitest.mjs`, 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${jsonFile}`, ...extra],
    { cwd: root, stdio: 'inherit' },
  );
  child.once('close', (status) => resolve({ status }));
  child.once('error', () => resolve({ status: 1 }));
});
try {
  const report = JSON.parse(readFileSync(jsonFile, 'utf8'));
  results.passed += report.numPassedTests ?? 0;
  results.failed += report.numFailedTests ?? 0;
  // a file that failed to load (syntax error, failing hook) has no failed test: count it as one failure
  const brokenFiles = (report.testResults ?? []).filter((f) => f.status === 'failed' && (f.assertionResults ?? []).every((a) => a.status !== 'failed'));
  results.failed += brokenFiles.length;
  for (const f of brokenFiles) log(`suite file failed to run: ${f.name}: ${(f.message ?? '').split('\n')[0]}`);
} catch {
  results.failed++;
  log('vitest produced no report');
}
if (vitest.status !== 0 && results.failed === 0) results.failed++;

for (const v of await staticVerdicts) {
  if (!v.ok && v.output) process.stdout.write(v.output);
  for (const line of v.lines) log(line);
  log(`${v.name}: ${v.ok ? 'ok' : 'FAILED'} (${v.seconds.toFixed(0)} s beside the suites)`);
  if (v.ok) results.passed++;
  else results.failed++;
}

console.log(`${results.passed} passed, ${results.failed} failed`);
process.exit(results.failed === 0 ? 0 : 1);
