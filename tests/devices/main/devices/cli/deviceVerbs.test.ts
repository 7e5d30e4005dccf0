/**
 * The thermometer / printer / scanner CLI verbs as an operator runs them: `npm run devices -- …`
 * in child processes, each `simulate …` in the background serving on a pty (and TCP for the printer).
 */
import type { ChildProcess } from 'node:child_process';
import { createInterface, type Interface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, spawnCli, stopDetached } from '../../../../support/devices/cliProcess';

const background: ChildProcess[] = [];

/** starts `simulate …`; resolves with its line reader and first (JSON) line */
async function simulate(
  args: string[],
  stdin: 'ignore' | 'pipe' = 'ignore',
): Promise<{ child: ChildProcess; lines: Interface; first: Record<string, string> }> {
  const child = spawnCli(['simulate', ...args], { stdin, detached: true });
  background.push(child);
  const lines = createInterface({ input: child.stdout });
  const first = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (c) => reject(new Error(`simulate exited ${c}`)));
  });
  return { child, lines, first: JSON.parse(first) as Record<string, string> };
}

afterEach(async () => {
  for (const bg of background.splice(0)) await stopDetached(bg);
});

describe('npm run devices -- read-temp / print-test / read-scan and their simulators', () => {
  it('read-temp reads the thermometer simulator (both models)', async () => {
    for (const model of ['gy', 'lu']) {
      const sim = await simulate(['thermometer', '--model', model, '--celsius', '37.8']);
      expect(sim.first).toMatchObject({ simulator: 'thermometer', model });
      const r = await runCli(['read-temp', '--port', sim.first.port!, '--model', model, '--samples', '3']);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ celsius: 37.8, abnormal: true, thresholdC: 37.3, samples: [37.8, 37.8, 37.8] });
    }
  });

  it('print-test prints a sample pass to the printer simulator over the pty and over TCP; the simulator prints the decoded job', async () => {
    const sim = await simulate(['printer', '--json']);
    expect(sim.first.port).toBeTruthy();
    expect(sim.first.tcp).toMatch(/^127\.0\.0\.1:\d+$/);
    const jobs: Record<string, unknown>[] = [];
    const twoJobs = new Promise<void>((resolve) =>
      sim.lines.on('line', (l) => {
        jobs.push(JSON.parse(l) as Record<string, unknown>);
        if (jobs.length === 2) resolve();
      }),
    );
    const viaPty = await runCli(['print-test', '--port', sim.first.port!, '--width', '58']);
    expect(viaPty.code).toBe(0);
    expect(JSON.parse(viaPty.stdout)).toMatchObject({ printed: true, widthMm: 58, paper: 'ok' });
    const viaTcp = await runCli(['print-test', '--tcp', sim.first.tcp!]);
    expect(viaTcp.code).toBe(0);
    await twoJobs;
    const widths = jobs.map((j) => (j.images as { widthDots: number }[])[0]!.widthDots);
    expect(widths).toEqual([384, 576]);
    for (const j of jobs) {
      expect((j.lines as { text: string }[]).map((l) => l.text)).toContain('访客: 张*丰');
      expect((j.qr as { payload: string }[])[0]!.payload).toMatch(/^PD1\./);
      expect(j.cuts).toEqual(['partial']);
    }
  });

  it('print-test fails cleanly when the paper is out, and explains its flags', async () => {
    const sim = await simulate(['printer', '--paper', 'out']);
    const r = await runCli(['print-test', '--port', sim.first.port!]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/out of paper/);
    const usage = await runCli(['print-test', '--width', '58']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/exactly one of --port, --tcp, --usb/);
  });

  it('simulate scanner turns stdin lines into scans that read-scan prints', async () => {
    const sim = await simulate(['scanner', '--suffix', 'crlf'], 'pipe');
    const reader = spawnCli(['read-scan', '--port', sim.first.port!, '--count', '2']);
    let stdout = '';
    reader.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    const reading = new Promise<{ code: number | null; stdout: string }>((resolve) => reader.on('close', (code) => resolve({ code, stdout })));
    await new Promise<void>((resolve) => createInterface({ input: reader.stderr }).on('line', (l) => l.startsWith('read-scan: listening') && resolve()));
    sim.child.stdin!.write('PD1.cli-scan-1.sig\nPD1.cli-scan-2.sig\n');
    const r = await reading;
    expect(r.code).toBe(0);
    const scans = r.stdout
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { text: string }).text);
    expect(scans).toEqual(['PD1.cli-scan-1.sig', 'PD1.cli-scan-2.sig']);
  });
});
