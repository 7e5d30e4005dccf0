import { describe, expect, it } from 'vitest';
import { tabMove } from '../../../../src/webapp/components/tabMove';

describe('TabList keys (the WAI-ARIA tabs pattern)', () => {
  it('→ and ← move one tab, wrapping at either end; Home and End go to the first and last', () => {
    expect(tabMove('ArrowRight', 0, 3)).toBe(1);
    expect(tabMove('ArrowRight', 2, 3)).toBe(0);
    expect(tabMove('ArrowLeft', 0, 3)).toBe(2);
    expect(tabMove('ArrowLeft', 2, 3)).toBe(1);
    expect(tabMove('Home', 2, 3)).toBe(0);
    expect(tabMove('End', 0, 3)).toBe(2);
  });
  it('any other key does not move', () => {
    for (const key of ['Enter', ' ', 'ArrowDown', 'Tab', 'a']) expect(tabMove(key, 1, 3)).toBeUndefined();
  });
});
