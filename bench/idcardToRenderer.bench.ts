/**
 * ID card → renderer latency: from the moment the simulator writes the LAST chunk of the read reply to the pty, to a
 * WebSocket client of the browser shell (authenticated with the launch secret, as the renderer is) receiving the
 * `device.idCard` event. The whole kiosk path: serialport on socat ptys, the driver's framing and decoding, the
 * device manager, the core's device desk (cardRef, masking, contract check), its event bus (validation) and the
 * browser shell's WebSocket.
 * Target: p95 < 50 ms.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import WebSocket from 'ws';
import { createKioskCore } from '../src/main/core/kioskCore';
import { createDeviceManager } from '../src/main/devices/manager/deviceManager';
import { startBrowserShell } from '../src/main/shells/browser/browserShell';
import { KioskDeviceSettings } from '../src/shared/domain';
import { DeviceState, IdCardRead, WS_PATH, WsServerMessage } from '../src/shared/ipc';
import { cardReadResult, startBenchReader, timeCardReads, type CardReadTimings } from './idcardReads';
import type { Bench } from './types';

/** Server messages as they arrive, each stamped on receipt (before parsing). */
function wsInbox(ws: WebSocket) {
  const waiters: { pred: (m: WsServerMessage) => boolean; resolve: (r: { msg: WsServerMessage; at: number }) => void }[] = [];
  ws.on('message', (data: WebSocket.RawData) => {
    const at = performance.now();
    const msg = WsServerMessage.parse(
      JSON.parse((Array.isArray(data) ? Buffer.concat(data) : data instanceof ArrayBuffer ? Buffer.from(data) : data).toString('utf8')),
    );
    const i = waiters.findIndex((w) => w.pred(msg));
    if (i >= 0) waiters.splice(i, 1)[0]!.resolve({ msg, at });
  });
  return {
    next: (pred: (m: WsServerMessage) => boolean): Promise<{ msg: WsServerMessage; at: number }> => new Promise((resolve) => waiters.push({ pred, resolve })),
  };
}

const isEvent = (name: string) => (m: WsServerMessage) => m.type === 'event' && m.name === name;
const isReaderWaiting = (m: WsServerMessage): boolean => {
  if (m.type !== 'event' || m.name !== 'device.state') return false;
  const s = DeviceState.safeParse(m.payload);
  return s.success && s.data.kind === 'idReader' && s.data.status === 'ready' && s.data.detail === 'waiting for a card';
};

const bench: Bench = {
  name: 'idcard-to-renderer',
  description: 'last byte of the read reply written by the simulator → device.idCard received by a WebSocket client of the browser shell',
  async run({ samples = 40, log }) {
    const dir = mkdtempSync(join(tmpdir(), 'passdesk-bench-'));
    const reader = await startBenchReader();
    const manager = createDeviceManager({
      settings: KioskDeviceSettings.parse({ idReader: { enabled: true, port: reader.path } }),
      autoDetect: false,
      idReader: { pollIntervalMs: 20 },
    });
    const core = await createKioskCore({ dataDir: dir, cloudUrl: 'http://127.0.0.1:9', autoSync: false, devices: manager });
    const shell = await startBrowserShell({ core, rendererDir: resolve('out/renderer'), port: 0 });
    const ws = new WebSocket(`ws://127.0.0.1:${new URL(shell.origin).port}${WS_PATH}`, { origin: shell.origin });
    const inbox = wsInbox(ws);
    let timings: CardReadTimings;
    try {
      await new Promise<void>((ok, fail) => {
        ws.once('open', () => ok());
        ws.once('error', fail);
      });
      const ready = inbox.next((m) => m.type === 'ready');
      ws.send(JSON.stringify({ type: 'hello', secret: shell.secret }));
      await ready;
      const waiting = inbox.next(isReaderWaiting);
      await manager.start();
      await waiting;

      timings = await timeCardReads(reader, {
        samples,
        cardEvent: (i) =>
          inbox.next(isEvent('device.idCard')).then(({ msg, at }) => {
            if (msg.type !== 'event' || !IdCardRead.safeParse(msg.payload).success) throw new Error(`read ${i}: not a device.idCard payload`);
            return at;
          }),
        // the card is taken away: wait until the reader reports it is waiting again
        cardGone: () => inbox.next(isReaderWaiting).then(() => undefined),
        logEvery: 10,
        log,
      });
    } finally {
      ws.close();
      await shell.close();
      await core.close();
      await reader.close();
      rmSync(dir, { recursive: true, force: true });
    }
    return cardReadResult({
      name: bench.name,
      metric: 'last reply byte → device.idCard at a WebSocket client',
      timings,
      where: { path: 'socat pty → serialport → driver → device manager → core event bus → browser shell WebSocket' },
      cycleNote: 'card on reader → WebSocket event, median ms (sim latency 2+2+5 ms, poll 20 ms)',
    });
  },
};
export default bench;
