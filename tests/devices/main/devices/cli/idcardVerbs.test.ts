/**
 * The device CLI as an operator runs it: `npm run devices -- …` in a child process, against the
 * simulator on a socat pty.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { FIXTURES } from '../../../../../src/main/devices/idcard/fixtures';
import { startSimulatedReader, type SimulatedReader } from '../../../../../src/main/devices/idcard/simPty';
import { FAST_LATENCY } from '../../../../../src/main/devices/idcard/simulator';
import { runCli, spawnCli, stopDetached } from '../../../../support/devices/cliProcess';

let reader: SimulatedReader | undefined;
let bg: ChildProcess | undefined;
let tmp: string | undefined;
afterEach(async () => {
  await reader?.close();
  reader = undefined;
  await stopDetached(bg);
  bg = undefined;
  if (tmp) rmSync(tmp, { recursive: true, force: true });
  tmp = undefined;
});

describe('npm run devices -- read-card / simulate id-reader', () => {
  it('read-card prints the card as one JSON line, ID number masked', async () => {
    reader = await startSimulatedReader({ latency: FAST_LATENCY, card: FIXTURES.resident });
    const r = await runCli(['read-card', '--port', reader.path, '--timeout', '30']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const card = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(card).toMatchObject({
      cardType: 'resident',
      name: '李秀英',
      sex: '女',
      nation: '汉',
      birthDate: '19491231',
      address: FIXTURES.resident.address,
      idNumber: '110***********002X',
      idNumberMasked: true,
      issuer: FIXTURES.resident.issuer,
      validFrom: '20150610',
      validUntil: '长期',
      longTerm: true,
      warnings: [],
      samId: '05.01-20110511-0123456789-1234567890',
    });
    expect(Buffer.from(card.photoWltBase64 as string, 'base64')).toHaveLength(1024);
    expect(r.stdout + r.stderr).not.toContain(FIXTURES.resident.idNumber);
  });

  it('read-card --show-id unmasks; a bad check digit shows as a warning', async () => {
    reader = await startSimulatedReader({ latency: FAST_LATENCY, card: FIXTURES.residentBadCheck });
    const r = await runCli(['read-card', '--port', reader.path, '--show-id', '--baud', '115200']);
    expect(r.code).toBe(0);
    const card = JSON.parse(r.stdout) as { idNumber: string; idNumberMasked: boolean; warnings: string[] };
    expect(card.idNumber).toBe('110105194912310021');
    expect(card.idNumberMasked).toBe(false);
    expect(card.warnings).toEqual([expect.stringMatching(/^id_number\.check_digit: .*110\*+0021/)]);
  });

  it('read-card: timeout → message and exit 3; absent port → exit 1; usage errors → exit 2', async () => {
    reader = await startSimulatedReader({ latency: FAST_LATENCY });
    const [timeout, absent, usage, unknown] = await Promise.all([
      runCli(['read-card', '--port', reader.path, '--timeout', '1']),
      runCli(['read-card', '--port', '/nonexistent/ttyX', '--timeout', '5']),
      runCli(['read-card']),
      runCli(['frobnicate']),
    ]);
    expect(timeout.code).toBe(3);
    expect(timeout.stdout).toBe('');
    expect(timeout.stderr).toMatch(/no card read within 1 s/);
    expect(absent.code).toBe(1);
    expect(absent.stderr).toMatch(/cannot open \/nonexistent\/ttyX/);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/--port is required/);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown verb "frobnicate"[\s\S]*read-card/);
  });

  it('simulate id-reader --card FILE serves on a pty that read-card can open', async () => {
    tmp = mkdtempSync(join(tmpdir(), 'passdesk-cli-'));
    const file = join(tmp, 'card.json');
    writeFileSync(file, JSON.stringify({ ...FIXTURES.YBadCheck, name: '汤姆斯' }));
    bg = spawnCli(['simulate', 'id-reader', '--card', file, '--latency', 'fast'], { detached: true });
    const path = await new Promise<string>((resolve, reject) => {
      const rl = createInterface({ input: bg!.stdout! });
      rl.once('line', resolve);
      bg!.once('exit', (c) => reject(new Error(`simulate exited ${c}`)));
    });
    expect(path).toMatch(/ttyIDR0$/);
    const r = await runCli(['read-card', '--port', path, '--timeout', '30']);
    expect(r.code).toBe(0);
    const card = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(card).toMatchObject({ cardType: 'foreign_2023', name: '汤姆斯', nameEn: 'BROWN, TOM', nationality: 'GBR', idNumber: '911***********1234' });
    expect(card.warnings).toEqual([expect.stringMatching(/^id_number\.check_digit/)]);
  });

  it('help lists the verbs and the simulate kinds', async () => {
    const r = await runCli(['help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/list/);
    expect(r.stdout).toMatch(/read-card --port P/);
    expect(r.stdout).toMatch(/simulate <id-reader/);
    const s = await runCli(['simulate', 'toaster']);
    expect(s.code).toBe(2);
    expect(s.stderr).toMatch(/simulate id-reader/);
  });
});
