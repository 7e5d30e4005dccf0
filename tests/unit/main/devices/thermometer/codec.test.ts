import { describe, expect, it } from 'vitest';
import {
  GY_CMD,
  LU_CMD,
  ThermoCommandParser,
  ThermoFrameParser,
  decodeFrame,
  encodeCommand,
  encodeGyReply,
  encodeLuReply,
  frameCelsius,
  type ThermoModel,
} from '../../../../../src/main/devices/thermometer/codec';
import { median } from '../../../../../src/main/devices/thermometer/driver';
import { seededRandom } from '../../../../../src/main/devices/sim/seededRandom';

const hex = (s: string) =>
  Uint8Array.from(
    s
      .trim()
      .split(/\s+/)
      .map((h) => parseInt(h, 16)),
  );

describe('thermometer commands (spec §2)', () => {
  it('builds the GY commands with an additive checksum', () => {
    expect([...encodeCommand('gy', GY_CMD.continuous)]).toEqual([...hex('A5 45 EA')]);
    expect([...encodeCommand('gy', GY_CMD.query)]).toEqual([...hex('A5 15 BA')]);
    expect([...encodeCommand('gy', GY_CMD.baud9600)]).toEqual([...hex('A5 AE 53')]);
    expect([...encodeCommand('gy', GY_CMD.baud115200)]).toEqual([...hex('A5 AF 54')]);
    expect([...encodeCommand('gy', GY_CMD.autoOutputOn)]).toEqual([...hex('A5 51 F6')]);
    expect([...encodeCommand('gy', GY_CMD.autoOutputOff)]).toEqual([...hex('A5 52 F7')]);
  });
  it('builds the LU commands', () => {
    expect([...encodeCommand('lu', LU_CMD.bodyMode)]).toEqual([...hex('FA C5 BF')]);
    expect([...encodeCommand('lu', LU_CMD.objectMode)]).toEqual([...hex('FA C6 C0')]);
    expect([...encodeCommand('lu', LU_CMD.measure)]).toEqual([...hex('FA CA C4')]);
  });
});

describe('thermometer replies', () => {
  it("decodes the spec's GY example", () => {
    expect(decodeFrame('gy', hex('5A 5A 45 04 0C 78 0D 19 A7'))).toEqual({ model: 'gy', objectC: 31.92, ambientC: 33.53 });
  });
  it("decodes the spec's LU example and encodes it back byte for byte", () => {
    const f = hex('FE AC 24 34 00 00 00 00 02');
    expect(decodeFrame('lu', f)).toEqual({ model: 'lu', mode: 'body', celsius: 36.52, opaque: [0, 0, 0, 0] });
    expect([...encodeLuReply(36.52)]).toEqual([...f]);
  });
  it('encodes GY replies, including negative temperatures', () => {
    expect([...encodeGyReply(31.92, 33.53)]).toEqual([...hex('5A 5A 45 04 0C 78 0D 19 A7')]);
    expect(decodeFrame('gy', encodeGyReply(-12.5, 20))).toEqual({ model: 'gy', objectC: -12.5, ambientC: 20 });
  });
  it('rejects a bad checksum', () => {
    expect(decodeFrame('gy', encodeGyReply(36.6, 25, { badChecksum: true }))).toBe('checksum');
    expect(decodeFrame('lu', encodeLuReply(36.6, 'body', { badChecksum: true }))).toBe('checksum');
  });

  for (const model of ['gy', 'lu'] as const) {
    const reply = (c: number, bad = false) => (model === 'gy' ? encodeGyReply(c, 25, { badChecksum: bad }) : encodeLuReply(c, 'body', { badChecksum: bad }));
    it(`${model}: resyncs after garbage, split chunks and bad frames, and counts the bad frame`, () => {
      const p = new ThermoFrameParser(model);
      const stream = Uint8Array.from([0x00, 0x5a, 0xfe, 0x13, ...reply(36.1), 0x77, ...reply(37.9, true), ...reply(36.4), 0xfe]);
      const got: number[] = [];
      for (let i = 0; i < stream.length; i += 4) for (const f of p.push(stream.subarray(i, i + 4))) got.push(frameCelsius(f));
      expect(got).toEqual([36.1, 36.4]);
      expect(p.stats.checksumErrors).toBeGreaterThanOrEqual(1);
      expect(p.stats.frames).toBe(2);
    });
    it(`${model}: finds a frame whose header follows a truncated frame`, () => {
      const p = new ThermoFrameParser(model);
      const good = reply(36.7);
      const frames = p.push(Uint8Array.from([...good.subarray(0, 5), ...good]));
      expect(frames).toHaveLength(1);
    });
  }

  it('parses commands on the simulator side with resync', () => {
    const p = new ThermoCommandParser('gy');
    expect(p.push(hex('00 A5 15 BB A5 15 BA A5'))).toEqual([{ cmd: 0x15 }]);
    expect(p.push(hex('45 EA'))).toEqual([{ cmd: 0x45 }]);
    expect(p.stats.checksumErrors).toBe(1);
  });
  it('takes medians', () => {
    expect(median([36.5, 40, 36.4, 10, 36.6])).toBe(36.5);
    expect(median([1, 2, 3, 4])).toBe(2.5);
  });
});

describe('thermometer parser fuzzing', () => {
  const N = 100_000;
  for (const model of ['gy', 'lu'] as ThermoModel[]) {
    it(`${model}: ${N} random and mutated inputs never throw, hang or yield an impossible frame`, () => {
      const rand = seededRandom(model === 'gy' ? 90614 : 90615);
      const byte = () => Math.floor(rand() * 256);
      const p = new ThermoFrameParser(model);
      const cmd = new ThermoCommandParser(model);
      let frames = 0;
      for (let i = 0; i < N; i++) {
        let input: number[];
        const kind = i % 3;
        if (kind === 0) input = Array.from({ length: Math.floor(rand() * 40) }, byte);
        else {
          const c = rand() * 120 - 20;
          const base = [
            ...(model === 'gy' ? encodeGyReply(c, rand() * 50) : encodeLuReply(Math.max(0, c))),
            ...(kind === 2 ? encodeGyReply(36, 25) : encodeLuReply(36)),
          ];
          const flips = 1 + Math.floor(rand() * 3);
          for (let k = 0; k < flips; k++) {
            const at = Math.floor(rand() * base.length);
            const op = rand();
            if (op < 0.4) base[at] = byte();
            else if (op < 0.7) base.splice(at, 1);
            else base.splice(at, 0, byte());
          }
          input = base;
        }
        for (const f of p.push(Uint8Array.from(input))) {
          frames++;
          if (f.model === 'gy') {
            expect(Number.isFinite(f.objectC) && f.objectC >= -327.68 && f.objectC <= 327.67).toBe(true);
          } else {
            expect(f.celsius >= 0 && f.celsius < 256).toBe(true);
          }
        }
        cmd.push(Uint8Array.from(input));
        if (i % 1000 === 999) {
          // memory stays bounded: at most one partial frame is kept
          const pending = p.push(new Uint8Array(0));
          expect(pending).toEqual([]);
        }
      }
      expect(frames).toBeGreaterThan(1000);
      expect(p.stats.checksumErrors + p.stats.contentErrors).toBeGreaterThan(1000);
    }, 60_000);
  }
});
