/**
 * The kiosk applies the cloud's pass rules offline (findings 1–3, kiosk side), with a real cloud to sync from:
 * a pass of another site is refused; a pass whose booking was cancelled or whose visitor left is not valid; a
 * revoked kiosk's key and a revoked pass reach the site's other kiosks by pull and are refused there offline.
 */
import axios from 'axios';
import { describe, expect, it } from 'vitest';
import { Booking } from '../../src/shared/domain';
import { IssuedPass, VerifyPassResponse } from '../../src/shared/sync';
import { useCloudKiosks } from '../support/kiosk/cloudKiosks';
import { oneDayBooking } from '../support/kiosk/oneDayBooking';

describe('the kiosk’s offline pass rules', () => {
  const kiosks = useCloudKiosks('Security desk');
  const { enrolledCore } = kiosks;
  const admin = () => ({ headers: { authorization: `Bearer ${kiosks.cloud.adminToken}` }, proxy: false as const });
  const api = (path: string) => `${kiosks.cloud.url}/api/v1${path}`;
  const cloudPass = async (bookingId: string) => IssuedPass.parse((await axios.get(api(`/bookings/${bookingId}/pass`), admin())).data);

  /** A staff booking for today at `siteId`, approved; `hostPhone` must be a host there. */
  async function approvedBooking(hostPhone: string, phone: string, siteHostId?: string): Promise<Booking> {
    const now = Date.now();
    const body = {
      source: 'staff',
      ...(siteHostId ? { hostId: siteHostId } : { hostPhone }),
      visitor: { name: '钱七', phone },
      reason: '安全测试',
      windowStart: new Date(now - 3_600_000).toISOString(),
      windowEnd: new Date(now + 3 * 3_600_000).toISOString(),
    };
    const created = Booking.parse((await axios.post(api('/bookings'), body, admin())).data);
    return Booking.parse((await axios.post(api(`/bookings/${created.id}/decision`), { action: 'approve' }, admin())).data);
  }

  it('refuses a cloud pass of another site (finding 1)', async () => {
    await axios.post(api('/admin/sites'), { id: 'site_other', name: '别处', timezone: 'Asia/Shanghai' }, admin());
    const host = (
      await axios.post(api('/hosts'), { siteId: 'site_other', name: '周强', phone: '13800138099', department: '保卫处', canReceiveVisitors: true }, admin())
    ).data as { id: string };
    const booking = await approvedBooking('13800138099', '13912349999', host.id);
    const pass = await cloudPass(booking.id);
    const core = await enrolledCore();
    await expect(core.checkIn.checkPass(pass.token)).rejects.toMatchObject({ code: 'pass_wrong_site' });
    await expect(core.checkIn.findBookings(pass.token)).rejects.toMatchObject({ code: 'pass_wrong_site' });
  });

  it('a pass is valid only while it lets its holder through: left, cancelled (finding 2)', async () => {
    // a booking of one site day (the demo bookings' windows span two days near the site's midnight: an exit would not end them)
    const oneDay = await oneDayBooking(kiosks.cloud);
    const core = await enrolledCore();
    await core.sync.now();
    const { visit, pass } = await core.checkIn.confirmCheckIn({ bookingId: oneDay.id });
    expect(await core.checkIn.checkPass(pass.token)).toMatchObject({ valid: true });
    // another desk of the site knows the booking the pass's visit arrived on once both have synced
    const otherDesk = await enrolledCore();
    await core.sync.now();
    await otherDesk.sync.now();
    expect(await otherDesk.checkIn.checkPass(pass.token)).toMatchObject({ valid: true, payload: { bid: oneDay.id } });
    await core.checkIn.checkOut({ visitId: visit.id });
    expect(await core.checkIn.checkPass(pass.token)).toMatchObject({ valid: false, reason: 'visitor_left' });
    await core.sync.now();
    await otherDesk.sync.now();
    expect(await otherDesk.checkIn.checkPass(pass.token)).toMatchObject({ valid: false, reason: 'visitor_left' });

    const booking = await approvedBooking('13800138001', '13912340001');
    const issued = await cloudPass(booking.id);
    await core.sync.now();
    expect(await core.checkIn.checkPass(issued.token)).toMatchObject({ valid: true });
    await axios.post(api(`/bookings/${booking.id}/cancel`), {}, admin());
    await core.sync.now();
    expect(await core.checkIn.checkPass(issued.token)).toMatchObject({ valid: false, reason: 'booking_cancelled' });
  });

  it('a compact kiosk pass whose check-in was refused (cancelled while the desk was behind) lets no one through anywhere', async () => {
    const desk = await enrolledCore();
    const otherDesk = await enrolledCore();
    const booking = await approvedBooking('13800138001', '13912340009');
    await desk.sync.now();
    await axios.post(api(`/bookings/${booking.id}/cancel`), {}, admin());
    // the desk has not pulled the cancellation: it checks the visitor in and prints a compact pass
    const { pass } = await desk.checkIn.confirmCheckIn({ bookingId: booking.id });
    expect(pass.token.startsWith('PD2.')).toBe(true);
    await desk.sync.now();
    const verified = VerifyPassResponse.parse((await axios.post(api('/passes/verify'), { token: pass.token }, { proxy: false })).data);
    expect(verified).toMatchObject({ valid: false, reason: 'booking_cancelled' });
    expect(await desk.checkIn.checkPass(pass.token)).toMatchObject({ valid: false, reason: 'booking_cancelled' });
    await otherDesk.sync.now();
    expect(await otherDesk.checkIn.checkPass(pass.token)).toMatchObject({ valid: false, reason: 'booking_unknown' });
  });

  it('a revoked kiosk’s passes and a revoked pass are refused by the other kiosks after their next pull (finding 3)', async () => {
    const revokedDesk = await enrolledCore();
    const otherDesk = await enrolledCore();
    const booking = await approvedBooking('13800138002', '13912340002');
    await revokedDesk.sync.now();
    const { pass } = await revokedDesk.checkIn.confirmCheckIn({ bookingId: booking.id });
    await revokedDesk.sync.now();
    await otherDesk.sync.now();
    expect(await otherDesk.checkIn.checkPass(pass.token)).toMatchObject({ valid: true });

    await axios.post(api(`/admin/kiosks/${revokedDesk.identity()!.kioskId}/revoke`), {}, admin());
    await otherDesk.sync.now();
    await expect(otherDesk.checkIn.checkPass(pass.token)).rejects.toMatchObject({ code: 'pass_key_revoked' });
    // the revoked kiosk itself can no longer sync, and says why
    const state = await revokedDesk.sync.now();
    expect(state.lastError).toMatch(/credential_revoked/);
    expect(state.phase).toBe('revoked');

    const second = await approvedBooking('13800138003', '13912340003');
    const issued = await cloudPass(second.id);
    await axios.post(api(`/admin/passes/${issued.payload.pid}/revoke`), { siteId: 'site_demo', reason: '证件遗失' }, admin());
    // offline from here: what the kiosk knows is what it pulled
    await otherDesk.sync.now();
    await kiosks.cloud.stop();
    try {
      expect(await otherDesk.checkIn.checkPass(issued.token)).toMatchObject({ valid: false, reason: 'pass_revoked' });
      await expect(otherDesk.checkIn.findBookings(issued.token)).rejects.toMatchObject({ code: 'pass_revoked' });
    } finally {
      await kiosks.cloud.restart();
    }
  });

  it('enrolling again forgets what the previous enrolment trusted: only the new cloud’s keys vouch afterwards', async () => {
    const core = await enrolledCore();
    // a key the previous enrolment trusted (another cloud's, say), and a pass revoked there
    core.db.prepare(`INSERT INTO pass_keys (kid, issuer, public_key, revoked, site_id) VALUES ('otherCloud01', 'cloud', ?, 0, NULL)`).run('A'.repeat(43));
    core.db.prepare(`INSERT INTO revoked_passes (pass_id, revoked_at, reason) VALUES ('bk_elsewhere', ?, 'x')`).run(new Date().toISOString());
    await core.enrol({ code: await kiosks.cloud.enrolmentCode(), name: 'Again' });
    const kids = (core.db.prepare('SELECT kid FROM pass_keys').all() as { kid: string }[]).map((k) => k.kid);
    expect(kids).not.toContain('otherCloud01');
    expect(kids).toContain(core.identity()!.keyId);
    expect(core.db.prepare(`SELECT pass_id FROM revoked_passes WHERE pass_id = 'bk_elsewhere'`).get()).toBeUndefined();
  });
});
