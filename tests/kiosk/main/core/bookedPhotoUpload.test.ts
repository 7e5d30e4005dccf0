/**
 * A booked check-in's face photo and the cloud (issue 10; src/main/core/checkin.ts, face/facePhotos.ts): a real kiosk
 * core against the real cloud on SQLite and on PostgreSQL, through a proxy that logs what the cloud receives. The site's
 * policy on and the visitor's consent to the text that says so: the check-in command, then the photo's
 * `uploadVisitorPhoto` (outbox order, one push: the cloud applies the check-in first, which puts the visitor in its
 * library) → exactly one photo in the cloud's visitor_photos for that visitor. Upload off, a refusal, or a consent to
 * the text that does not mention upload: no upload command, no request carries the image bytes, no photo in the cloud.
 */
import axios from 'axios';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dispatchIpcCall } from '../../../../src/main/core/ipcHandlers';
import type { KioskCore } from '../../../../src/main/core/kioskCore';
import { blacklistIdNumberKey } from '../../../../src/shared/blacklistKey';
import { Booking } from '../../../../src/shared/domain';
import type { FaceConsentInput } from '../../../../src/shared/facePhoto';
import type { PolicyLayer } from '../../../../src/shared/policy';
import { DIALECTS } from '../../../support/cloud/harness';
import { useCloudKiosks } from '../../../support/kiosk/cloudKiosks';
import { output } from '../../../support/kiosk/helpers';
import { DEMO_HOST, newResidentId } from '../../../support/kiosk/hostWalkIns';
import type { TamperingProxy } from '../../../support/kiosk/tamperingProxy';

const JPEG = readFileSync(new URL('../../../support/fixtures/faces/astronaut-head.jpg', import.meta.url));
const UPLOAD_TEXT = 'face-consent-upload-1';
const LOCAL_TEXT = 'face-consent-1';

