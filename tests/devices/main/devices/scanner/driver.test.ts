import { afterEach, describe, expect, it } from 'vitest';
import { ScannerDriver, type Scan } from '../../../../../src/main/devices/scanner/driver';
import { serveScannerOnPty, type ScannerOnPty } from '../../../../../src/main/devices/scanner/simulator';
import { SerialTransport } from '../../../../../src/main/devices/transport/serialTransport';

const collect = (d: ScannerDriver, n: number): Promise<Scan[]> =>
  new Promise((resolve) => {
    const got: Scan[] = [];
    const off = d.on('scan', (s) => {
      got.push(s);
      if (got.length === n) {
        off();
        resolve(got);
      }
    });
  });

describe('USB-COM scanner against the simulator on a pty', () => {
  let dev: ScannerOnPty | undefined;
  let driver: ScannerDriver | undefined;
  afterEach(async () => {
    await driver?.stop();
    await dev?.close();
    driver = dev = undefined;
  });

  it('reads CR-terminated scans, including ones split into small writes', async () => {
    dev = await serveScannerOnPty({ suffix: 'cr' });
    driver = new ScannerDriver({ transport: new SerialTransport(dev.path, 9600) });
    await driver.start();
    expect(driver.state.status).toBe('ready');
    const scans = collect(driver, 3);
    await dev.sim.scan('PD1.eyJwaWQiOiJ2LTEifQ.c2ln');
    await dev.sim.scan('A1B2C3D4', 3);
    await dev.sim.scan('\u001dGS1\u001d01');
    expect((await scans).map((s) => s.text)).toEqual(['PD1.eyJwaWQiOiJ2LTEifQ.c2ln', 'A1B2C3D4', 'GS101']);
  });

  it('CRLF suffix gives one scan per line', async () => {
    dev = await serveScannerOnPty({ suffix: 'crlf' });
    driver = new ScannerDriver({ transport: new SerialTransport(dev.path, 9600), suffix: 'crlf' });
    await driver.start();
    const scans = collect(driver, 2);
    await dev.sim.scan('one');
    await dev.sim.scan('two');
    expect((await scans).map((s) => s.text)).toEqual(['one', 'two']);
  });

  it('a scanner without a suffix is flushed after a quiet period', async () => {
    dev = await serveScannerOnPty({ suffix: 'none' });
    driver = new ScannerDriver({ transport: new SerialTransport(dev.path, 9600), idleFlushMs: 50 });
    await driver.start();
    const scans = collect(driver, 1);
    await dev.sim.scan('NOSUFFIX-42');
    expect((await scans)[0]!.text).toBe('NOSUFFIX-42');
  });
});
