/** The sync conflicts screen's logic: the store slice over the IPC contract, and the reasons in words. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { IpcCallError, type SyncConflict, type SyncState } from '../../../../../src/shared/ipc';
import { alwaysConnected } from '../../../../../src/renderer/bridge/connectionState';
import { createKioskStore } from '../../../../../src/renderer/state/kioskStore';
import { conflictReasonKey, hasReasonFor } from '../../../../../src/renderer/features/sync/conflictReasons';
import { translate } from '../../../../../src/renderer/i18n/translate';
import { en } from '../../../../../src/renderer/i18n/en';
import { zhCN } from '../../../../../src/renderer/i18n/zhCN';
import { CommandAppliedCode } from '../../../../../src/shared/sync';
import { appInfo, settings, syncState } from '../../../../support/renderer/fixtures';
import { flush, InMemoryApi } from '../../../../support/renderer/inMemoryApi';

const conflict = (overrides: Partial<SyncConflict> = {}): SyncConflict => ({
  commandId: '00000000-0000-4000-8000-0000000000c1',
  kind: 'checkin',
  at: '2026-11-22T01:00:00.000Z',
  status: 'conflict',
  code: 'already_arrived',
  message: 'the booking was already checked in at 2026-11-22T00:59:00.000Z',
  bookingId: 'bk_1',
  bookingCode: '7K3M9Q2P',
  visitorName: '张*',
  ...overrides,
});

/** The core's rule as the renderer sees it: acknowledged ones stay listed, only unacknowledged ones count. */
function setup(initial: SyncConflict[]) {
  let items = initial;
  const state = (): SyncState => syncState({ conflicts: items.filter((c) => c.acknowledgedAt === undefined).length });
  const api = new InMemoryApi()
    .handle('app.info', () => appInfo)
    .handle('settings.get', () => settings('zh-CN'))
    .handle('sync.status', state)
    .handle('devices.list', () => ({ devices: [] }))
    .handle('session.end', () => ({ releasedCards: 0 }))
    .handle('sync.conflicts', () => ({ conflicts: items }))
    .handle('sync.acknowledgeConflict', ({ commandId }) => {
      if (!items.some((c) => c.commandId === commandId)) throw new IpcCallError('not_found', 'no such conflict');
      items = items.map((c) => (c.commandId === commandId ? { ...c, acknowledgedAt: c.acknowledgedAt ?? '2026-11-22T02:00:00.000Z' } : c));
      const s = state();
      api.emit('sync.state', s);
      return s;
    });
  const store = createKioskStore({ api, connection: alwaysConnected, newVisitId: () => 'x' });
  return { api, store, add: (c: SyncConflict) => (items = [c, ...items]), state };
}

describe('sync conflicts in the store', () => {
  it('opens the list, acknowledges one: it stays listed, marked, and the count drops', async () => {
    const first = conflict();
    const second = conflict({ commandId: '00000000-0000-4000-8000-0000000000c2', code: 'booking_cancelled' });
    const { api, store } = setup([first, second]);
    store.getState().start();
    await flush();
    expect(store.getState().sync?.conflicts).toBe(2);
    store.getState().openConflicts();
    await flush();
    expect(store.getState().screen).toBe('conflicts');
    expect(store.getState().conflicts.items?.map((c) => c.commandId)).toEqual([first.commandId, second.commandId]);

    await store.getState().acknowledgeConflict(first.commandId);
    expect(api.callsOf('sync.acknowledgeConflict')).toEqual([{ commandId: first.commandId }]);
    expect(store.getState().sync?.conflicts).toBe(1);
    expect(store.getState().conflicts.items?.find((c) => c.commandId === first.commandId)?.acknowledgedAt).toBe('2026-11-22T02:00:00.000Z');
    expect(store.getState().conflicts.busyCommandId).toBeNull();
  });

  it('a second tap while an acknowledgement is on its way makes no second call', async () => {
    const { api, store } = setup([conflict()]);
    store.getState().openConflicts();
    await flush();
    const id = conflict().commandId;
    const one = store.getState().acknowledgeConflict(id);
    const two = store.getState().acknowledgeConflict(id);
    await Promise.all([one, two]);
    expect(api.callsOf('sync.acknowledgeConflict')).toHaveLength(1);
  });

  it('shows an error code when acknowledging fails', async () => {
    const { store } = setup([conflict()]);
    store.getState().openConflicts();
    await flush();
    await store.getState().acknowledgeConflict('00000000-0000-4000-8000-0000000000ff');
    expect(store.getState().conflicts.error).toEqual({ code: 'not_found' });
  });

  it('reloads the open list when a new conflict arrives; going home forgets it', async () => {
    const { api, store, add, state } = setup([conflict()]);
    store.getState().start();
    store.getState().openConflicts();
    await flush();
    add(conflict({ commandId: '00000000-0000-4000-8000-0000000000c3', code: 'booking_unknown', status: 'rejected' }));
    api.emit('sync.state', state());
    await flush();
    expect(store.getState().conflicts.items).toHaveLength(2);
    store.getState().goHome();
    expect(store.getState().conflicts.items).toBeNull();
    expect(store.getState().screen).toBe('home');
  });
});

