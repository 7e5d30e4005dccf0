/**
 * A kiosk the platform disabled (sync phase revoked): on home, a scanned code or an ID card starts no check-in;
 * once enrolled again (phase idle), they do.
 */
import { describe, expect, it } from 'vitest';
import { alwaysConnected } from '../../../../../src/renderer/bridge/connectionState';
import { rendererFeatures } from '../../../../../src/renderer/features';
import { createKioskStore } from '../../../../../src/renderer/state/kioskStore';
import type { IdCardRead } from '../../../../../src/shared/ipc';
import { appInfo, settings, syncState } from '../../../../support/renderer/fixtures';
import { flush, InMemoryApi } from '../../../../support/renderer/inMemoryApi';

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

describe('a revoked kiosk on home', () => {
  it('ignores scans and cards while revoked, and takes them again once it syncs', async () => {
    const remote = new InMemoryApi()
      .handle('app.info', () => appInfo)
      .handle('settings.get', () => settings('zh-CN'))
      .handle('sync.status', () => ({ ...syncState(), phase: 'revoked' as const }))
      .handle('devices.list', () => ({ devices: [] }))
      .handle('bookings.find', () => ({ bookings: [] }))
      .handle('bookings.findByCard', () => ({ card, bookings: [] }));
    const store = createKioskStore({ api: remote, connection: alwaysConnected, newVisitId: () => 'v' }, rendererFeatures);
    const stop = store.getState().start();
    await flush();
    expect(store.getState().sync?.phase).toBe('revoked');
    remote.emit('device.qr', { text: 'DEM0A001', source: 'keyboard', at: new Date().toISOString() });
    remote.emit('device.idCard', card);
    await flush();
    expect(store.getState().screen).toBe('home');

    remote.emit('sync.state', { ...syncState(), phase: 'idle' });
    remote.emit('device.qr', { text: 'DEM0A001', source: 'keyboard', at: new Date().toISOString() });
    await flush();
    expect(store.getState().screen).toBe('checkinSearch');
    stop();
  });
});
