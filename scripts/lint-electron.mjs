#!/usr/bin/env node
/**
 * `npm run lint:electron`: Doyensec's electronegativity over the Electron shell (src/main/shells/electron) for the
 * Electron version we depend on, and Google's CSP Evaluator (the library electronegativity uses) over the
 * Content-Security-Policy the shell actually sends (src/platform/contentSecurity.ts computes it, so the static scan
 * cannot read it). A finding fails unless it is accepted below with the reason it does not apply. Prints every
 * finding; exits 1 on one not accepted. Counted as a test by scripts/test.mjs.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const SHELL = 'src/main/shells/electron';

/** Findings reviewed and accepted: check id → why it does not apply to this shell. */
export const ACCEPTED = {
  PRELOAD_JS_CHECK:
    'a review item, reviewed: the preload runs sandboxed with context isolation and exposes only the calls and events of src/shared/contract (tests/kiosk/preloadChannels.test.ts)',
  CSP_GLOBAL_CHECK:
    'the policy is computed (src/platform/contentSecurity.ts), which the static scan cannot parse; this script evaluates the computed policy with CSP Evaluator below',
};

/** CSP Evaluator findings reviewed and accepted: `directive value` → why. */
export const ACCEPTED_CSP = {
  "script-src 'wasm-unsafe-eval'":
    "a CSP Level 3 keyword newer than the evaluator's list: it lets the page compile WebAssembly (on-device face detection) and nothing else, unlike 'unsafe-eval'",
};

function electronVersion() {
  const range = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).devDependencies.electron;
  return range.replace(/^[^\d]*/, '');
}

/** electronegativity's findings over the shell, as { check, severity, confidence, file, line, description }. */
export function scanShell(dir = join(root, SHELL)) {
  const reportDir = mkdtempSync(join(tmpdir(), 'passdesk-electronegativity-'));
  try {
    const out = join(reportDir, 'report.sarif');
    const cli = require.resolve('@doyensec/electronegativity/dist/index.js');
    const res = spawnSync(process.execPath, [cli, '-i', dir, '-e', electronVersion(), '-o', out, '-r'], { cwd: root, encoding: 'utf8' });
    let sarif;
    try {
      sarif = JSON.parse(readFileSync(out, 'utf8'));
    } catch {
      throw new Error(`electronegativity produced no report (exit ${res.status}): ${res.stderr || res.stdout}`);
    }
    const rules = new Map((sarif.runs[0].tool.driver.rules ?? []).map((r) => [r.id, r]));
    return sarif.runs[0].results.map((r) => ({
      check: r.ruleId,
      severity: rules.get(r.ruleId)?.properties?.severity ?? r.level,
      file: r.locations?.[0]?.physicalLocation?.artifactLocation?.uri ?? '',
      line: r.locations?.[0]?.physicalLocation?.region?.startLine ?? 0,
      description: r.message?.text ?? rules.get(r.ruleId)?.shortDescription?.text ?? '',
    }));
  } finally {
    rmSync(reportDir, { recursive: true, force: true });
  }
}

/** CSP Evaluator's findings of medium severity or worse over a policy (its severities: lower is worse). */
export function evaluateCsp(policy) {
  const csp = require('@doyensec/csp-evaluator');
  const parsed = new csp.CspParser(policy).csp;
  const findings = new csp.CspEvaluator(parsed, csp.Version.CSP3).evaluate();
  return findings
    .filter((f) => f.severity <= csp.severities.MEDIUM)
    .map((f) => ({ key: `${f.directive} ${f.value ?? ''}`.trim(), description: f.description }));
}

/** The policy the Electron shell sends (computed in TypeScript: read through tsx). */
function computedPolicy() {
  const code = `import('${join(root, 'src/platform/contentSecurity.ts')}').then((m) => process.stdout.write(m.contentSecurityPolicy()))`;
  const res = spawnSync(process.execPath, ['--import', 'tsx', '-e', code], { cwd: root, encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`could not compute the policy: ${res.stderr}`);
  return res.stdout;
}

async function main() {
  const policy = computedPolicy();
  let failed = 0;
  for (const f of scanShell()) {
    const why = ACCEPTED[f.check];
    console.log(`${why ? 'accepted' : 'FAIL    '} ${f.check} (${f.severity}) ${f.file}:${f.line} ${f.description}${why ? `\n         because ${why}` : ''}`);
    if (!why) failed++;
  }
  for (const f of evaluateCsp(policy)) {
    const why = ACCEPTED_CSP[f.key];
    console.log(`${why ? 'accepted' : 'FAIL    '} CSP ${f.key}: ${f.description}${why ? `\n         because ${why}` : ''}`);
    if (!why) failed++;
  }
  console.log(failed === 0 ? `[lint:electron] no finding outside the accepted list; CSP clean: ${policy}` : `[lint:electron] ${failed} finding(s)`);
  process.exit(failed === 0 ? 0 : 1);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
