import { describe, expect, it } from 'vitest';
import { EscPosBuilder, EscPosError, qrCommands, rasterCommands } from '../../../../../src/main/devices/printer/escpos';
import { decodeGb18030, encodeGb18030 } from '../../../../../src/main/devices/printer/gb18030';
import { EscPosDecoder, JobAssembler, decodeJob } from '../../../../../src/main/devices/printer/decoder';
import { passLayout, renderPassJob, wrapColumns, type PassPrintData } from '../../../../../src/main/devices/printer/passJob';
import { monoDot, monoFromGrid, scalePixels, toMono, type PixelImage } from '../../../../../src/main/devices/printer/raster';
import {
  StatusReplyReader,
  isStatusByte,
  parseOfflineStatus,
  parsePaperStatus,
  paperStatusByte,
  statusRequest,
} from '../../../../../src/main/devices/printer/status';
import { seededRandom } from '../../../../../src/main/devices/sim/seededRandom';

const hex = (s: string) =>
  Uint8Array.from(
    s
      .trim()
      .split(/\s+/)
      .map((h) => parseInt(h, 16)),
  );
const toHex = (b: Uint8Array) => [...b].map((x) => x.toString(16).padStart(2, '0').toUpperCase()).join(' ');

describe('GB18030 encoder', () => {
  it("matches the spec's examples", () => {
    expect(toHex(encodeGb18030('访客证'))).toBe('B7 C3 BF CD D6 A4');
    expect(toHex(encodeGb18030('张三'))).toBe('D5 C5 C8 FD');
  });
  it('uses four-byte codes outside GBK and round-trips', () => {
    expect(toHex(encodeGb18030('\u0080'))).toBe('81 30 81 30');
    expect(toHex(encodeGb18030('😀'))).toBe('94 39 FC 36');
    const s = 'Passdesk 访客 𠀀 㐀 € ·䶵 é 喆 堃 昇';
    expect(decodeGb18030(encodeGb18030(s))).toBe(s);
  });
  it('round-trips every encodable BMP character', () => {
    let bad = 0;
    for (let cp = 0x80; cp <= 0xffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const s = String.fromCharCode(cp);
      const e = encodeGb18030(s);
      if (e.length === 1 && e[0] === 0x3f) continue; // unmappable in this ICU build (a few PUA code points)
      if (decodeGb18030(e) !== s) bad++;
    }
    expect(bad).toBe(0);
  });
});

