import { afterEach, describe, expect, it } from 'vitest';
import { ThermometerDriver, probeThermometer } from '../../../../../src/main/devices/thermometer/driver';
import { serveThermometerOnPty, type ThermometerOnPty } from '../../../../../src/main/devices/thermometer/simulator';
import { SerialTransport } from '../../../../../src/main/devices/transport/serialTransport';
import { waitForState } from '../../../../support/devices/waitForState';

describe('thermometer driver against the simulator on a pty', () => {
  let dev: ThermometerOnPty | undefined;
  let driver: ThermometerDriver | undefined;
  afterEach(async () => {
    await driver?.stop();
    await dev?.close();
    driver = undefined;
    dev = undefined;
  });

  for (const model of ['gy', 'lu'] as const) {
    it(`${model}: measures the median of 5 with the calibration offset and flags abnormal`, async () => {
      dev = await serveThermometerOnPty({ model, temperatureC: 36.2, noiseC: 0.2, seed: 7 });
      driver = new ThermometerDriver({ transport: new SerialTransport(dev.path, 9600), model, offsetC: 0.5, queryIntervalMs: 0 });
      await driver.start();
      expect(driver.state.status).toBe('ready');
      const m = await driver.measure();
      expect(m.samples).toHaveLength(5);
      expect(m.celsius).toBeGreaterThanOrEqual(36.5);
      expect(m.celsius).toBeLessThanOrEqual(36.9);
      expect(m.abnormal).toBe(false);
      if (model === 'gy') expect(m.ambientC).toBe(25);
      dev.sim.temperatureC = 38.1;
      const hot = await driver.measure();
      expect(hot.abnormal).toBe(true);
      expect(hot.thresholdC).toBe(37.3);
    });

    it(`${model}: drops bad-checksum frames, counts them and still measures`, async () => {
      dev = await serveThermometerOnPty({ model, temperatureC: 36.6, badChecksumRate: 0.3, seed: 3 });
      driver = new ThermometerDriver({
        transport: new SerialTransport(dev.path, 9600),
        model,
        samples: 7,
        queryIntervalMs: 0,
        replyTimeoutMs: 150,
        probeOnStart: false,
      });
      await driver.start();
      const m = await driver.measure();
      expect(m.celsius).toBe(36.6);
      expect(driver.errors.checksumErrors).toBe(dev.sim.stats.corrupted);
      expect(driver.errors.checksumErrors).toBeGreaterThan(0);
    });
  }

  it('gy stream mode takes frames from continuous output', async () => {
    dev = await serveThermometerOnPty({ model: 'gy', temperatureC: 35.9, streamHz: 200 });
    driver = new ThermometerDriver({ transport: new SerialTransport(dev.path, 115200), model: 'gy', mode: 'stream', samples: 3 });
    await driver.start();
    const m = await driver.measure();
    expect(m.celsius).toBe(35.9);
  });

  it('discards implausible readings (≥ 90 °C) and fails cleanly when none are valid', async () => {
    dev = await serveThermometerOnPty({ model: 'lu', temperatureC: 95 });
    driver = new ThermometerDriver({ transport: new SerialTransport(dev.path, 9600), model: 'lu', samples: 2, probeOnStart: false });
    await driver.start();
    await expect(driver.measure()).rejects.toThrow(/0 of 2 valid readings/);
    expect(driver.errors.outOfRange).toBe(6);
    expect(driver.state.status).toBe('error');
  });

  it('goes disconnected when unplugged, refuses to measure, and recovers on replug', async () => {
    dev = await serveThermometerOnPty({ model: 'gy', temperatureC: 36.3 });
    driver = new ThermometerDriver({ transport: new SerialTransport(dev.path, 9600), model: 'gy', samples: 3, queryIntervalMs: 0, reconnectMs: 50 });
    const seen: string[] = [];
    driver.on('state', (s) => seen.push(s.status));
    await driver.start();
    expect((await driver.measure()).celsius).toBe(36.3);

    await dev.unplug();
    await waitForState(driver, (s) => s.status === 'disconnected');
    await expect(driver.measure()).rejects.toThrow(/not connected/);

    dev.sim.temperatureC = 36.8;
    await dev.replug();
    await waitForState(driver, (s) => s.status === 'ready');
    expect((await driver.measure()).celsius).toBe(36.8);
    expect(seen).toContain('disconnected');
    expect(seen.filter((s) => s === 'ready').length).toBeGreaterThanOrEqual(2);
  });

  it('reports an error state when nothing answers', async () => {
    dev = await serveThermometerOnPty({ model: 'gy' });
    dev.sim.detach(); // the port exists but the module is silent
    driver = new ThermometerDriver({ transport: new SerialTransport(dev.path, 9600), model: 'gy', replyTimeoutMs: 100 });
    await driver.start();
    expect(driver.state.status).toBe('error');
    expect(driver.state.detail).toMatch(/no reply/);
  });

  it('probes: a module answers for its own model only', async () => {
    dev = await serveThermometerOnPty({ model: 'lu' });
    expect(await probeThermometer(new SerialTransport(dev.path, 9600), 'lu')).toBe(true);
    expect(await probeThermometer(new SerialTransport(dev.path, 9600), 'gy', 200)).toBe(false);
  });
});
