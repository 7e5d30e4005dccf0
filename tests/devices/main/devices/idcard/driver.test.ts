import { afterEach, describe, expect, it } from 'vitest';
import { Cmd, HostCode, Sw3 } from '../../../../../src/main/devices/idcard/codec';
import { FIXTURES } from '../../../../../src/main/devices/idcard/fixtures';
import { makeRig, type Rig } from '../../../../support/devices/idcardHelpers';

let rig: Rig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

describe('IdCardReaderDriver ↔ simulator over serialport on socat ptys', () => {
  it('reads each card type: resident, J, I, Y', async () => {
    rig = await makeRig();
    const r = rig;
    const connected = await r.nextStatus('connected');
    expect(connected.baudRate).toBe(115200);
    expect(connected.samId).toBe('05.01-20110511-0123456789-1234567890');
    expect(r.driver.state.status).toBe('ready');

    const expected = [
      ['resident', FIXTURES.resident, { cardType: 'resident', name: '李秀英', nation: '汉', validUntil: '长期', longTerm: true }],
      ['J', FIXTURES.J, { cardType: 'hkmotw_permit', passNumber: 'H12345678', issueCount: '01' }],
      ['I', FIXTURES.I, { cardType: 'foreign_2017', nameEn: 'SMITH, JOHN ALEXANDER', idNumber: 'USA110085061512', nationality: 'USA' }],
      ['Y', FIXTURES.Y, { cardType: 'foreign_2023', nameEn: FIXTURES.Y.nameEn, idNumber: FIXTURES.Y.idNumber }],
    ] as const;
    for (const [, fixture, fields] of expected) {
      const next = r.nextCard();
      r.reader.insertCard(fixture);
      const card = await next;
      expect(card).toMatchObject({ ...fields, warnings: [] });
      expect(card.photoWlt).toHaveLength(1024);
      r.reader.removeCard();
      await r.nextStatus('cardRemoved');
    }
    expect(r.cards).toHaveLength(4);
    // logs never hold a full ID number
    const all = r.logs.join('\n');
    for (const f of [FIXTURES.resident, FIXTURES.J, FIXTURES.Y]) expect(all).not.toContain(f.idNumber);
    expect(all).toContain('110***********002X');
  });

  it('bad check digit reaches the app as a warning on the card', async () => {
    rig = await makeRig({ card: FIXTURES.residentBadCheck });
    const card = await rig.nextCard();
    expect(card.name).toBe('赵敏');
    expect(card.warnings).toEqual([expect.stringMatching(/^id_number\.check_digit/)]);
  });

  it('reports the same card once until it is removed (reader with the "consumed" flag)', async () => {
    rig = await makeRig({ card: FIXTURES.resident });
    const r = rig;
    await r.nextCard();
    await r.reader.sim.waitForRequests(Cmd.findCard, 5);
    expect(r.cards).toHaveLength(1);
    expect(r.reader.sim.state).toBe('READ');
    // take it away and put it back: a new read
    r.reader.removeCard();
    await r.reader.sim.waitForRequests(Cmd.findCard, 2);
    const again = r.nextCard();
    r.reader.insertCard(FIXTURES.resident);
    expect((await again).name).toBe('李秀英');
    expect(r.cards).toHaveLength(2);
  });

  it('reports the same card once until it is removed (reader that keeps answering 9F)', async () => {
    rig = await makeRig({ card: FIXTURES.resident2, consumeOnRead: false });
    const r = rig;
    const c = await r.nextCard();
    expect(c.name).toBe('王建国');
    await r.reader.sim.waitForRequests(Cmd.readBase, 4); // it keeps re-reading the card that is still there
    expect(r.cards).toHaveLength(1);
    expect(r.logs.some((l) => /same card still on the reader/.test(l))).toBe(true);
    const removed = r.nextStatus('cardRemoved');
    r.reader.removeCard();
    await removed;
    const again = r.nextCard();
    r.reader.insertCard(FIXTURES.resident2);
    await again;
    expect(r.cards).toHaveLength(2);
  });

  it('recovers from a corrupted find reply and from line noise', async () => {
    rig = await makeRig();
    const r = rig;
    await r.nextStatus('connected');
    r.reader.sim.fault({ kind: 'badChecksum', cmd: Cmd.findCard, count: 2 });
    const err = await r.nextStatus('error');
    expect(err.code).toBe(HostCode.transmissionError);
    expect(err.meaning).toBe('data transmission error');
    await r.reader.sim.sendNoise(Uint8Array.of(0xaa, 0xaa, 0x00, 0x96, 0x69, 0x13, 0x37));
    const next = r.nextCard();
    r.reader.insertCard(FIXTURES.J);
    expect((await next).cardType).toBe('hkmotw_permit');
  });

  it('recovers from a corrupted read reply after the card is put back', async () => {
    rig = await makeRig();
    const r = rig;
    await r.nextStatus('connected');
    r.reader.sim.fault({ kind: 'badChecksum', cmd: Cmd.readBase });
    const err = r.nextStatus('error');
    r.reader.insertCard(FIXTURES.I);
    expect((await err).code).toBe(HostCode.transmissionError);
    expect(r.cards).toHaveLength(0);
    // the module consumed the card; the visitor takes it away and tries again
    r.reader.removeCard();
    await r.reader.sim.waitForRequests(Cmd.findCard, 2);
    const next = r.nextCard();
    r.reader.insertCard(FIXTURES.I);
    expect((await next).cardType).toBe('foreign_2017');
    expect(r.driver.state.status).toBe('ready');
  });

  it('SAM self-test failure → error state with the meaning; recovers when the SAM is fine again', async () => {
    rig = await makeRig();
    const r = rig;
    await r.nextStatus('connected');
    const errState = r.nextState((s) => s.status === 'error');
    const errEvent = r.nextStatus('error', (e) => e.code === Sw3.samSelfTestFailed);
    r.reader.sim.fault({ kind: 'samFailure', on: true });
    expect((await errState).detail).toBe('SAM self-test failed; cannot accept commands');
    expect((await errEvent).meaning).toBe('SAM self-test failed; cannot accept commands');
    await r.reader.sim.waitForRequests(Cmd.samStatus, 2); // the driver re-checks the SAM, not the card
    r.reader.sim.fault({ kind: 'samFailure', on: false });
    await r.nextState((s) => s.status === 'ready');
    const next = r.nextCard();
    r.reader.insertCard(FIXTURES.Y);
    expect((await next).cardType).toBe('foreign_2023');
  });

  it('a reader whose SAM fails at start-up connects in the error state', async () => {
    rig = await makeRig({}, {}, false);
    rig.reader.sim.fault({ kind: 'samFailure', on: true });
    const st = rig.nextState((s) => s.status === 'error');
    rig.driver.start();
    expect((await st).detail).toMatch(/self-test failed/);
    expect(rig.events.some((e) => e.type === 'connected')).toBe(true);
  });

  it('unplug → disconnected, replug at the same path → reconnects and reads again', async () => {
    rig = await makeRig({ card: FIXTURES.resident });
    const r = rig;
    await r.nextCard();
    const disc = r.nextStatus('disconnected');
    const discState = r.nextState((s) => s.status === 'disconnected');
    await r.reader.unplug();
    await disc;
    await discState;
    // the path is gone: the driver keeps retrying
    await r.nextState((s) => s.status === 'disconnected' && /cannot open/.test(s.detail ?? ''));
    const connected = r.nextStatus('connected');
    const next = r.nextCard();
    r.reader.insertCard(FIXTURES.J);
    await r.reader.replug();
    await connected;
    expect((await next).cardType).toBe('hkmotw_permit');
    expect(r.cards).toHaveLength(2);
  });

  it('a reader that stops answering is dropped after repeated timeouts and picked up again', async () => {
    rig = await makeRig({}, { maxConsecutiveTimeouts: 2, timeouts: { probeMs: 100, findMs: 100, selectMs: 100, readMs: 500, otherMs: 100 } });
    const r = rig;
    await r.nextStatus('connected');
    const timeout = r.nextStatus('error', (e) => e.code === HostCode.timeout);
    const disc = r.nextStatus('disconnected');
    r.reader.sim.fault({ kind: 'mute', on: true });
    expect((await timeout).meaning).toBe('receive timeout');
    expect((await disc).reason).toMatch(/no reply to 2 requests/);
    // probing fails at every rate while muted
    await r.nextState((s) => s.status === 'error' && /no reply from an ID card reader/.test(s.detail ?? ''));
    const connected = r.nextStatus('connected');
    r.reader.sim.fault({ kind: 'mute', on: false });
    expect((await connected).baudRate).toBe(115200);
  });

  it('probes 115200 first, then falls back to a legacy 9600-baud module', async () => {
    rig = await makeRig({ moduleBaudRate: 9600, card: FIXTURES.resident });
    const r = rig;
    const c = await r.nextCard();
    expect(c.name).toBe('李秀英');
    expect(r.driver.baudRate).toBe(9600);
    const connected = r.events.find((e) => e.type === 'connected');
    expect(connected).toMatchObject({ baudRate: 9600 });
    expect(r.logs.some((l) => /no SAM_V reply at 115200 baud/.test(l))).toBe(true);
  });

  it('reads fingerprints with 30 10 when asked', async () => {
    rig = await makeRig({ card: FIXTURES.resident2 }, { readFingerprint: true });
    const c = await rig.nextCard();
    expect(c.fingerprint).toHaveLength(1024);
    expect(rig.reader.sim.counts.get(Cmd.readBaseFp)).toBe(1);
  });

  it('plugs in a photo decoder; a failing decoder becomes a warning', async () => {
    rig = await makeRig({ card: FIXTURES.resident }, { photoDecoder: { name: 'test-wlt', decode: () => Promise.reject(new Error('licence file missing')) } });
    const c = await rig.nextCard();
    expect(c.photo).toBeUndefined();
    expect(c.warnings).toEqual(['photo.decode: test-wlt: licence file missing']);
  });

  it('a plugged-in photo decoder gets the raw 1024-byte WLT and its result lands on the card', async () => {
    const seen: number[] = [];
    rig = await makeRig(
      { card: FIXTURES.J },
      {
        photoDecoder: {
          name: 'echo',
          decode: (wlt) => {
            seen.push(wlt.length);
            return Promise.resolve({ mime: 'image/bmp', width: 102, height: 126, bytes: Uint8Array.of(0x42, 0x4d) });
          },
        },
      },
    );
    const c = await rig.nextCard();
    expect(seen).toEqual([1024]);
    expect(c.photo).toEqual({ mime: 'image/bmp', width: 102, height: 126, bytes: Uint8Array.of(0x42, 0x4d) });
    expect(c.warnings).toEqual([]);
  });

  it('reads the appended address (30 03) when asked; 91 (none) leaves it unset', async () => {
    rig = await makeRig({ card: FIXTURES.resident, appendedAddress: '北京市海淀区中关村大街1号' }, { readAppendedAddress: true });
    const c = await rig.nextCard();
    expect(c.appendedAddress).toBe('北京市海淀区中关村大街1号');
    await rig.close();
    rig = await makeRig({ card: FIXTURES.resident }, { readAppendedAddress: true });
    const d = await rig.nextCard();
    expect(d.appendedAddress).toBeUndefined();
    expect(d.warnings).toEqual([]);
  });

  it('stop() closes the port and ends in disconnected', async () => {
    rig = await makeRig();
    await rig.nextStatus('connected');
    await rig.driver.stop();
    expect(rig.driver.state).toEqual({ status: 'disconnected', detail: 'stopped' });
  });
});