describe('ESC/POS encoder (spec §3)', () => {
  it("produces the spec's QR example byte for byte", () => {
    const want = hex(`1D 28 6B 04 00 31 41 32 00
      1D 28 6B 03 00 31 43 06
      1D 28 6B 03 00 31 45 31
      1D 28 6B 20 00 31 50 30 68 74 74 70 73 3A 2F 2F 76 2E 65 78 61 6D 70 6C 65 2E 63 6E 2F 70 2F 41 31 42 32 43 33
      1D 28 6B 03 00 31 51 30`);
    expect(toHex(qrCommands('https://v.example.cn/p/A1B2C3', { size: 6, errorLevel: 'M', model: 2 }))).toBe(toHex(want));
  });
  it('rejects non-ASCII QR payloads with a clear error', () => {
    expect(() => qrCommands('访客 A1B2')).toThrow(EscPosError);
    expect(() => qrCommands('访客 A1B2')).toThrow(/ASCII/);
    expect(() => qrCommands('')).toThrow(/empty/);
  });
  it('encodes the 102×126 photo header like the spec example', () => {
    const photo: PixelImage = { width: 102, height: 126, channels: 1, data: new Uint8Array(102 * 126).fill(40) };
    const mono = toMono(photo);
    const bytes = rasterCommands(mono);
    expect(toHex(bytes.subarray(0, 8))).toBe('1D 76 30 00 0D 00 7E 00');
    expect(bytes.length).toBe(8 + 1638);
  });
  it('splits tall rasters into bands', () => {
    const img = monoFromGrid({ width: 16, height: 300 }, (x, y) => (x + y) % 2 === 0);
    const bytes = rasterCommands(img, { bandRows: 256 });
    expect(toHex(bytes.subarray(0, 8))).toBe('1D 76 30 00 02 00 00 01');
    expect(toHex(bytes.subarray(8 + 512, 8 + 512 + 8))).toBe('1D 76 30 00 02 00 2C 00');
    const [job] = decodeJob(bytes);
    expect(job!.images).toHaveLength(1);
    expect(job!.images[0]!.rows).toBe(300);
  });
  it('encodes the basic commands', () => {
    const b = new EscPosBuilder()
      .init()
      .chineseMode()
      .align('center')
      .size(2, 2)
      .bold()
      .mode({ doubleHeight: true, doubleWidth: true, bold: true })
      .feed(4)
      .cut('partial')
      .cut('full')
      .cut('partial', 0)
      .cut('full', 3);
    expect(toHex(b.bytes())).toBe('1B 40 1C 26 1B 61 01 1D 21 11 1B 45 01 1B 21 38 1B 64 04 1D 56 01 1D 56 00 1D 56 42 00 1D 56 41 03');
  });
  it('packs and dithers images', () => {
    const rgba: PixelImage = { width: 10, height: 2, channels: 4, data: new Uint8Array(80) };
    for (let i = 0; i < 20; i++) rgba.data.set(i < 10 ? [0, 0, 0, 255] : [255, 255, 255, 255], i * 4);
    const m = toMono(rgba, { dither: 'threshold' });
    expect(m.bytesPerRow).toBe(2);
    expect(toHex(m.data)).toBe('FF C0 00 00');
    expect(monoDot(m, 9, 0)).toBe(true);
    expect(monoDot(m, 9, 1)).toBe(false);
    const gray: PixelImage = { width: 64, height: 64, channels: 1, data: new Uint8Array(64 * 64).fill(128) };
    const d = toMono(gray, { gamma: 1 });
    let black = 0;
    for (let y = 0; y < 64; y++) for (let x = 0; x < 64; x++) if (monoDot(d, x, y)) black++;
    expect(black / (64 * 64)).toBeGreaterThan(0.4);
    expect(black / (64 * 64)).toBeLessThan(0.6);
    expect(scalePixels(gray, 32).height).toBe(32);
  });
  it('wraps by display columns (CJK = 2)', () => {
    expect(wrapColumns('被访人: 欧阳娜娜娜娜娜娜娜', 16, '  ')).toEqual(['被访人: 欧阳娜娜', '  娜娜娜娜娜']);
  });
});

describe("the spec's example pass job (§3.6) decodes", () => {
  it('title, lines, photo, QR, feed and partial cut', () => {
    const photo = toMono({ width: 102, height: 126, channels: 1, data: new Uint8Array(102 * 126).fill(90) });
    const job = new EscPosBuilder()
      .raw(hex('1B 40 1C 26 1B 61 01 1D 21 11 B7 C3 BF CD D6 A4 0A 1D 21 00 1B 61 00'))
      .line('姓名: 张*')
      .line('被访人: 李四')
      .raw(hex('1B 61 01'))
      .raster(photo)
      .raw(hex('0A'))
      .qr('https://v.example.cn/p/A1B2C3', { size: 6, errorLevel: 'M' })
      .raw(hex('1B 64 04 1D 56 01'))
      .bytes();
    expect(toHex(job.subarray(0, 17))).toBe('1B 40 1C 26 1B 61 01 1D 21 11 B7 C3 BF CD D6 A4 0A');
    const jobs = decodeJob(job);
    expect(jobs).toHaveLength(1);
    const j = jobs[0]!;
    expect(j.lines[0]).toEqual({ text: '访客证', align: 'center', bold: false, width: 2, height: 2 });
    expect(j.lines.filter((l) => l.text).map((l) => l.text)).toEqual(['访客证', '姓名: 张*', '被访人: 李四']);
    expect(j.images).toHaveLength(1);
    expect(j.images[0]).toMatchObject({ widthDots: 104, bytesPerRow: 13, rows: 126, align: 'center' });
    expect(j.qr).toEqual([{ payload: 'https://v.example.cn/p/A1B2C3', model: 2, size: 6, errorLevel: 'M' }]);
    expect(j.feeds).toBe(4);
    expect(j.cuts).toEqual(['partial']);
    expect(j.errors).toEqual([]);
  });
});

