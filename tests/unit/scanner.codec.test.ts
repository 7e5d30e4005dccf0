import { describe, expect, it } from 'vitest';
import { ScanLineParser, stripControls } from '../../src/main/devices/scanner/codec';
import { seededRandom } from '../../src/main/devices/thermometer/simulator';

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
    const parsers = [new ScanLineParser({ maxLength: 64 }), new ScanLineParser({ suffix: 'crlf', maxLength: 64 }), new ScanLineParser({ suffix: 'cr', maxLength: 64, encoding: 'gb18030' })];
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
