/** 代约's form check: the staff booking the cloud takes, or each wrong field's problem (companions by their row). */
import { describe, expect, it } from 'vitest';
import { checkProxyDraft, emptyProxyDraft, type ProxyDraft } from '../../../../src/webapp/host/proxyForm';

const NOW = new Date('2026-11-27T08:00:00');

function draft(over: Partial<ProxyDraft> = {}): ProxyDraft {
  return { ...emptyProxyDraft(NOW), name: '周到', phone: '136 5555 0003', reason: '面试', ...over };
}

describe('the 代约 form', () => {
  it('gives a staff booking for the signed-in host, numbers normalised, companions kept', () => {
    const checked = checkProxyDraft(draft({ idNumber: '11010519491231002x', companions: [{ name: '吴同', phone: '' }] }), 'host_1', NOW);
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    expect(checked.body).toMatchObject({
      source: 'staff',
      hostId: 'host_1',
      visitor: { name: '周到', phone: '13655550003', idType: 'resident_id', idNumber: '11010519491231002X' },
      companions: [{ name: '吴同' }],
      reason: '面试',
    });
    expect(Date.parse(checked.body.windowEnd) - Date.parse(checked.body.windowStart)).toBe(2 * 3600_000);
  });

  it('names every wrong field: required ones, a bad phone, a wrong check digit, a window ending first, a companion without a name', () => {
    const checked = checkProxyDraft(
      draft({ name: '', phone: '12345', idNumber: '110105194912310021', windowEnd: '2026-11-27T07:00', reason: ' ', companions: [{ name: '', phone: '1' }] }),
      'host_1',
      NOW,
    );
    expect(checked).toEqual({
      ok: false,
      problems: {
        name: 'required',
        phone: 'phone_invalid',
        idNumber: 'id_check_digit',
        windowEnd: 'window_order',
        reason: 'required',
        'companion-0-name': 'required',
        'companion-0-phone': 'phone_invalid',
      },
    });
  });

  it('refuses a window that has already ended', () => {
    const checked = checkProxyDraft(draft({ windowStart: '2026-11-27T05:00', windowEnd: '2026-11-27T06:00' }), 'host_1', NOW);
    expect(checked).toEqual({ ok: false, problems: { windowEnd: 'window_in_past' } });
  });
});