describe('renderPassJob', () => {
  const token = 'PD1.' + 'eyJwaWQiOiJ2LTEyMyIsInNpdGUiOiJzaXRlLTEiLCJuYW1lIjoi5byg5LiJIn0'.repeat(4) + '.sig_AbC-123';
  const pass: PassPrintData = {
    token,
    siteName: '星河科技园 A座',
    visitorName: '张三丰',
    hostName: '李四',
    validFrom: new Date('2026-11-22T01:00:00Z'),
    validUntil: new Date('2026-11-22T10:00:00Z'),
    partySize: 3,
    reason: '商务洽谈',
    photo: { width: 102, height: 126, channels: 1, data: new Uint8Array(102 * 126).map((_, i) => (i * 7) % 256) },
  };
  for (const width of [58, 80] as const) {
    it(`${width} mm: decodes back to the pass`, () => {
      const layout = passLayout(width);
      const jobs = decodeJob(renderPassJob(pass, layout));
      expect(jobs).toHaveLength(1);
      const j = jobs[0]!;
      const text = j.lines.map((l) => l.text).filter(Boolean);
      expect(text).toEqual([
        '访客证',
        '星河科技园 A座',
        '访客: 张*丰',
        '被访人: 李四',
        '事由: 商务洽谈',
        '人数: 3',
        '生效: 2026-11-22 09:00',
        '失效: 2026-11-22 18:00',
        '请妥善保管，离开时出示',
      ]);
      for (const l of j.lines) expect([...l.text].reduce((n, c) => n + (c.charCodeAt(0) < 0x80 ? 1 : 2), 0) * l.width).toBeLessThanOrEqual(layout.columns);
      expect(j.qr).toHaveLength(1);
      expect(j.qr[0]!.payload).toBe(token);
      expect(j.qr[0]!.model).toBe(2);
      expect(j.images[0]).toMatchObject({ widthDots: layout.widthDots, bytesPerRow: layout.widthDots / 8, rows: 3 });
      expect(j.images[1]!.widthDots).toBeLessThanOrEqual(layout.widthDots);
      expect(j.images[1]!.bytesPerRow).toBe(Math.ceil(layout.photoWidthDots / 8));
      expect(j.images[1]!.rows).toBe(Math.round((126 * layout.photoWidthDots) / 102));
      expect(j.cuts).toEqual(['partial']);
    });
  }
  it('fits the QR module size to the paper', () => {
    const narrow = decodeJob(renderPassJob(pass, passLayout(58)))[0]!.qr[0]!.size;
    const wide = decodeJob(renderPassJob(pass, passLayout(80)))[0]!.qr[0]!.size;
    expect(narrow).toBeLessThan(wide);
    expect(narrow).toBeGreaterThanOrEqual(3);
  });
  it('prints English labels, no cutter, and refuses a non-ASCII token', () => {
    const j = decodeJob(renderPassJob({ ...pass, photo: undefined, visitorName: 'John Smith' }, passLayout(80, { language: 'en', cut: 'none' })))[0]!;
    expect(j.lines.map((l) => l.text)).toContain('Visitor: J*** S****');
    expect(j.cuts).toEqual([]);
    expect(j.images).toHaveLength(1);
    expect(() => renderPassJob({ ...pass, token: '通行证' }, passLayout(58))).toThrow(/ASCII/);
  });
  it('shows what the policy says (passShows): the host, unit, plate and reason each only when on', () => {
    const lines = (over: Partial<PassPrintData>) =>
      decodeJob(renderPassJob({ ...pass, photo: undefined, company: '星河科技', plate: '粤B12345', ...over }, passLayout(80)))[0]!.lines.map((l) => l.text);
    const hostOnly = lines({ shows: { hostName: true, company: false, plate: false, reason: false } });
    expect(hostOnly).toContain('被访人: 李四');
    expect(hostOnly.join('\n')).not.toMatch(/单位|车牌|事由/);
    const rest = lines({ shows: { hostName: false, company: true, plate: true, reason: true } });
    expect(rest).toEqual(expect.arrayContaining(['单位: 星河科技', '车牌: 粤B12345', '事由: 商务洽谈']));
    expect(rest.join('\n')).not.toContain('被访人');
  });
});

