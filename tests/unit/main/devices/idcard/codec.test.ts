import { describe, expect, it } from 'vitest';
import {
  buildCommand,
  buildFrame,
  buildReadPayload,
  buildReply,
  buildSamId,
  Cmd,
  decodeFrame,
  FrameParser,
  fromHex,
  isFrameError,
  parseCommand,
  parseReadPayload,
  parseReply,
  parseSamId,
  statusMeaning,
  type Frame,
  type FrameError,
} from '../../../../../src/main/devices/idcard/codec';

const hex = (s: string): number[] => [...fromHex(s)];

function collect(p: FrameParser): { frames: Frame[]; errors: FrameError[] } {
  const frames: Frame[] = [];
  const errors: FrameError[] = [];
  p.onFrame((f) => frames.push(f));
  p.onError((e) => errors.push(e));
  return { frames, errors };
}

describe('SAM_V frames: the spec example frames (§1.3, §1.5)', () => {
  it.each([
    [Cmd.resetSam, 'AA AA AA 96 69 00 03 10 FF EC'],
    [Cmd.samStatus, 'AA AA AA 96 69 00 03 11 FF ED'],
    [Cmd.samId, 'AA AA AA 96 69 00 03 12 FF EE'],
    [Cmd.findCard, 'AA AA AA 96 69 00 03 20 01 22'],
    [Cmd.selectCard, 'AA AA AA 96 69 00 03 20 02 21'],
    [Cmd.readBase, 'AA AA AA 96 69 00 03 30 01 32'],
    [Cmd.readBaseFp, 'AA AA AA 96 69 00 03 30 10 23'],
    [Cmd.readAppendedAddress, 'AA AA AA 96 69 00 03 30 03 30'],
  ])('command %s builds as %s', (cmd, frame) => {
    expect([...buildCommand(cmd)]).toEqual(hex(frame));
    const f = decodeFrame(fromHex(frame));
    if (isFrameError(f)) throw new Error(f.message);
    expect(parseCommand(f)).toEqual({ cmd, data: new Uint8Array(0) });
  });

  it('builds the set-max-RF-byte command with data', () => {
    expect([...buildCommand(Cmd.setMaxRfByte, Uint8Array.of(0x50))]).toEqual(hex('AA AA AA 96 69 00 04 61 FF 50 CA'));
  });

  it.each([
    [0x90, '', 'AA AA AA 96 69 00 04 00 00 90 94'],
    [0x60, '', 'AA AA AA 96 69 00 04 00 00 60 64'],
    [0x9f, '00 00 00 00', 'AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97'],
    [0x90, '00 00 00 00 00 00 00 00', 'AA AA AA 96 69 00 0C 00 00 90 00 00 00 00 00 00 00 00 9C'],
    [0x80, '', 'AA AA AA 96 69 00 04 00 00 80 84'],
    [0x81, '', 'AA AA AA 96 69 00 04 00 00 81 85'],
    [0x41, '', 'AA AA AA 96 69 00 04 00 00 41 45'],
    [0x91, '', 'AA AA AA 96 69 00 04 00 00 91 95'],
  ])('reply SW3 %s builds and parses', (sw3, data, frame) => {
    expect([...buildReply(sw3, fromHex(data))]).toEqual(hex(frame));
    const f = decodeFrame(fromHex(frame));
    if (isFrameError(f)) throw new Error(f.message);
    expect(parseReply(f)).toEqual({ sw1: 0, sw2: 0, sw3, data: fromHex(data) });
  });

  it('rejects the wrong find-card checksum seen in one public sample (… 20 01 21)', () => {
    const r = decodeFrame(fromHex('AA AA AA 96 69 00 03 20 01 21'));
    expect(isFrameError(r) && r.code).toBe('checksum');
  });

  it('SAM ID reply (§1.5) parses to the five fields and the display form', () => {
    const frame = fromHex('AA AA AA 96 69 00 14 00 00 90 05 00 01 00 AF DC 32 01 15 CD 5B 07 D2 02 96 49 4B');
    const f = decodeFrame(frame);
    if (isFrameError(f)) throw new Error(f.message);
    const r = parseReply(f)!;
    expect(r.sw3).toBe(0x90);
    const id = parseSamId(r.data)!;
    expect(id.display).toBe('05.01-20110511-0123456789-1234567890');
    expect([...buildReply(0x90, buildSamId(id.fields))]).toEqual([...frame]);
  });

  it('the 30 01 read reply header and size (§1.6)', () => {
    const text = new Uint8Array(256).fill(0x20);
    const photo = new Uint8Array(1024);
    const frame = buildReply(0x90, buildReadPayload(Cmd.readBase, { text, photo }));
    expect(frame.length).toBe(1295);
    expect([...frame.subarray(0, 14)]).toEqual(hex('AA AA AA 96 69 05 08 00 00 90 01 00 04 00'));
    const f = decodeFrame(frame);
    if (isFrameError(f)) throw new Error(f.message);
    const p = parseReadPayload(Cmd.readBase, parseReply(f)!.data);
    if (typeof p === 'string') throw new Error(p);
    expect(p.text).toEqual(text);
    expect(p.photo).toEqual(photo);
    // the text starts at offset 14 of the whole frame
    expect(frame[14]).toBe(0x20);
  });

  it.each([
    [1024, 2321, '09 0A'],
    [512, 1809, '07 0A'],
    [0, 1297, '05 0A'],
  ])('the 30 10 reply with a %i-byte fingerprint is %i bytes, LEN %s', (fl, total, len) => {
    const payload = buildReadPayload(Cmd.readBaseFp, {
      text: new Uint8Array(256),
      photo: new Uint8Array(1024),
      fingerprint: new Uint8Array(fl).fill(7),
    });
    const frame = buildReply(0x90, payload);
    expect(frame.length).toBe(total);
    expect([...frame.subarray(5, 7)]).toEqual(hex(len));
    const p = parseReadPayload(Cmd.readBaseFp, payload);
    if (typeof p === 'string') throw new Error(p);
    expect(p.fingerprint?.length).toBe(fl);
  });

  it('reports inconsistent read-reply lengths as a string, not an exception', () => {
    expect(parseReadPayload(Cmd.readBase, Uint8Array.of(1, 0, 4, 0, 1, 2))).toMatch(/do not match/);
    expect(parseReadPayload(Cmd.readBase, Uint8Array.of(1))).toMatch(/too short/);
  });

  it('status meanings come from the §1.4 table', () => {
    expect(statusMeaning(0x60)).toMatch(/self-test failed/);
    expect(statusMeaning(0x80)).toMatch(/no card/);
    expect(statusMeaning(0xee)).toBe('unknown status EE');
  });
});

