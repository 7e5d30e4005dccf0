/**
 * Issue 7, finding 9 (logs and consoles): people's numbers and the per-launch secret stay out of logs.
 * - redactText (kiosk log, cloud logger) masks international numbers and 15-digit first-generation ID numbers too;
 * - `npm run cloud:demo` prints masked phone numbers.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_BOOKINGS, DEMO_HOSTS } from '../../src/cloud/demo';
import { redactText } from '../../src/shared/mask';
import { createLogger, setLogLevel, setLogSink } from '../../src/main/core/log';

describe('redactText', () => {
  it.each([
    ['+85291234567', '+852****4567'],
    ['+852 9123 4567', '+852****4567'],
    ['+853-6612-3456', '+853****3456'],
    ['+886 912 345 678', '+886*****5678'],
    ['+1 (415) 555-0100', '+141****0100'],
    ['+44 20 7946 0958', '+442*****0958'],
    ['+8613912345678', '+861******5678'],
  ])('masks the international number %s', (input, masked) => {
    const out = redactText(`visitor phone ${input}, please call`);
    expect(out).toBe(`visitor phone ${masked}, please call`);
    expect(out.replace(/\D/g, '')).not.toContain(input.replace(/\D/g, '').slice(3, -4));
  });

  it('masks a 15-digit first-generation ID number', () => {
    expect(redactText('card 110105491231002 read')).toBe('card 110********1002 read');
    expect(redactText('身份证110105491231002号')).toBe('身份证110********1002号');
  });

  it('keeps what it did: 18-digit IDs, mainland mobiles, and leaves other numbers alone', () => {
    expect(redactText('id 11010519491231002X phone 13912345678')).toBe('id 110***********002X phone 139****5678');
    for (const plain of ['at 2026-11-22T02:05:00.000Z', 'offset +0800', 'seq 1234567890123456', 'kiosk a110105491231002b', '+12 items']) {
      expect(redactText(plain)).toBe(plain);
    }
  });
});

describe('the kiosk log', () => {
  afterEach(() => {
    setLogSink((line) => process.stderr.write(`${line}\n`));
    setLogLevel('warn');
  });

  it('carries no international phone or 15-digit ID number', () => {
    const lines: string[] = [];
    setLogSink((l) => lines.push(l));
    setLogLevel('debug');
    createLogger('test').warn('lookup failed for +852 9123 4567', { idNumber: '110105491231002' });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toMatch(/9123\s?4567|110105491231002/);
    expect(lines[0]).toContain('+852****4567');
  });
});

describe('npm run cloud:demo', () => {
  it('lists the demo hosts with masked phone numbers', () => {
    const dir = mkdtempSync(join(tmpdir(), 'passdesk-demo-'));
    try {
      const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/cloud/demo.main.ts'], {
        cwd: process.cwd(),
        env: { ...process.env, PASSDESK_DB: join(dir, 'cloud.sqlite'), DATABASE_URL: '' },
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(run.status, run.stderr).toBe(0);
      expect(run.stdout).toContain('host 李明 138****8001');
      for (const h of DEMO_HOSTS) expect(run.stdout).not.toContain(h.phone);
      for (const b of DEMO_BOOKINGS) expect(run.stdout).not.toContain(b.visitor.phone);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
