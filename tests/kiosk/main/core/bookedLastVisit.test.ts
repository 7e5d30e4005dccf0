/**
 * "访客最后来访" covers booked visitors (issue 9 item 2): a booked check-in records the person's ID number key and phone
 * key (SHA-256, never the numbers) and the reusable fields on the local visit, so walkin.lookup finds them by card or
 * by phone, offline, and walkin.register may reuse that visit's phone for the same person.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatchIpcCall } from '../../../../src/main/core/ipcHandlers';
import type { KioskCore } from '../../../../src/main/core/kioskCore';
import { blacklistIdNumberKey, blacklistPhoneKey } from '../../../../src/shared/blacklistKey';
import type { ipcCalls, IpcInput } from '../../../../src/shared/ipc';
import { locallyEnrolledCore, makeBooking, output, seedHostAndBookings, tempDir } from '../../../support/kiosk/helpers';

const VISITOR_ID = '11010519491231002X';

describe('last visit after a booked check-in (real SQLite)', () => {
  let t: ReturnType<typeof tempDir>;
  let core: KioskCore;
  const now = new Date();
  let clock = now;
  const call = <N extends keyof typeof ipcCalls>(name: N, input: IpcInput<N>) => dispatchIpcCall(core, name, input);

  beforeEach(async () => {
    t = tempDir();
    clock = now;
    core = await locallyEnrolledCore(t.dir, { now: () => clock });
    const booking = makeBooking({ id: 'b_ok', code: 'ABCD2345', area: 'A座', visitType: '商务洽谈', reason: '项目评审' }, now);
    seedHostAndBookings(core.db, [{ ...booking, visitor: { ...booking.visitor, company: '星河科技', title: '经理', plate: '粤B12345' } }], now);
  });
  afterEach(async () => {
    await core.close();
    t.cleanup();
  });

  it('records the keys (not the numbers) and the reusable fields on the visit; the last visit is found by phone', async () => {
    const { visit } = output('checkin.confirm', await call('checkin.confirm', { bookingId: 'b_ok' }));
    const row = core.db.prepare('SELECT * FROM visits WHERE id = ?').get(visit.id) as Record<string, unknown>;
    expect(row).toMatchObject({
      walk_in: 0,
      id_key: blacklistIdNumberKey(VISITOR_ID),
      phone_key: blacklistPhoneKey('13812345678'),
      company: '星河科技',
      title: '经理',
      host_id: 'host_1',
      reason: '项目评审',
      visit_type: '商务洽谈',
      area: 'A座',
      plate: '粤B12345',
    });
    expect(String(row.id_masked)).not.toContain('19491231');
    expect(JSON.stringify(Object.values(row).filter((v) => v !== row.json))).not.toContain('13812345678');

    const { lastVisit } = output('walkin.lookup', await call('walkin.lookup', { phone: '13812345678' }));
    expect(lastVisit).toMatchObject({
      visitId: visit.id,
      matchedBy: 'phone',
      nameMasked: '张*',
      phoneMasked: '138****5678',
      company: '星河科技',
      title: '经理',
      hostName: '李四',
      host: { id: 'host_1' },
      visitType: '商务洽谈',
      reason: '项目评审',
      area: 'A座',
      plate: '粤B12345',
    });
    expect(lastVisit?.idMasked).toBeDefined();
  });

  it("a walk-in by the same person (typed ID) reuses the booked visit's phone", async () => {
    const { visit } = output('checkin.confirm', await call('checkin.confirm', { bookingId: 'b_ok' }));
    clock = new Date(now.getTime() + 60_000);
    const r = output(
      'walkin.register',
      await call('walkin.register', {
        lead: { identity: { source: 'typed', name: '张三', idType: 'resident_id', idNumber: VISITOR_ID }, reusePhoneOfVisit: visit.id },
        hostId: 'host_1',
        reason: '复访',
      }),
    );
    expect(r.passes[0]?.visit.visitorPhoneMasked).toBe('138****5678');
    // the newest visit of that person is now the walk-in
    const { lastVisit } = output('walkin.lookup', await call('walkin.lookup', { phone: '13812345678' }));
    expect(lastVisit?.visitId).toBe(r.passes[0]?.visit.id);
  });
});
