import { describe, expect, it } from 'vitest';
import { ScanLineParser, stripControls } from '../../../../../src/main/devices/scanner/codec';
import { HidPosAssembler, encodeHidPosReports } from '../../../../../src/main/devices/scanner/hidPos';
import { ScannerDriver } from '../../../../../src/main/devices/scanner/driver';
import { Listeners } from '../../../../../src/main/devices/transport/transport';
import { seededRandom } from '../../../../../src/main/devices/sim/seededRandom';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('scanner line parser', () => {
  it('splits on CR, LF and CRLF with the default suffix', () => {
    const p = new ScanLineParser();
    expect(p.push(bytes('A1\rB2\nC3\r\nD4\r\n\r\n'))).toEqual(['A1', 'B2', 'C3', 'D4']);
  });
  it('honours a configured suffix and reassembles split chunks', () => {
    const p = new ScanLineParser({ suffix: 'crlf' });
    const got: string[] = [];
    for (const ch of bytes('PD1.abc\rdef\r\nX')) got.push(...p.push([ch]));
    expect(got).toEqual(['PD1.abcdef']); // a bare CR inside is a control character: stripped
    expect(p.pendingBytes).toBe(1);
    const custom = new ScanLineParser({ suffix: Uint8Array.of(0x03) });
    expect(custom.push(bytes('one\u0003two\u0003'))).toEqual(['one', 'two']);
  });
  it('strips control characters (GS/FNC1) and decodes UTF-8 and GB18030', () => {
    const p = new ScanLineParser();
    expect(p.push(bytes('\u001d0104912345678901\u001d10ABC\u0000\r'))).toEqual(['0104912345678901' + '10ABC']);
    expect(p.push(bytes('访客\r'))).toEqual(['访客']);
    const gb = new ScanLineParser({ encoding: 'gb18030' });
    expect(gb.push(Uint8Array.of(0xb7, 0xc3, 0xbf, 0xcd, 0x0d))).toEqual(['访客']);
    expect(stripControls(' a\u0007b\u009b ')).toBe('ab');
  });
  it('drops over-long lines and counts them, then recovers', () => {
    const p = new ScanLineParser({ maxLength: 8 });
    expect(p.push(bytes('123456789012\rshort\r'))).toEqual(['short']);
    expect(p.stats.overlong).toBe(1);
    expect(p.push(bytes('12345678\r'))).toEqual(['12345678']);
  });
  it('flushes a suffix-less scan', () => {
    const p = new ScanLineParser({ suffix: 'cr' });
    expect(p.push(bytes('NOSUFFIX'))).toEqual([]);
    expect(p.flush()).toEqual(['NOSUFFIX']);
  });

  it('fuzz: 100000 random and mutated inputs never throw, never exceed maxLength, never contain controls', () => {
    const rand = seededRandom(4242);
    const parsers = [
      new ScanLineParser({ maxLength: 64 }),
      new ScanLineParser({ suffix: 'crlf', maxLength: 64 }),
      new ScanLineParser({ suffix: 'cr', maxLength: 64, encoding: 'gb18030' }),
    ];
    let scans = 0;
    let bad = 0;
    for (let i = 0; i < 100_000; i++) {
      let input: Uint8Array;
      if (i % 2) input = Uint8Array.from({ length: Math.floor(rand() * 80) }, () => Math.floor(rand() * 256));
      else {
        const s = [...bytes(`PD1.${Math.floor(rand() * 1e9).toString(36)}.x`), 0x0d, 0x0a];
        for (let k = 0; k < 2; k++) s[Math.floor(rand() * s.length)] = Math.floor(rand() * 256);
        input = Uint8Array.from(s);
      }
      const p = parsers[i % 3]!;
      for (const t of p.push(input)) {
        scans++;
        if (/[\u0000-\u001f\u007f-\u009f]/.test(t) || t.length === 0 || new TextEncoder().encode(t).length > 64 * 3) bad++;
      }
      if (i % 997 === 0) p.flush();
    }
    expect(bad).toBe(0);
    expect(scans).toBeGreaterThan(10_000);
  }, 60_000);
});