describe('FrameParser', () => {
  const find = buildReply(0x9f, new Uint8Array(4));
  const read = buildReply(0x90, buildReadPayload(Cmd.readBase, { text: new Uint8Array(256), photo: new Uint8Array(1024) }));

  it('reassembles a 1295-byte reply fed one byte at a time', () => {
    const p = new FrameParser();
    const { frames, errors } = collect(p);
    for (const b of read) p.push(Uint8Array.of(b));
    expect(frames).toHaveLength(1);
    expect(frames[0]!.bytes).toEqual(read);
    expect(errors).toEqual([]);
    expect(p.buffered).toBe(0);
  });

  it('splits several frames in one chunk and skips noise between them', () => {
    const p = new FrameParser();
    const { frames } = collect(p);
    const noise = Uint8Array.of(0x00, 0xaa, 0xaa, 0x13, 0x96, 0x69, 0xaa);
    p.push(Uint8Array.from([...noise, ...find, ...noise, ...read, ...find, 0xaa, 0xaa]));
    expect(frames.map((f) => f.bytes.length)).toEqual([find.length, read.length, find.length]);
    expect(p.stats.noiseBytes).toBe(noise.length * 2);
    expect(p.buffered).toBe(2); // a possible partial preamble is kept
  });

  it('rejects a bad checksum with an error event and still finds the next frame', () => {
    const p = new FrameParser();
    const { frames, errors } = collect(p);
    const bad = find.slice();
    bad[bad.length - 1]! ^= 0xff;
    p.push(Uint8Array.from([...bad, ...find]));
    expect(errors.map((e) => e.code)).toEqual(['checksum']);
    expect(frames).toHaveLength(1);
  });

  it('rejects impossible lengths and resyncs', () => {
    const p = new FrameParser({ maxLen: 3000 });
    const { frames, errors } = collect(p);
    p.push(Uint8Array.from([0xaa, 0xaa, 0xaa, 0x96, 0x69, 0xff, 0xff, ...find]));
    p.push(Uint8Array.from([0xaa, 0xaa, 0xaa, 0x96, 0x69, 0x00, 0x00, ...find]));
    expect(errors.map((e) => e.code)).toEqual(['length', 'length']);
    expect(frames).toHaveLength(2);
  });

  it('finds a real frame hidden inside a frame whose checksum fails', () => {
    const p = new FrameParser();
    const { frames, errors } = collect(p);
    // a bogus header claiming 20 bytes, then a real reply inside those 20 bytes
    p.push(Uint8Array.from([0xaa, 0xaa, 0xaa, 0x96, 0x69, 0x00, 0x14, ...find, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]));
    expect(errors.map((e) => e.code)).toEqual(['checksum']);
    expect(frames.map((f) => [...f.bytes])).toEqual([[...find]]);
  });

  it('a throwing listener does not break parsing or escape push()', () => {
    const p = new FrameParser();
    const errors: string[] = [];
    p.onFrame(() => {
      throw new Error('boom');
    });
    p.onError((e) => errors.push(e.code));
    expect(() => p.push(Uint8Array.from([...find, ...find]))).not.toThrow();
    expect(errors).toEqual(['listener', 'listener']);
  });

  it('buildFrame + decodeFrame round-trip arbitrary bodies', () => {
    const body = Uint8Array.from({ length: 300 }, (_, i) => (i * 7) & 0xff);
    const f = decodeFrame(buildFrame(body));
    if (isFrameError(f)) throw new Error(f.message);
    expect(f.body).toEqual(body);
  });
});