describe('conflict reasons', () => {
  // every code the cloud answers a push with when it does not apply a command
  const services = readFileSync('src/cloud/services/kioskCommands.ts', 'utf8');
  const route = readFileSync('src/cloud/routes/sync.ts', 'utf8') + readFileSync('src/cloud/app.ts', 'utf8');
  // the notes of applied commands (blacklist_warn: applied with the warning; reentry, exit_recorded...) are no conflicts
  const appliedCodes = new Set<string>(CommandAppliedCode.options);
  const cloudCodes = [
    ...new Set([
      ...[...services.matchAll(/code: '(\w+)'/g)].map((m) => m[1]!).filter((c) => !appliedCodes.has(c)),
      ...[...route.matchAll(/'(command_\w+)'/g)].map((m) => m[1]!),
    ]),
  ].sort();

  it('finds the cloud codes', () => {
    expect(cloudCodes).toEqual(
      expect.arrayContaining(['already_arrived', 'booking_cancelled', 'booking_unknown', 'command_id_reused', 'command_bad_signature']),
    );
  });

  it.each(cloudCodes)('%s has its own reason in both languages', (code) => {
    const key = conflictReasonKey({ code, status: 'conflict' });
    expect(key).toBe(`conflict.reason.${code}`);
    expect(hasReasonFor(code)).toBe(true);
    expect(translate('zh-CN', key)).not.toBe(translate('en', key));
  });

  it('says "already checked in at another kiosk" for already_arrived', () => {
    expect(translate('zh-CN', conflictReasonKey({ code: 'already_arrived', status: 'conflict' }))).toBe('该预约已在其他访客机签到');
    expect(translate('en', conflictReasonKey({ code: 'already_arrived', status: 'conflict' }))).toBe('Already checked in at another kiosk');
  });

  it('labels every kind of command in both languages, a walk-in as 登记来访 / Walk-in', () => {
    for (const kind of ['checkin', 'checkout', 'registerWalkIn'] as const) {
      expect(translate('zh-CN', `conflicts.kind.${kind}`)).not.toBe(translate('en', `conflicts.kind.${kind}`));
    }
    expect(translate('zh-CN', 'conflicts.kind.registerWalkIn')).toBe('登记来访');
    expect(translate('en', 'conflicts.kind.registerWalkIn')).toBe('Walk-in');
  });

  it.each([
    'host_unknown',
    'blacklisted',
    'window_in_past',
    'window_too_long',
    'window_too_far_ahead',
    'temperature_abnormal',
    'booking_id_taken',
    'visit_id_taken',
  ])("a walk-in's refusal %s has its own reason in words", (code) => expect(hasReasonFor(code)).toBe(true));

  it('falls back by status for codes it does not know', () => {
    expect(conflictReasonKey({ code: 'something_new', status: 'conflict' })).toBe('conflict.fallback.conflict');
    expect(conflictReasonKey({ code: 'rejected', status: 'rejected' })).toBe('conflict.fallback.rejected');
    expect(conflictReasonKey({ code: '__proto__', status: 'rejected' })).toBe('conflict.fallback.rejected');
    expect(hasReasonFor('something_new')).toBe(false);
    expect(en['conflict.fallback.rejected']).not.toBe(zhCN['conflict.fallback.rejected']);
  });
});
