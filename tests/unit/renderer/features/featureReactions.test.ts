/**
 * Renderer features own their reactions: each declares what it does when a core event arrives and what its state
 * becomes when the visitor's session ends; the store runs them from the features list without knowing any by name.
 */
import { describe, expect, it } from 'vitest';
import { alwaysConnected } from '../../../../src/renderer/bridge/connectionState';
import { rendererFeatures } from '../../../../src/renderer/features';
import { signOutFeature } from '../../../../src/renderer/features/signout/feature';
import { createKioskStore, type RendererFeature } from '../../../../src/renderer/state/kioskStore';
import type { IdCardRead } from '../../../../src/shared/ipc';
import { appInfo, booking, settings, syncState, visit } from '../../../support/renderer/fixtures';
import { flush, InMemoryApi } from '../../../support/renderer/inMemoryApi';

function api() {
  return new InMemoryApi()
    .handle('app.info', () => appInfo)
    .handle('settings.get', () => settings('zh-CN'))
    .handle('settings.setLanguage', ({ language }) => settings(language))
    .handle('sync.status', () => syncState())
    .handle('devices.list', () => ({ devices: [] }))
    .handle('session.end', () => ({ releasedCards: 1 }));
}

const card: IdCardRead = {
  cardRef: 'ref-1',
  cardType: 'resident',
  name: '张伟',
  sex: '男',
  birthDate: '1990-01-01',
  idNumberMasked: '110***********002X',
  validFrom: '2020-01-01',
  validUntil: '2040-01-01',
  warnings: [],
  hasPhoto: false,
  readAt: '2026-11-22T01:00:00.000Z',
};

describe('renderer features', () => {
  it("runs a feature's declared reaction when its event arrives, with the payload and the store", async () => {
    const seen: unknown[] = [];
    const counting: RendererFeature = {
      name: 'counting',
      on: {
        'bookings.changed': (payload, { get, set }) => {
          seen.push({ payload, screen: get().screen });
          set({ systemError: { code: 'internal' } });
        },
      },
    };
    const other: RendererFeature = { name: 'other', on: { 'bookings.changed': ({ count }) => seen.push(count) } };
    const remote = api();
    const store = createKioskStore({ api: remote, connection: alwaysConnected, newVisitId: () => 'v' }, [counting, other]);
    const stop = store.getState().start();
    await flush();
    remote.emit('bookings.changed', { count: 3 });
    // both features react to the same event, in the list's order
    expect(seen).toEqual([{ payload: { count: 3 }, screen: 'home' }, 3]);
    expect(store.getState().systemError).toEqual({ code: 'internal' });
    stop();
    remote.emit('bookings.changed', { count: 4 });
    expect(seen).toHaveLength(2);
  });

  it('runs the sign-out feature’s reaction to a scanned code on its screen, and nothing elsewhere', async () => {
    const remote = api().handle('visits.checkout', () => ({ visit: visit({ checkedOutAt: '2026-11-22T02:00:00.000Z' }) }));
    const store = createKioskStore({ api: remote, connection: alwaysConnected, newVisitId: () => 'v' }, [signOutFeature]);
    store.getState().start();
    await flush();
    remote.emit('device.qr', { text: 'PD1.abc.def', source: 'serial', at: '2026-11-22T02:00:00.000Z' });
    await flush();
    expect(remote.callsOf('visits.checkout')).toEqual([]);
    store.getState().openSignOut();
    remote.emit('device.qr', { text: 'PD1.abc.def', source: 'serial', at: '2026-11-22T02:00:00.000Z' });
    await flush();
    expect(remote.callsOf('visits.checkout')).toEqual([{ passToken: 'PD1.abc.def' }]);
    expect(store.getState().signOut.done?.checkedOutAt).toBe('2026-11-22T02:00:00.000Z');
  });

  it("ends the visitor's session on going home: every feature's reset, and session.end to the core; a language switch does not", async () => {
    let resets = 0;
    const resetting: RendererFeature = {
      name: 'resetting',
      resetOnSessionEnd: () => {
        resets += 1;
        return { systemError: null };
      },
    };
    const remote = api().handle('bookings.find', () => ({ bookings: [booking()] }));
    const store = createKioskStore({ api: remote, connection: alwaysConnected, newVisitId: () => 'v' }, [...rendererFeatures, resetting]);
    store.getState().start();
    await flush();
    store.getState().openCheckin();
    await store.getState().search('7K3M9Q2P');
    expect(store.getState().checkin.results).toHaveLength(1);
    const endsBefore = remote.callsOf('session.end').length;
    const resetsBefore = resets;

    await store.getState().setLanguage('en');
    expect(remote.callsOf('session.end')).toHaveLength(endsBefore);
    expect(store.getState().checkin.results).toHaveLength(1);

    store.getState().goHome();
    expect(store.getState()).toMatchObject({ screen: 'home', checkin: { results: null, query: '' } });
    expect(resets).toBe(resetsBefore + 1);
    expect(remote.callsOf('session.end')).toHaveLength(endsBefore + 1);
  });

  it('a card read on home starts a check-in flow without ending the core’s session (the card stays held)', async () => {
    const remote = api().handle('bookings.findByCard', () => ({ card, bookings: [booking()] }));
    const store = createKioskStore({ api: remote, connection: alwaysConnected, newVisitId: () => 'v' });
    store.getState().start();
    await flush();
    const endsBefore = remote.callsOf('session.end').length;
    remote.emit('device.idCard', card);
    await flush();
    expect(store.getState()).toMatchObject({ screen: 'checkinSearch', checkin: { card: { cardRef: 'ref-1' } } });
    expect(remote.callsOf('session.end')).toHaveLength(endsBefore);
    expect(remote.callsOf('bookings.findByCard')).toEqual([{ cardRef: 'ref-1' }]);
  });
});
