/**
 * The layer rules (.dependency-cruiser.cjs, scripts/lint-arch.mjs): today's src/ keeps them, the rule set holds every
 * rule issue 8 asks for, and each rule bites on a small tree of bad imports laid out like src/.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkArchitecture, loadArchitectureOptions, type ArchitectureViolation } from '../../scripts/lint-arch.mjs';

const REQUIRED_RULES = [
  'renderer-not-to-node',
  'renderer-not-to-node-packages',
  'renderer-only-shared-and-itself',
  'webapp-not-to-node',
  'webapp-not-to-node-packages',
  'webapp-only-shared-and-itself',
  'nothing-to-webapp',
  'shared-only-itself-and-zod',
  'core-not-to-devices',
  'core-not-to-shells',
  'core-not-to-cloud',
  'core-not-to-electron',
  'cloud-not-to-kiosk',
  'shell-browser-not-to-electron',
  'shell-electron-not-to-browser',
  'shells-not-to-cloud',
  'launch-to-cloud-only-embedded',
  'electron-entry-lazy',
  'platform-is-a-leaf',
  'no-circular',
  'no-orphans',
];

/** A tree laid out like the repository, where every file breaks a rule (or is the target of one). */
const BAD_TREE: Record<string, string> = {
  'node_modules/electron/package.json': '{"name":"electron","main":"index.js"}',
  'node_modules/electron/index.js': 'module.exports = {};',
  'node_modules/ws/package.json': '{"name":"ws","main":"index.js"}',
  'node_modules/ws/index.js': 'module.exports = {};',
  'node_modules/zod/package.json': '{"name":"zod","main":"index.js"}',
  'node_modules/zod/index.js': 'module.exports = {};',
  'src/shared/ok.ts': "import { z } from 'zod';\nexport const ok = z;\n",
  'src/shared/bad.ts': "import { createHash } from 'node:crypto';\nimport { ok } from './ok';\nexport const bad = [createHash, ok];\n",
  'src/renderer/bad.ts':
    "import { readFileSync } from 'node:fs';\nimport ws from 'ws';\nimport { core } from '../main/core/core';\nimport { bad } from '../shared/bad';\nexport const r = [readFileSync, ws, core, bad];\n",
  // the web app: Node, a Node-only package, the cloud and the kiosk renderer (a violation each), src/shared (allowed)
  'src/webapp/bad.ts':
    "import { readFileSync } from 'node:fs';\nimport ws from 'ws';\nimport { thing } from '../cloud/thing';\nimport { r } from '../renderer/bad';\nimport { ok } from '../shared/ok';\nexport const w = [readFileSync, ws, thing, r, ok];\n",
  'src/cloud/webAppUser.ts': "import { w } from '../webapp/bad';\nexport const webAppUser = w;\n",
  'src/main/core/core.ts':
    "import electron from 'electron';\nimport { driver } from '../devices/printer/driver';\nimport { shell } from '../shells/browser/shell';\nimport { thing } from '../../cloud/thing';\nexport const core = [electron, driver, shell, thing];\n",
  'src/main/devices/printer/driver.ts': 'export const driver = 1;\n',
  'src/cloud/thing.ts': "import { secret } from '../platform/secret';\nexport const thing = secret;\n",
  'src/cloud/kioskUser.ts': "import { driver } from '../main/devices/printer/driver';\nexport const kioskUser = driver;\n",
  'src/cloud/server.ts': "import { kioskUser } from './kioskUser';\nexport const startServer = kioskUser;\n",
  'src/cloud/demo.ts': 'export const demo = 1;\n',
  'src/platform/secret.ts': "import { thing } from '../cloud/thing';\nexport const secret = typeof thing;\n",
  'src/main/shells/browser/shell.ts':
    "import { ipc } from '../electron/ipc';\nimport { thing } from '../../../cloud/thing';\nexport const shell = [ipc, thing];\n",
  'src/main/shells/electron/ipc.ts': "import { shell } from '../browser/shell';\nexport const ipc = shell;\n",
  'src/main/shells/electron/main.ts': "import { prepare } from '../../launch/prepare';\nvoid prepare();\n",
  // the embedded cloud statically (a violation), the demo data by dynamic import (allowed)
  'src/main/launch/prepare.ts':
    "import { startServer } from '../../cloud/server';\nimport { thing } from '../../cloud/thing';\nexport async function prepare() {\n  const { demo } = await import('../../cloud/demo');\n  return [startServer, thing, demo];\n}\n",
  'src/main/orphan.ts': 'export const nobodyImportsMe = 1;\n',
};

