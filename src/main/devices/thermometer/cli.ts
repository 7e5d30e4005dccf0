/** Thermometer CLI verbs: `read-temp`, `simulate thermometer`. Registered by importing this module. */
import { numberFlag, parseFlags, registerSimulator, registerVerb, untilSignal, UsageError } from '../cli/verbs';
import { SerialTransport } from '../transport/serialTransport';
import type { ThermoModel } from './codec';
import { ThermometerDriver } from './driver';
import { serveThermometerOnPty } from './simulator';
import { DEFAULT_TEMPERATURE_THRESHOLD_C } from '../../../shared/domain';

function modelFlag(v: string | undefined): ThermoModel {
  if (v === undefined || v === 'gy' || v === 'lu') return v ?? 'gy';
  throw new UsageError(`--model must be gy or lu, got "${v}"`);
}

registerVerb({
  name: 'read-temp',
  usage: `read-temp --port P [--model gy|lu] [--baud 9600] [--samples 5] [--offset 0] [--threshold ${DEFAULT_TEMPERATURE_THRESHOLD_C}] [--mode query|stream]`,
  async run(args) {
    const { flags } = parseFlags(args, { known: ['port', 'model', 'baud', 'samples', 'offset', 'threshold', 'mode'] });
    const port = flags.get('port');
    if (!port) throw new UsageError('--port is required');
    const mode = flags.get('mode') ?? 'query';
    if (mode !== 'query' && mode !== 'stream') throw new UsageError('--mode must be query or stream');
    const model = modelFlag(flags.get('model'));
    const driver = new ThermometerDriver({
      transport: new SerialTransport(port, numberFlag(flags, 'baud', 9600)),
      model,
      mode,
      samples: numberFlag(flags, 'samples', 5),
      offsetC: numberFlag(flags, 'offset', 0),
      thresholdC: numberFlag(flags, 'threshold', DEFAULT_TEMPERATURE_THRESHOLD_C),
      reconnectMs: 0,
      probeOnStart: false,
    });
    await driver.start();
    try {
      if (driver.state.status !== 'ready') throw new Error(driver.state.detail ?? `cannot open ${port}`);
      const m = await driver.measure();
      process.stdout.write(`${JSON.stringify({ ...m, at: m.at.toISOString(), model, port, errors: driver.errors })}\n`);
      return 0;
    } finally {
      await driver.stop();
    }
  },
});

registerSimulator({
  kind: 'thermometer',
  usage: 'simulate thermometer [--model gy|lu] [--celsius 36.5] [--noise 0] [--bad-checksum 0] [--ambient 25] [--stream]',
  async run(args) {
    const { flags } = parseFlags(args, { known: ['model', 'celsius', 'noise', 'bad-checksum', 'ambient', 'seed'], booleans: ['stream'] });
    const model = modelFlag(flags.get('model'));
    const dev = await serveThermometerOnPty({
      model,
      temperatureC: numberFlag(flags, 'celsius', 36.5),
      noiseC: numberFlag(flags, 'noise', 0),
      badChecksumRate: numberFlag(flags, 'bad-checksum', 0),
      ambientC: numberFlag(flags, 'ambient', 25),
      seed: numberFlag(flags, 'seed', Date.now() & 0xffff),
      autoOutput: flags.has('stream'),
    });
    process.stdout.write(`${JSON.stringify({ simulator: 'thermometer', model, port: dev.path })}\n`);
    await untilSignal();
    await dev.close();
    return 0;
  },
});