describe('HID-POS scanned data reports', () => {
  it('assembles a multi-report scan, strips the CR and keeps the AIM id', () => {
    const token = 'PD1.' + 'x'.repeat(150) + '.sig';
    const reports = encodeHidPosReports(token);
    expect(reports.length).toBe(3);
    expect(reports[0]![0]).toBe(0x02);
    const a = new HidPosAssembler();
    const got = reports.map((r) => a.push(r));
    expect(got.slice(0, 2)).toEqual([undefined, undefined]);
    expect(got[2]).toEqual({ text: token, aim: ']Q1' });
  });
  it('accepts the AIM id shifted by one byte and buffers without the report ID', () => {
    const r = new Uint8Array(63);
    r.set([5, 0x00, 0x5d, 0x51, 0x31, ...new TextEncoder().encode('AB12\r')]);
    expect(new HidPosAssembler({ includesReportId: false }).push(r)).toEqual({ text: 'AB12', aim: ']Q1' });
    expect(new HidPosAssembler().push(Uint8Array.from([0x01, ...r]))).toBeUndefined();
  });
  it('fuzz: 100000 random and mutated reports never throw and yield clean text', () => {
    const rand = seededRandom(0x8c);
    const a = new HidPosAssembler({ maxLength: 512 });
    let scans = 0;
    let bad = 0;
    for (let i = 0; i < 100_000; i++) {
      let reports: Uint8Array[];
      if (i % 2) reports = [Uint8Array.from({ length: Math.floor(rand() * 70) }, () => Math.floor(rand() * 256))];
      else {
        reports = encodeHidPosReports(`T${Math.floor(rand() * 1e12)}`, { reportSize: rand() < 0.5 ? 63 : 32 });
        const r = reports[Math.floor(rand() * reports.length)]!;
        r[Math.floor(rand() * r.length)] = Math.floor(rand() * 256);
      }
      for (const r of reports) {
        const s = a.push(r);
        if (s) {
          scans++;
          if (!s.text || /[\u0000-\u001f\u007f-\u009f]/.test(s.text)) bad++;
        }
      }
    }
    expect(bad).toBe(0);
    expect(scans).toBeGreaterThan(10_000);
  }, 60_000);
});

describe('scanner driver, HID-POS framing', () => {
  it('emits one scan per multi-report symbol from a report-per-chunk transport', async () => {
    // an in-memory HID device: each data event is one input report, as node-hid delivers them
    const data = new Listeners<[Uint8Array]>();
    const closed = new Listeners<[Error | undefined]>();
    let open = false;
    const transport = {
      address: 'hid:0C2E:0B61',
      get isOpen() {
        return open;
      },
      open: () => {
        open = true;
        return Promise.resolve();
      },
      close: () => {
        open = false;
        return Promise.resolve();
      },
      write: () => Promise.resolve(),
      onData: (fn: (c: Uint8Array) => void) => data.add(fn),
      onClose: (fn: (e?: Error) => void) => closed.add(fn),
    };
    const driver = new ScannerDriver({ transport, framing: 'hid-pos' });
    const texts: string[] = [];
    driver.on('scan', (s) => texts.push(s.text));
    await driver.start();
    const token = `PD1.${'y'.repeat(120)}.sig`;
    for (const r of encodeHidPosReports(token)) data.emit(r);
    data.emit(Uint8Array.of(0x04, 1, 2, 3)); // another report ID: ignored
    for (const r of encodeHidPosReports('SHORT1')) data.emit(r);
    expect(texts).toEqual([token, 'SHORT1']);
    expect(driver.stats.ignoredReports).toBe(1);
    await driver.stop();
  });
});
