/**
 * Staff end a visit from today's visitors (src/renderer/features/signout): 结束访问 asks for a confirmation first,
 * cancelling it sends nothing, confirming sends one visits.checkout with endVisit (a second tap while it runs sends no
 * second), and the row becomes the ended visit the core returns; a multi-day visit counts as on site only while its
 * visitor is in today.
 */
import { describe, expect, it } from 'vitest';
import { alwaysConnected } from '../../../../../src/renderer/bridge/connectionState';
import { isOnSite } from '../../../../../src/renderer/features/signout/onSite';
import { createKioskStore } from '../../../../../src/renderer/state/kioskStore';
import { appInfo, settings, syncState, visit } from '../../../../support/renderer/fixtures';
import { deferred, flush, InMemoryApi } from '../../../../support/renderer/inMemoryApi';

const multi = visit({ multiDay: true, todayState: 'in' });

function setup() {
  const answer = deferred<{ visit: typeof multi }>();
  const api = new InMemoryApi()
    .handle('app.info', () => appInfo)
    .handle('settings.get', () => settings('zh-CN'))
    .handle('sync.status', () => syncState())
    .handle('devices.list', () => ({ devices: [] }))
    .handle('session.end', () => ({ releasedCards: 0 }))
    .handle('visits.today', () => ({ visits: [multi] }))
    .handle('visits.checkout', () => answer.promise);
  const store = createKioskStore({ api, connection: alwaysConnected, newVisitId: () => 'x' });
  return { api, store, answer };
}

describe('结束访问 (end visit) in today’s visitors', () => {
  it('asks first; cancel sends nothing; confirm sends one checkout with endVisit and shows the ended visit', async () => {
    const { api, store, answer } = setup();
    await store.getState().loadToday();
    store.getState().askEndVisit(multi.id);
    expect(store.getState().today.confirmingEndVisitId).toBe(multi.id);
    store.getState().askEndVisit(null);
    expect(store.getState().today.confirmingEndVisitId).toBeNull();
    expect(api.callsOf('visits.checkout')).toEqual([]);

    store.getState().askEndVisit(multi.id);
    const ending = store.getState().endVisit(multi.id);
    void store.getState().endVisit(multi.id); // a second tap while the first runs
    expect(store.getState().today.busyVisitId).toBe(multi.id);
    const ended = { ...multi, checkedOutAt: '2026-11-23T02:00:00.000Z', todayState: 'out' as const };
    answer.resolve({ visit: ended });
    await ending;
    await flush();
    expect(api.callsOf('visits.checkout')).toEqual([{ visitId: multi.id, endVisit: true }]);
    expect(store.getState().today).toMatchObject({ busyVisitId: null, confirmingEndVisitId: null, visits: [ended] });
  });

  it('on site: a one-day visit until signed out; a multi-day one only while in today', () => {
    expect(isOnSite(visit())).toBe(true);
    expect(isOnSite(visit({ checkedOutAt: '2026-11-22T05:00:00.000Z' }))).toBe(false);
    expect(isOnSite(visit({ multiDay: true, todayState: 'in' }))).toBe(true);
    expect(isOnSite(visit({ multiDay: true, todayState: 'out' }))).toBe(false);
    expect(isOnSite(visit({ multiDay: true, todayState: 'none' }))).toBe(false);
  });
});
