import { describe, expect, it } from 'vitest';
import { IpcCallError } from '../../../../src/shared/ipc';
import type { ConnectionSource, ConnectionState } from '../../../../src/renderer/bridge/connectionState';
import { createKioskStore } from '../../../../src/renderer/state/kioskStore';
import { appInfo, booking, device, issued, settings, syncState, visit } from '../../../support/renderer/fixtures';
import { deferred, flush, InMemoryApi } from '../../../support/renderer/inMemoryApi';

class ManualConnection implements ConnectionSource {
  private state: ConnectionState = { status: 'connected', attempt: 0 };
  private readonly listeners = new Set<(state: ConnectionState) => void>();
  current = () => this.state;
  subscribe = (listener: (state: ConnectionState) => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
  set(state: ConnectionState): void {
    this.state = state;
    for (const l of this.listeners) l(state);
  }
}

function setup() {
  const api = new InMemoryApi()
    .handle('app.info', () => appInfo)
    .handle('settings.get', () => settings('zh-CN'))
    .handle('sync.status', () => syncState())
    .handle('session.end', () => ({ releasedCards: 0 }))
    .handle('devices.list', () => ({ devices: [device({ kind: 'scanner' }), device({ kind: 'idReader', status: 'disabled' })] }));
  const connection = new ManualConnection();
  let made = 0;
  const madeIds: string[] = [];
  const store = createKioskStore({
    api,
    connection,
    newVisitId: () => {
      const id = `00000000-0000-4000-8000-${String(++made).padStart(12, '0')}`;
      madeIds.push(id);
      return id;
    },
  });
  return { api, connection, store, madeIds };
}

describe('system state', () => {
  it('loads app info, settings, sync and devices on start and follows events', async () => {
    const { api, store } = setup();
    store.getState().start();
    await flush();
    const s = store.getState();
    expect(s.appInfo?.kioskName).toBe('一楼前台');
    expect(s.language).toBe('zh-CN');
    expect(s.sync?.online).toBe(true);
    expect(s.devices.map((d) => d.kind)).toEqual(['idReader', 'scanner']);

    api.emit('sync.state', syncState({ online: false, phase: 'offline', pendingCommands: 2, conflicts: 1 }));
    api.emit('device.state', device({ kind: 'scanner', status: 'error', detail: 'port closed' }));
    api.emit('device.state', device({ kind: 'printer', status: 'busy' }));
    const after = store.getState();
    expect(after.sync).toMatchObject({ online: false, pendingCommands: 2, conflicts: 1 });
    expect(after.devices.map((d) => [d.kind, d.status])).toEqual([
      ['idReader', 'disabled'],
      ['printer', 'busy'],
      ['scanner', 'error'],
    ]);
  });

  it('reloads states after a reconnection (events were missed meanwhile)', async () => {
    const { api, connection, store } = setup();
    store.getState().start();
    await flush();
    connection.set({ status: 'reconnecting', attempt: 1 });
    expect(store.getState().connection.status).toBe('reconnecting');
    const before = api.callsOf('sync.status').length;
    connection.set({ status: 'connected', attempt: 0 });
    await flush();
    expect(api.callsOf('sync.status').length).toBe(before + 1);
    expect(api.callsOf('devices.list').length).toBe(before + 1);
  });

  it('switches language at once and saves it through settings.setLanguage', async () => {
    const { api, store } = setup();
    api.handle('settings.setLanguage', ({ language }) => settings(language));
    const pending = store.getState().setLanguage('en');
    expect(store.getState().language).toBe('en');
    await pending;
    expect(api.callsOf('settings.setLanguage')).toEqual([{ language: 'en' }]);
    expect(store.getState().settings?.language).toBe('en');
  });

  it('keeps the chosen language for the visitor when saving it fails', async () => {
    const { api, store } = setup();
    api.handle('settings.setLanguage', () => {
      throw new IpcCallError('ipc_unavailable', 'down');
    });
    await store.getState().setLanguage('en');
    expect(store.getState().language).toBe('en');
  });
});

describe('check-in flow', () => {
  it('searches, shows results, confirms with a client-made visit id and shows the pass', async () => {
    const { api, store, madeIds } = setup();
    api.handle('bookings.find', () => ({ bookings: [booking()] }));
    api.handle('checkin.confirm', ({ visitId }) => issued(visitId ?? 'missing'));

    store.getState().openCheckin();
    store.getState().setQuery('  7k3m9q2p ');
    await store.getState().search();
    expect(api.callsOf('bookings.find')).toEqual([{ query: '7k3m9q2p' }]);
    expect(store.getState().checkin.results).toHaveLength(1);

    store.getState().selectBooking(booking());
    expect(store.getState().screen).toBe('bookingDetails');
    await store.getState().confirmArrival();

    expect(api.callsOf('checkin.confirm')).toEqual([{ bookingId: 'bk_1', visitId: madeIds[0] }]);
    expect(store.getState().screen).toBe('pass');
    expect(store.getState().checkin.issued?.pass.payload.pid).toBe(madeIds[0]);
  });

  it('does not search for an empty query', async () => {
    const { api, store } = setup();
    store.getState().openCheckin();
    store.getState().setQuery('   ');
    await store.getState().search();
    expect(api.callsOf('bookings.find')).toEqual([]);
  });

  it('reports "not found" as an empty result list, and call errors as an error code', async () => {
    const { api, store } = setup();
    api.handle('bookings.find', () => ({ bookings: [] }));
    store.getState().openCheckin();
    await store.getState().search('13800000000');
    expect(store.getState().checkin.results).toEqual([]);
    expect(store.getState().checkin.error).toBeNull();

    api.handle('bookings.find', () => {
      throw new IpcCallError('booking_not_found', 'no such booking at this kiosk');
    });
    await store.getState().search('13800000000');
    expect(store.getState().checkin.error).toEqual({ code: 'booking_not_found' });
    expect(store.getState().checkin.searching).toBe(false);
  });

  it('a double tap on confirm makes one call', async () => {
    const { api, store } = setup();
    const answer = deferred<ReturnType<typeof issued>>();
    api.handle('checkin.confirm', () => answer.promise);
    store.getState().openCheckin();
    store.getState().selectBooking(booking());
    const first = store.getState().confirmArrival();
    const second = store.getState().confirmArrival();
    expect(store.getState().checkin.confirming).toBe(true);
    answer.resolve(issued(store.getState().checkin.visitId ?? ''));
    await Promise.all([first, second]);
    expect(api.callsOf('checkin.confirm')).toHaveLength(1);
  });

  it('a retry after a lost connection reuses the same visit id', async () => {
    const { api, store, madeIds } = setup();
    let attempts = 0;
    api.handle('checkin.confirm', ({ visitId }) => {
      attempts += 1;
      if (attempts === 1) throw new IpcCallError('ipc_disconnected', 'socket closed');
      return issued(visitId ?? '');
    });
    store.getState().openCheckin();
    store.getState().selectBooking(booking());
    await store.getState().confirmArrival();
    expect(store.getState().checkin.error).toEqual({ code: 'ipc_disconnected' });
    await store.getState().confirmArrival();
    const inputs = api.callsOf('checkin.confirm');
    expect(inputs).toEqual([
      { bookingId: 'bk_1', visitId: madeIds[0] },
      { bookingId: 'bk_1', visitId: madeIds[0] },
    ]);
    expect(madeIds).toHaveLength(1);
    expect(store.getState().screen).toBe('pass');
  });

  it('a refused check-in shows the error and the booking as it is now', async () => {
    const { api, store } = setup();
    api.handle('checkin.confirm', () => {
      throw new IpcCallError('cancelled', 'booking cancelled');
    });
    api.handle('bookings.get', () => booking({ status: 'cancelled', checkIn: { allowed: false, reason: 'cancelled' } }));
    store.getState().openCheckin();
    store.getState().selectBooking(booking());
    await store.getState().confirmArrival();
    expect(store.getState().checkin.error).toEqual({ code: 'cancelled' });
    expect(store.getState().checkin.selected?.checkIn).toEqual({ allowed: false, reason: 'cancelled' });
  });

  it('does not call checkin.confirm for a booking that may not check in', async () => {
    const { api, store } = setup();
    store.getState().openCheckin();
    store.getState().selectBooking(booking({ checkIn: { allowed: false, reason: 'too_early' } }));
    await store.getState().confirmArrival();
    expect(api.callsOf('checkin.confirm')).toEqual([]);
  });

  it('choosing another booking makes a new visit id', async () => {
    const { api, store, madeIds } = setup();
    api.handle('checkin.confirm', () => {
      throw new IpcCallError('not_approved', 'pending');
    });
    api.handle('bookings.get', () => booking());
    store.getState().openCheckin();
    store.getState().selectBooking(booking());
    await store.getState().confirmArrival();
    store.getState().backToResults();
    store.getState().selectBooking(booking({ id: 'bk_2' }));
    await store.getState().confirmArrival();
    expect(new Set(madeIds).size).toBe(2);
  });

  it('going home clears what was typed and shown, and drops answers that arrive later', async () => {
    const { api, store } = setup();
    const answer = deferred<{ bookings: ReturnType<typeof booking>[] }>();
    api.handle('bookings.find', () => answer.promise);
    store.getState().openCheckin();
    store.getState().setQuery('13812345678');
    const searching = store.getState().search();
    store.getState().goHome();
    answer.resolve({ bookings: [booking()] });
    await searching;
    const { checkin, screen } = store.getState();
    expect(screen).toBe('home');
    expect(checkin.query).toBe('');
    expect(checkin.results).toBeNull();
    expect(checkin.selected).toBeNull();
  });

  it('a scanned code on the home screen starts a check-in search', async () => {
    const { api, store } = setup();
    api.handle('bookings.find', () => ({ bookings: [booking()] }));
    store.getState().start();
    await flush();
    api.emit('device.qr', { text: '7K3M9Q2P', source: 'serial', at: '2026-11-22T01:00:00.000Z' });
    await flush();
    expect(store.getState().screen).toBe('checkinSearch');
    expect(api.callsOf('bookings.find')).toEqual([{ query: '7K3M9Q2P' }]);
  });
});

describe('sign-out', () => {
  it('signs out with a pass token (scanned on the sign-out screen)', async () => {
    const { api, store } = setup();
    api.handle('visits.checkout', () => ({ visit: visit({ checkedOutAt: '2026-11-22T02:00:00.000Z' }) }));
    store.getState().start();
    await flush();
    store.getState().openSignOut();
    api.emit('device.qr', { text: 'PD1.abc.def', source: 'keyboard', at: '2026-11-22T02:00:00.000Z' });
    await flush();
    expect(api.callsOf('visits.checkout')).toEqual([{ passToken: 'PD1.abc.def' }]);
    expect(store.getState().signOut.done?.checkedOutAt).toBeDefined();
  });

  it("lists today's visits newest first and signs one out after a confirming second tap", async () => {
    const { api, store } = setup();
    const older = visit({ id: '00000000-0000-4000-8000-00000000000a', checkedInAt: '2026-11-22T01:00:00.000Z' });
    const newer = visit({ id: '00000000-0000-4000-8000-00000000000b', checkedInAt: '2026-11-22T02:00:00.000Z' });
    api.handle('visits.today', () => ({ visits: [older, newer] }));
    api.handle('visits.checkout', ({ visitId }) => ({
      visit: { ...(visitId === older.id ? older : newer), checkedOutAt: '2026-11-22T03:00:00.000Z' },
    }));
    store.getState().openToday();
    await flush();
    expect(store.getState().today.visits?.map((v) => v.id)).toEqual([newer.id, older.id]);
    store.getState().askSignOutVisit(older.id);
    expect(store.getState().today.confirmingVisitId).toBe(older.id);
    await store.getState().signOutVisit(older.id);
    expect(api.callsOf('visits.checkout')).toEqual([{ visitId: older.id }]);
    expect(store.getState().today.visits?.find((v) => v.id === older.id)?.checkedOutAt).toBeDefined();
  });
});

describe('printing the pass', () => {
  async function onPassScreen() {
    const ctx = setup();
    ctx.api.handle('checkin.confirm', ({ visitId }) => issued(visitId ?? 'missing'));
    ctx.store.getState().selectBooking(booking());
    await ctx.store.getState().confirmArrival();
    expect(ctx.store.getState().screen).toBe('pass');
    expect(ctx.store.getState().checkin.print).toEqual({ status: 'idle', error: null });
    return ctx;
  }

  it('prints the issued visit once per tap, showing progress and then the result', async () => {
    const { api, store, madeIds } = await onPassScreen();
    const answer = deferred<{ printed: true; printer: string }>();
    api.handle('pass.print', () => answer.promise);
    const printing = store.getState().printPass();
    expect(store.getState().checkin.print.status).toBe('printing');
    void store.getState().printPass(); // a second tap while printing: no second job
    answer.resolve({ printed: true, printer: '/dev/pts/7' });
    await printing;
    expect(api.callsOf('pass.print')).toEqual([{ visitId: madeIds[0] }]);
    expect(store.getState().checkin.print).toEqual({ status: 'printed', error: null });
  });

  it('keeps the error code (paper_out), and a retry prints', async () => {
    const { api, store } = await onPassScreen();
    api.handle('pass.print', () => {
      throw new IpcCallError('paper_out', 'the printer is out of paper');
    });
    await store.getState().printPass();
    expect(store.getState().checkin.print).toEqual({ status: 'failed', error: { code: 'paper_out' } });
    api.handle('pass.print', () => ({ printed: true, printer: '/dev/pts/7' }));
    await store.getState().printPass();
    expect(store.getState().checkin.print).toEqual({ status: 'printed', error: null });
  });

  it('drops an answer that arrives after the visitor went home', async () => {
    const { api, store } = await onPassScreen();
    const answer = deferred<{ printed: true; printer: string }>();
    api.handle('pass.print', () => answer.promise);
    const printing = store.getState().printPass();
    store.getState().goHome();
    answer.resolve({ printed: true, printer: '/dev/pts/7' });
    await printing;
    expect(store.getState().checkin.print).toEqual({ status: 'idle', error: null });
    expect(store.getState().checkin.issued).toBeNull();
  });

  it('does nothing without an issued pass', async () => {
    const { api, store } = setup();
    await store.getState().printPass();
    expect(api.callsOf('pass.print')).toEqual([]);
  });
});
