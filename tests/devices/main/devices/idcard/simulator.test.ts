import { afterEach, describe, expect, it } from 'vitest';
import { buildCommand, Cmd, FrameParser, fromHex, parseReply, type ReplyFrame } from '../../../../../src/main/devices/idcard/codec';
import { FIXTURES } from '../../../../../src/main/devices/idcard/fixtures';
import { startSimulatedReader, type SimulatedReader } from '../../../../../src/main/devices/idcard/simPty';
import { FAST_LATENCY } from '../../../../../src/main/devices/idcard/simulator';
import { SerialTransport } from '../../../../../src/main/devices/transport/serialTransport';

/** A bare host: writes raw bytes, collects reply frames. */
async function host(path: string) {
  const t = new SerialTransport(path, 115200);
  await t.open();
  const parser = new FrameParser();
  const replies: ReplyFrame[] = [];
  const waiters: ((r: ReplyFrame) => void)[] = [];
  let chunks = 0;
  t.onData((c) => {
    chunks++;
    parser.push(c);
  });
  parser.onFrame((f) => {
    const r = parseReply(f)!;
    const w = waiters.shift();
    if (w) w(r);
    else replies.push(r);
  });
  const next = (): Promise<ReplyFrame> => {
    const r = replies.shift();
    return r ? Promise.resolve(r) : new Promise((resolve) => waiters.push(resolve));
  };
  return {
    t,
    get chunks() {
      return chunks;
    },
    async ask(bytes: Uint8Array): Promise<ReplyFrame> {
      await t.write(bytes);
      return next();
    },
    cmd(cmd: number): Promise<ReplyFrame> {
      return this.ask(buildCommand(cmd));
    },
  };
}

let reader: SimulatedReader | undefined;
let closeHost: (() => Promise<void>) | undefined;
afterEach(async () => {
  await closeHost?.();
  await reader?.close();
  reader = undefined;
  closeHost = undefined;
});

describe('ID card reader simulator (§1.13 checklist) on a pty', () => {
  it('walks the state machine NO_CARD → PRESENT → FOUND → SELECTED → READ', async () => {
    reader = await startSimulatedReader({ latency: FAST_LATENCY, chunkSize: 64 });
    const h = await host(reader.path);
    closeHost = () => h.t.close();
    const sw3 = async (cmd: number) => (await h.cmd(cmd)).sw3;

    expect(reader.sim.state).toBe('NO_CARD');
    expect(await sw3(Cmd.samStatus)).toBe(0x90);
    const id = await h.cmd(Cmd.samId);
    expect([...id.data]).toEqual([...fromHex('05 00 01 00 AF DC 32 01 15 CD 5B 07 D2 02 96 49')]);
    expect(await sw3(Cmd.findCard)).toBe(0x80);
    reader.insertCard(FIXTURES.J);
    expect(reader.sim.state).toBe('PRESENT');
    expect(await sw3(Cmd.selectCard)).toBe(0x81); // select before find
    expect(await sw3(Cmd.readBase)).toBe(0x41); // read before select
    expect(await sw3(Cmd.findCard)).toBe(0x9f);
    expect(reader.sim.state).toBe('FOUND');
    expect(await sw3(Cmd.readBase)).toBe(0x41); // read before select
    expect(await sw3(Cmd.findCard)).toBe(0x9f);
    expect(await sw3(Cmd.selectCard)).toBe(0x90);
    expect(reader.sim.state).toBe('SELECTED');
    const chunksBefore = h.chunks;
    const read = await h.cmd(Cmd.readBase);
    expect(read.sw3).toBe(0x90);
    expect(read.data.length).toBe(1295 - 11);
    expect(h.chunks - chunksBefore).toBeGreaterThan(1); // sent in pieces
    expect(reader.sim.state).toBe('READ');
    expect(await sw3(Cmd.findCard)).toBe(0x80); // consumed
    expect(await sw3(Cmd.readAppendedAddress)).toBe(0x91);
    reader.removeCard();
    reader.insertCard(FIXTURES.J);
    expect(await sw3(Cmd.findCard)).toBe(0x9f);
  });

  it('answers a bad checksum with SW3 10, and the wrong public-sample find frame too', async () => {
    reader = await startSimulatedReader({ latency: FAST_LATENCY, card: FIXTURES.resident });
    const h = await host(reader.path);
    closeHost = () => h.t.close();
    expect((await h.ask(fromHex('AA AA AA 96 69 00 03 20 01 21'))).sw3).toBe(0x10);
    expect((await h.ask(fromHex('AA AA AA 96 69 00 03 20 01 22'))).sw3).toBe(0x9f);
    expect((await h.ask(buildCommand(0x7777))).sw3).toBe(0x21);
  });

  it('fault injection: SAM self-test failure answers 60 (the spec frame)', async () => {
    reader = await startSimulatedReader({ latency: FAST_LATENCY });
    const h = await host(reader.path);
    closeHost = () => h.t.close();
    reader.sim.fault({ kind: 'samFailure', on: true });
    expect((await h.cmd(Cmd.samStatus)).sw3).toBe(0x60);
    expect((await h.cmd(Cmd.findCard)).sw3).toBe(0x60);
  });

  it('serves the appended address when configured', async () => {
    reader = await startSimulatedReader({ latency: FAST_LATENCY, card: FIXTURES.resident, appendedAddress: '北京市海淀区中关村大街1号' });
    const h = await host(reader.path);
    closeHost = () => h.t.close();
    const r = await h.cmd(Cmd.readAppendedAddress);
    expect(r.sw3).toBe(0x90);
    expect(r.data.length).toBe(70);
    expect(new TextDecoder('utf-16le').decode(r.data).trimEnd()).toBe('北京市海淀区中关村大街1号');
  });
});