describe.each(DIALECTS)('a booked check-in’s face photo and the cloud (real core, real cloud on %s)', (dialect) => {
  const kiosks = useCloudKiosks('Booked photo desk', dialect);
  const { afterThisTest } = kiosks;
  const admin = () => ({ headers: { authorization: `Bearer ${kiosks.cloud.adminToken}` }, proxy: false as const });
  const setSitePolicy = async (layer: Partial<PolicyLayer>) => {
    expect((await axios.post(`${kiosks.cloud.url}/api/v1/admin/sites/site_demo/policy`, layer, admin())).status).toBe(200);
  };
  let phones = 0;
  /** an approved booking of the demo host's, open now, for a new person (staff booked it) */
  const approvedBooking = async (): Promise<{ id: string; idNumber: string }> => {
    const idNumber = newResidentId();
    const start = Date.now() - 60_000;
    const visitor = { name: '孙八', phone: `1370001${String(phones++).padStart(4, '0')}`, idType: 'resident_id', idNumber };
    const body = { source: 'staff', hostId: DEMO_HOST, visitor, reason: '商务洽谈', windowStart: new Date(start).toISOString() };
    const created = await axios.post(`${kiosks.cloud.url}/api/v1/bookings`, { ...body, windowEnd: new Date(start + 3 * 3_600_000).toISOString() }, admin());
    const id = Booking.parse(created.data).id;
    expect((await axios.post(`${kiosks.cloud.url}/api/v1/bookings/${id}/decision`, { action: 'approve' }, admin())).status).toBe(200);
    return { id, idNumber };
  };
  const face = (decision: 'granted' | 'refused', textVersion = UPLOAD_TEXT): FaceConsentInput => ({
    decision,
    textVersion,
    decidedAt: new Date().toISOString(),
    ...(decision === 'granted' ? { photoJpegBase64: JPEG.toString('base64') } : {}),
  });
  const checkIn = async (core: KioskCore, bookingId: string, given: FaceConsentInput) =>
    output('checkin.confirm', await dispatchIpcCall(core, 'checkin.confirm', { bookingId, face: given }));
  /** the cloud's stored photos of this person */
  const cloudPhotos = (idNumber: string) =>
    kiosks.cloud.server.db.kysely
      .selectFrom('visitor_photos')
      .innerJoin('visitors', 'visitors.id', 'visitor_photos.visitor_id')
      .select(['visitor_photos.jpeg', 'visitor_photos.source', 'visitor_photos.command_id', 'visitors.id as visitor_id'])
      .where('visitors.person_key', '=', `id:${blacklistIdNumberKey(idNumber)}`)
      .execute();
  const cloudStatus = async (bookingId: string) =>
    await kiosks.cloud.server.db.kysely.selectFrom('bookings').select(['status', 'visitor_id']).where('id', '=', bookingId).executeTakeFirstOrThrow();
  /** requests whose body carries the photo's bytes (a run of its base64 that no other text has) */
  const carried = (proxy: TamperingProxy) => proxy.requests.filter((r) => r.body.includes(JPEG.toString('base64').slice(100, 300))).length;
  const outbox = (core: KioskCore) =>
    core.db.prepare('SELECT seq, id, kind, state FROM outbox ORDER BY seq').all() as { seq: number; id: string; kind: string; state: string }[];

  it('upload on and consent to the upload text: the check-in, then its photo, one push; exactly one photo for that visitor in the cloud', async () => {
    afterThisTest(() => setSitePolicy({}));
    const { core, proxy } = await kiosks.coreBehindProxy();
    await setSitePolicy({ values: { faceUploadAllowed: true } });
    const booking = await approvedBooking();
    await core.sync.now();
    expect(core.settings().faceUploadAllowed).toBe(true);

    await checkIn(core, booking.id, face('granted'));
    const queued = outbox(core).filter((c) => c.kind === 'checkin' || c.kind === 'uploadVisitorPhoto');
    // outbox order: the check-in first (the cloud refuses the photo of a booking whose check-in it has not applied)
    expect(queued.map((c) => c.kind)).toEqual(['checkin', 'uploadVisitorPhoto']);
    expect(await core.sync.now()).toMatchObject({ online: true, pendingCommands: 0, conflicts: 0 });
    // pushed in that order in one request, both applied
    const pushes = proxy.requests.filter((r) => r.path.includes('/sync/push') && r.body.includes(queued[1]!.id));
    expect(pushes).toHaveLength(1);
    const sent = pushes[0]!.body.toString();
    expect(sent.indexOf(queued[0]!.id)).toBeGreaterThan(-1);
    expect(sent.indexOf(queued[0]!.id)).toBeLessThan(sent.indexOf(queued[1]!.id));
    expect(
      outbox(core)
        .filter((c) => queued.some((q) => q.id === c.id))
        .map((c) => c.state),
    ).toEqual(['sent', 'sent']);

    const arrived = await cloudStatus(booking.id);
    expect(arrived.status).toBe('arrived');
    const photos = await cloudPhotos(booking.idNumber);
    expect(photos).toHaveLength(1);
    expect(photos[0]).toMatchObject({ source: 'checkin', command_id: queued[1]!.id, visitor_id: arrived.visitor_id });
    expect(Buffer.from(photos[0]!.jpeg).equals(JPEG)).toBe(true);
    expect(carried(proxy)).toBe(1);
  });

  it('upload off, a refusal, or a consent to the local text: no upload command, no image bytes sent, no photo in the cloud', async () => {
    afterThisTest(() => setSitePolicy({}));
    const { core, proxy } = await kiosks.coreBehindProxy();
    expect(core.settings().faceUploadAllowed).toBe(false);
    const off = await approvedBooking();
    await core.sync.now();
    await checkIn(core, off.id, face('granted'));
    expect(await core.sync.now()).toMatchObject({ pendingCommands: 0, conflicts: 0 });

    await setSitePolicy({ values: { faceUploadAllowed: true } });
    const refused = await approvedBooking();
    const local = await approvedBooking();
    await core.sync.now();
    expect(core.settings().faceUploadAllowed).toBe(true);
    await checkIn(core, refused.id, face('refused'));
    await checkIn(core, local.id, face('granted', LOCAL_TEXT));
    expect(await core.sync.now()).toMatchObject({ pendingCommands: 0, conflicts: 0 });

    expect(outbox(core).map((c) => c.kind)).not.toContain('uploadVisitorPhoto');
    expect(outbox(core).filter((c) => c.kind === 'checkin')).toHaveLength(3);
    expect(carried(proxy)).toBe(0);
    for (const b of [off, refused, local]) {
      expect((await cloudStatus(b.id)).status).toBe('arrived');
      expect(await cloudPhotos(b.idNumber)).toEqual([]);
    }
    // the photos taken stay at the kiosk
    expect(core.db.prepare(`SELECT COUNT(*) AS n FROM face_consents WHERE photo_file IS NOT NULL`).get()).toEqual({ n: 2 });
  });
});
