/**
 * The blacklist stays discreet on screen (issue 9 item 4): the visitor-facing words of a refusal are only
 * "请联系前台 / Please see the front desk", no text a visitor may read says 黑名单 / blacklist, and the staff-only
 * note (StaffNotePanel, staffNote.ts) asks the staff to acknowledge a `warn` before check-in or a walk-in registration
 * goes on (the store sends `staffAcknowledged` only then). The rendered screens are checked in Chromium
 * (tests/e2e/walkInBlacklist.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { alwaysConnected } from '../../../../../src/renderer/bridge/connectionState';
import { needsAcknowledgement } from '../../../../../src/renderer/features/checkin/staffNote';
import { errorMessage } from '../../../../../src/renderer/i18n/errorMessages';
import { dictionaries, translate } from '../../../../../src/renderer/i18n/translate';
import { createKioskStore } from '../../../../../src/renderer/state/kioskStore';
import type { StaffWarning } from '../../../../../src/shared/domain';
import type { HostHit } from '../../../../../src/shared/ipc';
import { booking, issued } from '../../../../support/renderer/fixtures';
import { flush, InMemoryApi } from '../../../../support/renderer/inMemoryApi';

const FORBIDDEN = /黑名单|black\s*-?list/i;
const connected = alwaysConnected;
const host: HostHit = { id: 'host_1', name: '李四', department: '研发部', phoneMasked: '139****1111' };

function setup(language: 'zh-CN' | 'en' = 'zh-CN') {
  const api = new InMemoryApi().handle('session.end', () => ({ releasedCards: 0 }));
  let n = 0;
  const store = createKioskStore({ api, connection: connected, newVisitId: () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}` });
  store.setState({ language });
  return { api, store };
}

const refuse: StaffWarning = { person: 'lead', nameMasked: '张*', level: 'refuse', reason: '曾冒用他人证件' };
const warn: StaffWarning = { person: 0, nameMasked: '李*', level: 'warn', reason: '需前台陪同' };

describe('discreet blacklist words', () => {
  it('no message a visitor may read says 黑名单 / blacklist (only the staff conflicts list, conflict.*, may)', () => {
    for (const [language, dictionary] of Object.entries(dictionaries)) {
      for (const [key, text] of Object.entries(dictionary)) {
        if (key.startsWith('conflict.')) continue;
        expect(text, `${language} ${key}`).not.toMatch(FORBIDDEN);
      }
    }
  });

  it('a refusal reads only 请联系前台 / Please see the front desk', () => {
    for (const code of ['blacklisted', 'walkin_refused']) {
      expect(errorMessage('zh-CN', code)).toBe('请联系前台');
      expect(errorMessage('en', code)).toBe('Please see the front desk');
    }
  });

  it.each(['zh-CN', 'en'] as const)('the staff note (%s) names the level in plain words, never the list', (language) => {
    for (const key of ['staffNote.title', 'staffNote.level.warn', 'staffNote.level.refuse', 'staffNote.acknowledge', 'staffNote.acknowledged'] as const) {
      expect(translate(language, key)).not.toMatch(FORBIDDEN);
    }
  });

  it('a warn hit needs the acknowledgement, a refuse one never offers it', () => {
    expect(needsAcknowledgement(undefined)).toBe(false);
    expect(needsAcknowledgement([warn])).toBe(true);
    expect(needsAcknowledgement([warn, refuse])).toBe(false);
  });

  it('booked check-in with a warn note: no confirm until the staff acknowledge, then staffAcknowledged is sent', async () => {
    const { api, store } = setup();
    api.handle('checkin.confirm', (input) => issued(input.visitId ?? ''));
    store.getState().selectBooking(booking({ staffWarnings: [warn] }));
    await store.getState().confirmArrival();
    expect(api.callsOf('checkin.confirm')).toHaveLength(0);
    store.getState().acknowledgeStaffNote();
    await store.getState().confirmArrival();
    expect(api.callsOf('checkin.confirm')).toEqual([expect.objectContaining({ bookingId: 'bk_1', staffAcknowledged: true })]);
    expect(store.getState().screen).toBe('pass');
  });

  it('walk-in: a refused companion blocks the registration with the neutral words; the staff note says why', async () => {
    const { api, store } = setup();
    api
      .handle('walkin.options', () => {
        throw new Error('not needed');
      })
      .handle('walkin.today', () => ({ visitors: [] }))
      .handle('walkin.screen', () => ({ refused: true, staffWarnings: [{ ...refuse, person: 0 }] }))
      .handle('walkin.register', () => {
        throw new Error('must not register');
      });
    store.getState().openWalkIn();
    store.getState().chooseHost(host);
    await store.getState().submitWalkIn();
    await flush();
    expect(api.callsOf('walkin.register')).toHaveLength(0);
    expect(store.getState().walkin.error).toEqual({ code: 'walkin_refused' });
    expect(errorMessage('zh-CN', store.getState().walkin.error?.code)).toBe('请联系前台');
    expect(store.getState().walkin.screening?.staffWarnings).toEqual([{ ...refuse, person: 0 }]);
    // the staff acknowledgement does not override a refusal
    await store.getState().acknowledgeWalkInNote();
    expect(api.callsOf('walkin.register')).toHaveLength(0);
  });

  it('walk-in: a warn note waits for the staff; their acknowledgement registers with staffAcknowledged', async () => {
    const { api, store } = setup();
    api
      .handle('walkin.options', () => {
        throw new Error('not needed');
      })
      .handle('walkin.today', () => ({ visitors: [] }))
      .handle('walkin.screen', () => ({ refused: false, staffWarnings: [warn] }))
      .handle('walkin.register', (input) => {
        const lead = issued('00000000-0000-4000-8000-000000000099');
        return {
          registrationId: input.registrationId ?? '',
          bookingId: 'bk_1',
          code: '7K3M9Q2P',
          approval: 'desk',
          passes: [{ role: 'lead', bookingId: 'bk_1', nameMasked: '王*', ...lead }],
          staffWarnings: [warn],
        };
      });
    store.getState().openWalkIn();
    store.getState().chooseHost(host);
    await store.getState().submitWalkIn();
    expect(api.callsOf('walkin.register')).toHaveLength(0);
    expect(store.getState().walkin.screening?.staffWarnings).toEqual([warn]);
    await store.getState().acknowledgeWalkInNote();
    expect(api.callsOf('walkin.register')).toEqual([expect.objectContaining({ staffAcknowledged: true })]);
    expect(api.callsOf('walkin.screen')).toHaveLength(1);
    expect(store.getState().screen).toBe('pass');
  });
});
