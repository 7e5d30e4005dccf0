import { describe, expect, it } from 'vitest';
import { KeyboardWedgeDetector, type WedgeScan } from '../../../../src/renderer/input/keyboardWedge';
import { seededRandom } from '../../../../src/main/devices/sim/seededRandom';

/** keys typed at the given gaps (ms) starting at t0; returns every scan seen */
function type(d: KeyboardWedgeDetector, keys: string[], gaps: (i: number) => number, t0 = 1000): { scans: WedgeScan[]; end: number } {
  const scans: WedgeScan[] = [];
  let t = t0;
  keys.forEach((k, i) => {
    if (i > 0) t += gaps(i);
    scans.push(...d.feed(k, t));
  });
  return { scans, end: t };
}
const chars = (s: string) => [...s];

describe('keyboard wedge detector', () => {
  it('detects a scanner burst (8 ms apart) ending in Enter', () => {
    const d = new KeyboardWedgeDetector();
    const { scans } = type(d, [...chars('PD1.eyJwaWQiOi.sig'), 'Enter'], () => 8);
    expect(scans).toEqual([{ text: 'PD1.eyJwaWQiOi.sig', startedAt: 1000, endedAt: 1000 + 8 * 17, end: 'terminator' }]);
  });

  it('ignores Shift around upper-case characters and occasional 16 ms gaps', () => {
    const d = new KeyboardWedgeDetector();
    const keys = ['Shift', 'A', 'b', 'Shift', 'C', '1', '2', 'Enter'];
    const { scans } = type(d, keys, (i) => (i === 4 ? 16 : 7));
    expect(scans.map((s) => s.text)).toEqual(['AbC12']);
  });

  it('a person typing (80–250 ms apart) never produces a scan', () => {
    const rand = seededRandom(42);
    const d = new KeyboardWedgeDetector();
    const { scans } = type(d, [...chars('13812345678'), 'Enter', ...chars('zhangsan'), 'Enter'], () => 80 + rand() * 170);
    expect(scans).toEqual([]);
  });

  it('a fast typist with 2–3 quick keys in a row does not trigger', () => {
    const d = new KeyboardWedgeDetector();
    // bursts of 3 keys 15 ms apart separated by 60–120 ms pauses
    const { scans } = type(d, [...chars('abcdefghijkl'), 'Enter'], (i) => (i % 3 === 0 ? 60 + (i % 5) * 15 : 15));
    expect(scans).toEqual([]);
  });

  it('Backspace or a short fast burst then Enter is a person', () => {
    const d = new KeyboardWedgeDetector();
    expect(type(d, ['a', 'b', 'c', 'Backspace', 'd', 'Enter'], () => 5).scans).toEqual([]);
    expect(type(d, ['a', 'b', 'Enter'], () => 5, 5000).scans).toEqual([]);
  });

  it('a scan right after human typing keeps only the burst', () => {
    const d = new KeyboardWedgeDetector();
    const human = type(d, chars('hello'), () => 150);
    const scan = type(d, [...chars('A1B2C3D4'), 'Enter'], () => 6, human.end + 400);
    expect(human.scans).toEqual([]);
    expect(scan.scans.map((s) => s.text)).toEqual(['A1B2C3D4']);
  });

  it('scanner without an Enter suffix: flushed by timeout, or ended by the next gap', () => {
    const d = new KeyboardWedgeDetector();
    const { scans, end } = type(d, chars('TOKEN-0001'), () => 9);
    expect(scans).toEqual([]);
    expect(d.likelyScan).toBe(true);
    expect(d.flush(end + 10)).toEqual([]); // still within the gap
    expect(d.flush(end + 31)).toEqual([{ text: 'TOKEN-0001', startedAt: 1000, endedAt: end, end: 'flush' }]);
    expect(d.pending).toBe('');

    const two = type(d, [...chars('AAAA1111'), ...chars('x')], (i) => (i === 8 ? 500 : 5), 9000);
    expect(two.scans.map((s) => [s.text, s.end])).toEqual([['AAAA1111', 'gap']]);
    expect(d.pending).toBe('x');
  });

  it('thresholds are configurable (Tab terminator, longer gaps, longer minimum, no unterminated scans)', () => {
    const d = new KeyboardWedgeDetector({ maxGapMs: 50, minLength: 6, terminators: ['Tab'], acceptUnterminated: false });
    expect(type(d, [...chars('ABCDEF'), 'Tab'], () => 45).scans.map((s) => s.text)).toEqual(['ABCDEF']);
    expect(type(d, [...chars('ABCDE'), 'Tab'], () => 10, 5000).scans).toEqual([]);
    const { end } = type(d, chars('ABCDEFGH'), () => 10, 9000);
    expect(d.flush(end + 100)).toEqual([]);
    expect(() => new KeyboardWedgeDetector({ maxGapMs: 0 })).toThrow();
  });

  it('time going backwards starts a new burst instead of misbehaving', () => {
    const d = new KeyboardWedgeDetector();
    d.feed('a', 1000);
    d.feed('b', 1005);
    expect(d.feed('c', 10)).toEqual([]);
    expect(d.pending).toBe('c');
  });
});