describe('architecture rules', () => {
  it('today’s src/ has no violation', { timeout: 120_000 }, async () => {
    const { violations, report } = await checkArchitecture();
    expect(violations, report).toEqual([]);
    expect(report).toMatch(/0 violation\(s\)/);
  });

  it('the rule set holds every required rule, each with a reason', async () => {
    const options = await loadArchitectureOptions();
    const rules = options.ruleSet?.forbidden ?? [];
    const names = rules.map((r) => r.name);
    for (const name of REQUIRED_RULES) expect(names).toContain(name);
    for (const rule of rules) {
      expect(rule.severity, rule.name).toBe('error');
      expect(rule.comment?.length ?? 0, rule.name).toBeGreaterThan(20);
    }
  });

  describe('on a tree of bad imports', () => {
    let dir: string;
    let violations: ArchitectureViolation[];
    let report: string;
    const hit = (rule: string, from: string, to: RegExp) => violations.some((v) => v.rule === rule && v.from === from && to.test(v.to));

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'passdesk-arch-'));
      for (const [path, text] of Object.entries(BAD_TREE)) {
        mkdirSync(dirname(join(dir, path)), { recursive: true });
        writeFileSync(join(dir, path), text);
      }
      const options = await loadArchitectureOptions();
      delete options.tsConfig; // the tree has no tsconfig: plain resolution
      ({ violations, report } = await checkArchitecture({ paths: ['src'], options, baseDir: dir }));
    }, 120_000);
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('the renderer: no Node built-in, no Node-only package, nothing outside src/shared and itself', () => {
      expect(hit('renderer-not-to-node', 'src/renderer/bad.ts', /^(node:)?fs$/), report).toBe(true);
      expect(hit('renderer-not-to-node-packages', 'src/renderer/bad.ts', /^node_modules\/ws\//), report).toBe(true);
      expect(hit('renderer-only-shared-and-itself', 'src/renderer/bad.ts', /^src\/main\/core\/core\.ts$/), report).toBe(true);
      expect(
        violations.some((v) => v.from === 'src/renderer/bad.ts' && v.to === 'src/shared/bad.ts'),
        report,
      ).toBe(false);
    });

    it('the web app: no Node built-in, no Node-only package, nothing outside src/shared and itself; nothing imports it', () => {
      expect(hit('webapp-not-to-node', 'src/webapp/bad.ts', /^(node:)?fs$/), report).toBe(true);
      expect(hit('webapp-not-to-node-packages', 'src/webapp/bad.ts', /^node_modules\/ws\//), report).toBe(true);
      expect(hit('webapp-only-shared-and-itself', 'src/webapp/bad.ts', /^src\/cloud\/thing\.ts$/), report).toBe(true);
      expect(hit('webapp-only-shared-and-itself', 'src/webapp/bad.ts', /^src\/renderer\/bad\.ts$/), report).toBe(true);
      expect(hit('nothing-to-webapp', 'src/cloud/webAppUser.ts', /^src\/webapp\/bad\.ts$/), report).toBe(true);
      expect(
        violations.some((v) => v.from === 'src/webapp/bad.ts' && v.to === 'src/shared/ok.ts'),
        report,
      ).toBe(false);
    });

    it('src/shared: only its own files and zod', () => {
      expect(hit('shared-only-itself-and-zod', 'src/shared/bad.ts', /crypto$/), report).toBe(true);
      expect(
        violations.some((v) => v.from === 'src/shared/ok.ts'),
        report,
      ).toBe(false);
    });

    it('the kiosk core: no concrete device, no shell, no cloud, no Electron', () => {
      expect(hit('core-not-to-devices', 'src/main/core/core.ts', /^src\/main\/devices\/printer\/driver\.ts$/), report).toBe(true);
      expect(hit('core-not-to-shells', 'src/main/core/core.ts', /^src\/main\/shells\/browser\/shell\.ts$/), report).toBe(true);
      expect(hit('core-not-to-cloud', 'src/main/core/core.ts', /^src\/cloud\/thing\.ts$/), report).toBe(true);
      expect(hit('core-not-to-electron', 'src/main/core/core.ts', /^node_modules\/electron\//), report).toBe(true);
    });

    it('the cloud: not the kiosk', () => {
      expect(hit('cloud-not-to-kiosk', 'src/cloud/kioskUser.ts', /^src\/main\/devices\//), report).toBe(true);
    });

    it('a shell: not another shell, not the cloud; launchers: only the embedded cloud’s entry and demo data', () => {
      expect(hit('shell-browser-not-to-electron', 'src/main/shells/browser/shell.ts', /^src\/main\/shells\/electron\/ipc\.ts$/), report).toBe(true);
      expect(hit('shell-electron-not-to-browser', 'src/main/shells/electron/ipc.ts', /^src\/main\/shells\/browser\/shell\.ts$/), report).toBe(true);
      expect(hit('shells-not-to-cloud', 'src/main/shells/browser/shell.ts', /^src\/cloud\/thing\.ts$/), report).toBe(true);
      expect(hit('launch-to-cloud-only-embedded', 'src/main/launch/prepare.ts', /^src\/cloud\/thing\.ts$/), report).toBe(true);
    });

    it('the Electron entry: the embedded cloud only by dynamic import, checked along the whole static closure', () => {
      expect(hit('electron-entry-lazy', 'src/main/launch/prepare.ts', /^src\/cloud\/server\.ts$/), report).toBe(true);
      expect(hit('electron-entry-lazy', 'src/main/shells/electron/main.ts', /^src\/cloud\/server\.ts$/), report).toBe(true);
      // the dynamic import of the demo data is what the rule asks for
      expect(
        violations.some((v) => v.rule === 'electron-entry-lazy' && v.to === 'src/cloud/demo.ts'),
        report,
      ).toBe(false);
    });

    it('src/platform is a leaf; cycles and orphans are caught', () => {
      expect(hit('platform-is-a-leaf', 'src/platform/secret.ts', /^src\/cloud\/thing\.ts$/), report).toBe(true);
      expect(
        violations.some((v) => v.rule === 'no-circular'),
        report,
      ).toBe(true);
      expect(
        violations.some((v) => v.rule === 'no-orphans' && v.from === 'src/main/orphan.ts'),
        report,
      ).toBe(true);
    });
  });
});
