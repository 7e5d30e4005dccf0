/** The apply form's reading of the cloud's answers (src/webapp/apply/applyOutcome.ts): receipts, and who a blacklist refusal names. */
import { describe, expect, it } from 'vitest';
import { blacklistedPeopleOf, receiptOfAnonymous } from '../../../../src/webapp/apply/applyOutcome';

describe('the apply form’s outcome', () => {
  it('a blacklist refusal names the lead visitor and companions by index, masked; other refusals and odd details name nobody', () => {
    const refusal = (details: unknown) => ({ error: 'blacklisted', message: '…', details });
    expect(
      blacklistedPeopleOf(
        refusal({
          refused: [
            { who: 'companions[1]', nameMasked: '周*' },
            { who: 'visitor', nameMasked: '孙**' },
          ],
        }),
      ),
    ).toEqual([
      { who: 'companion', index: 1, nameMasked: '周*' },
      { who: 'visitor', nameMasked: '孙**' },
    ]);
    // an anonymous receipt carries none: the neutral receipt; an older cloud's 409 has no details
    expect(blacklistedPeopleOf(refusal(undefined))).toEqual([]);
    expect(blacklistedPeopleOf(refusal({ refused: [{ who: 'companions[x]', nameMasked: '周*' }] }))).toEqual([]);
    expect(blacklistedPeopleOf({ error: 'host_not_found', message: '无此受访人' })).toBeUndefined();
  });

  it('an anonymous receipt has no booking of its own to link to', () => {
    const r = receiptOfAnonymous({
      received: true,
      code: 'ABCD2345',
      status: 'pending',
      windowStart: '2026-11-22T02:00:00.000Z',
      windowEnd: '2026-11-22T04:00:00.000Z',
      message: '…',
    });
    expect(r).toEqual({ code: 'ABCD2345', status: 'pending', windowStart: '2026-11-22T02:00:00.000Z', windowEnd: '2026-11-22T04:00:00.000Z' });
  });
});
