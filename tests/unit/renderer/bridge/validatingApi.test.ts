import { describe, expect, it } from 'vitest';
import { IpcCallError } from '../../../../src/shared/ipc';
import { validatingApi } from '../../../../src/renderer/bridge/validatingApi';
import { syncState } from '../../../support/renderer/fixtures';
import { InMemoryApi } from '../../../support/renderer/inMemoryApi';

/** The wrapper around Electron's preload: same output and event checks as the WebSocket bridge. */
describe('validatingApi', () => {
  it('passes valid outputs through', async () => {
    const api = validatingApi(
      new InMemoryApi().handle('sync.status', () => syncState()),
      () => undefined,
    );
    await expect(api.call('sync.status', {})).resolves.toEqual(syncState());
  });

  it('rejects outputs that break the contract with ipc_bad_response', async () => {
    const problems: string[] = [];
    const inner = new InMemoryApi().handle('sync.status', () => JSON.parse('{"online":"yes"}') as ReturnType<typeof syncState>);
    const api = validatingApi(inner, (p) => problems.push(p));
    await expect(api.call('sync.status', {})).rejects.toMatchObject({ code: 'ipc_bad_response' });
    expect(problems).toHaveLength(1);
  });

  it('turns plain errors carrying a code (as they cross contextBridge) into IpcCallError', async () => {
    const inner = new InMemoryApi().handle('bookings.find', () => {
      throw Object.assign(new Error('window closed'), { code: 'window_closed' });
    });
    const api = validatingApi(inner, () => undefined);
    const error = await api.call('bookings.find', { query: 'X' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IpcCallError);
    expect(error).toMatchObject({ code: 'window_closed', message: 'window closed' });
  });

  it('drops event payloads that break the contract', () => {
    const inner = new InMemoryApi();
    const api = validatingApi(inner, () => undefined);
    const received: unknown[] = [];
    api.on('bookings.changed', (e) => received.push(e));
    inner.emit('bookings.changed', JSON.parse('{"count":"many"}') as { count: number });
    inner.emit('bookings.changed', { count: 2 });
    expect(received).toEqual([{ count: 2 }]);
  });
});
