import { afterEach, describe, expect, it } from 'vitest';
import { createPtyPair, type PtyPair } from '../../../../../src/main/devices/sim/ptyPair';
import { SerialTransport } from '../../../../../src/main/devices/transport/serialTransport';

describe('socat pty pair through serialport', () => {
  let pair: PtyPair | undefined;
  afterEach(async () => pair?.close());
  it('carries bytes both ways', async () => {
    pair = await createPtyPair('t');
    const a = new SerialTransport(pair.hostPath, 115200);
    const b = new SerialTransport(pair.devicePath, 115200);
    await a.open();
    await b.open();
    const got = new Promise<Uint8Array>((resolve) => b.onData(resolve));
    await a.write(new Uint8Array([0xaa, 0xaa, 0xaa, 0x96, 0x69]));
    expect([...(await got)]).toEqual([0xaa, 0xaa, 0xaa, 0x96, 0x69]);
    await a.close();
    await b.close();
  });
});