describe('DLE EOT status (§3.5)', () => {
  it('parses the paper sensor', () => {
    expect(toHex(statusRequest(4))).toBe('10 04 04');
    expect(parsePaperStatus(0x12).paper).toBe('ok');
    expect(parsePaperStatus(0x1e).paper).toBe('near_end');
    expect(parsePaperStatus(0x72).paper).toBe('out');
    expect(parsePaperStatus(0x7e).paper).toBe('out');
    expect(parsePaperStatus(0x00).paper).toBe('unknown');
    expect(parsePaperStatus(undefined).paper).toBe('unknown');
    for (const p of ['ok', 'near_end', 'out'] as const) expect(parsePaperStatus(paperStatusByte(p)).paper).toBe(p);
    expect(parseOfflineStatus(0x16)).toEqual({ coverOpen: true, stoppedAtPaperEnd: false, error: false });
  });
  it('matches replies to requests and ignores stray bytes', () => {
    const r = new StatusReplyReader();
    const a = r.expect();
    expect(r.push(hex('00 FF 1E 12'))).toEqual([0x1e]);
    expect(r.stats.stray).toBe(3);
    return expect(a).resolves.toBe(0x1e);
  });
});

describe('fuzzing', () => {
  const N = 100_000;
  it(`DLE EOT replies: ${N} random byte streams never throw and only accept status bytes`, () => {
    const rand = seededRandom(1004);
    const r = new StatusReplyReader();
    let accepted = 0;
    let wrong = 0;
    for (let i = 0; i < N; i++) {
      if (r.outstanding < 3) void r.expect();
      const chunk = Uint8Array.from({ length: Math.floor(rand() * 6) }, () =>
        rand() < 0.3 ? paperStatusByte((['ok', 'near_end', 'out'] as const)[i % 3]!) : Math.floor(rand() * 256),
      );
      for (const b of r.push(chunk)) {
        accepted++;
        if (!isStatusByte(b) || parsePaperStatus(b).paper === 'unknown') wrong++;
      }
      for (const b of chunk) {
        const p = parsePaperStatus(b).paper;
        if (isStatusByte(b) === (p === 'unknown')) wrong++;
      }
    }
    expect(wrong).toBe(0);
    expect(accepted).toBeGreaterThan(N / 2);
  }, 60_000);

  it(`ESC/POS decoder: ${N} random and mutated jobs never throw or hang`, () => {
    const rand = seededRandom(9100);
    const base = renderPassJob(
      { token: 'PD1.abc.def', siteName: '园区', visitorName: '张三', hostName: '李四', validFrom: new Date(0), validUntil: new Date(3600e3), partySize: 1 },
      passLayout(58),
    );
    const d = new EscPosDecoder({ maxRasterBytes: 1 << 16 });
    const a = new JobAssembler();
    for (let i = 0; i < N; i++) {
      let input: Uint8Array;
      if (i % 2 === 0) {
        input = Uint8Array.from({ length: Math.floor(rand() * 48) }, () =>
          rand() < 0.25 ? [0x1b, 0x1d, 0x1c, 0x10, 0x0a][Math.floor(rand() * 5)]! : Math.floor(rand() * 256),
        );
      } else {
        const start = Math.floor(rand() * base.length);
        const slice = Array.from(base.subarray(start, start + 1 + Math.floor(rand() * 80)));
        for (let k = 0; k < 3; k++) slice[Math.floor(rand() * slice.length)] = Math.floor(rand() * 256);
        input = Uint8Array.from(slice);
      }
      a.add(d.push(input), input.length);
      if (i % 5000 === 4999) {
        a.add(d.end());
        a.flush();
      }
    }
    // still decodes a clean job afterwards
    a.add(d.end());
    a.flush();
    const clean = a.add(d.push(Uint8Array.from([0x1b, 0x40, ...base])), base.length);
    expect(clean.at(-1)?.qr.at(-1)?.payload).toBe('PD1.abc.def');
  }, 60_000);
});
