/**
 * The Electron shell's security scan (scripts/lint-electron.mjs): the scan of our own shell is `npm run lint:electron`,
 * which npm test runs and counts (a finding outside the reviewed list fails it; not repeated here: each scan takes
 * ~10 s). Here: the policy the shell sends passes CSP Evaluator, both checks bite on a shell and a policy that are
 * weak, and every reviewed finding says why.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ACCEPTED, ACCEPTED_CSP, evaluateCsp, scanShell } from '../../../../../scripts/lint-electron.mjs';
import { contentSecurityPolicy } from '../../../../../src/platform/contentSecurity';

const weak = mkdtempSync(join(tmpdir(), 'passdesk-weak-shell-'));
afterAll(() => rmSync(weak, { recursive: true, force: true }));

describe('the Electron shell scan', () => {
  it('flags a shell without context isolation, sandbox, navigation limits or a permission handler', () => {
    writeFileSync(
      join(weak, 'main.js'),
      "const { BrowserWindow } = require('electron');\nnew BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false } });\n",
    );
    const checks = scanShell(weak).map((f) => f.check);
    expect(checks).toEqual(
      expect.arrayContaining(['CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK', 'LIMIT_NAVIGATION_GLOBAL_CHECK', 'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK']),
    );
  }, 60_000);

  it('gives every reviewed finding its reason', () => {
    for (const why of [...Object.values(ACCEPTED), ...Object.values(ACCEPTED_CSP)]) expect(why.length).toBeGreaterThan(40);
  });

  it("accepts the policy we send (only the reviewed 'wasm-unsafe-eval')", () => {
    expect(evaluateCsp(contentSecurityPolicy()).filter((f) => !(f.key in ACCEPTED_CSP))).toEqual([]);
    expect(evaluateCsp(contentSecurityPolicy(4780)).filter((f) => !(f.key in ACCEPTED_CSP))).toEqual([]);
  });

  it('refuses a policy that allows inline script from anywhere', () => {
    expect(evaluateCsp("default-src *; script-src * 'unsafe-inline'").length).toBeGreaterThan(0);
  });
});