describe('probeIdCardReader (port auto-detection)', () => {
  it('finds a reader at 115200 and at 9600, and reports a non-reader as undefined', async () => {
    const { probeIdCardReader } = await import('../../../../../src/main/devices/idcard/driver');
    const { startSimulatedReader } = await import('../../../../../src/main/devices/idcard/simPty');
    const { SerialTransport } = await import('../../../../../src/main/devices/transport/serialTransport');
    const { createPtyPair } = await import('../../../../../src/main/devices/sim/ptyPair');
    const a = await startSimulatedReader();
    const b = await startSimulatedReader({ moduleBaudRate: 9600 });
    const silent = await createPtyPair('silent');
    try {
      const ser = (p: string) => (baud: number) => new SerialTransport(p, baud);
      expect(await probeIdCardReader(ser(a.path), { timeoutMs: 300 })).toEqual({ baudRate: 115200, samStatus: 0x90, samStatusMeaning: 'success' });
      expect((await probeIdCardReader(ser(b.path), { timeoutMs: 300 }))?.baudRate).toBe(9600);
      expect(await probeIdCardReader(ser(silent.hostPath), { timeoutMs: 100 })).toBeUndefined();
      expect(await probeIdCardReader(ser('/nonexistent/tty'), { timeoutMs: 100 })).toBeUndefined();
    } finally {
      await a.close();
      await b.close();
      await silent.close();
    }
  });
});
