/**
 * Registered photos in the cloud's visitor library (issue 10, `uploadVisitorPhoto`, src/cloud/services/visitorPhotos.ts),
 * on SQLite and PostgreSQL: refused while the site's policy does not allow upload (the default) with nothing stored;
 * allowed, one photo per visitor, a retried command stored once, a newer photo replacing the older one's row and bytes,
 * an older one arriving late not replacing a newer; a non-JPEG, a photo over 100 KB, absurd dimensions and a 20 MB
 * body refused with their codes and nothing changed; the policy's layers (a site lock holds against the kiosk layer);
 * the admin route serving the photo as image/jpeg to admins only; a booked check-in's photo stored only once its
 * check-in is applied, for the visitor that check-in put in the library.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { blacklistIdNumberKey, blacklistPhoneKey } from '../../../../src/shared/blacklistKey';
import type { PolicyLayer } from '../../../../src/shared/policy';
import { CommandBody, type CommandResult, type PushResponse, type SignedCommand } from '../../../../src/shared/sync';
import { ADMIN_TOKEN, checkin, DIALECTS, freshEnvPerTest, signCommand, type CloudTestEnv, type Kiosk } from '../../../support/cloud/harness';
import { LEAD_ID, registration, walkIn } from '../../../support/cloud/walkInFixtures';
import { faceJpegWithDimensions as withDimensions } from '../../../support/faces/jpegDimensions';

const JPEG = readFileSync(new URL('../../../support/fixtures/faces/astronaut-head.jpg', import.meta.url));
const PNG = readFileSync(new URL('../../../support/fixtures/faces/chelsea.png', import.meta.url));
/** another valid JPEG of the same picture: a comment segment after SOI */
const withComment = (text: string): Buffer =>
  Buffer.concat([JPEG.subarray(0, 2), Buffer.from([0xff, 0xfe, 0x00, text.length + 2]), Buffer.from(text), JPEG.subarray(2)]);
const NEWER = withComment('newer');
/** a JPEG over 100 KB: comment segments (64 KB each at most) after SOI */
const OVERSIZE = Buffer.concat([
  JPEG.subarray(0, 2),
  ...[0, 1].map(() => Buffer.concat([Buffer.from([0xff, 0xfe, 0xff, 0xff]), Buffer.alloc(0xfffd, 0x20)])),
  JPEG.subarray(2),
]);
const ID_KEY = blacklistIdNumberKey(LEAD_ID);
const PHONE_KEY = blacklistPhoneKey('13912345678');

describe.each(DIALECTS)('uploadVisitorPhoto (%s)', (dialect) => {
  let env: CloudTestEnv;
  freshEnvPerTest(dialect, (e) => (env = e));

  const command = async (
    kiosk: Kiosk,
    bytes: Buffer,
    over: Partial<{ id: string; at: string; idKey: string; phoneKey: string; source: 'checkin'; bookingId: string }> = {},
  ) => {
    const body = CommandBody.parse({
      kind: 'uploadVisitorPhoto',
      payload: {
        ...(over.phoneKey !== undefined ? { phoneKey: over.phoneKey } : { idKey: over.idKey ?? ID_KEY }),
        source: over.source ?? 'walkin',
        ...(over.bookingId !== undefined ? { bookingId: over.bookingId } : {}),
        consent: { textVersion: 'face-consent-upload-1', decidedAt: '2026-11-22T02:04:00.000Z' },
        photoJpegBase64: bytes.toString('base64'),
      },
    });
    return signCommand(kiosk, { id: over.id ?? randomUUID(), kioskId: kiosk.kioskId, at: over.at ?? '2026-11-22T02:05:00.000Z', ...body });
  };
  const push = async (kiosk: Kiosk, commands: SignedCommand[]): Promise<CommandResult[]> => {
    const res = await env.request('POST', '/sync/push', { token: kiosk.credential, body: { commands } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<PushResponse>().results;
  };
  const upload = async (kiosk: Kiosk, bytes: Buffer, over: Parameters<typeof command>[2] = {}) => (await push(kiosk, [await command(kiosk, bytes, over)]))[0]!;
  const setPolicy = async (scope: 'sites' | 'kiosks', id: string, layer: PolicyLayer) => {
    const res = await env.request('POST', `/admin/${scope}/${id}/policy`, { token: ADMIN_TOKEN, body: layer });
    expect(res.statusCode, res.body).toBe(200);
  };
  const allowUpload = () => setPolicy('sites', 'site_test', { values: { faceUploadAllowed: true }, locked: [] });
  const stored = () => env.kysely.selectFrom('visitor_photos').selectAll().execute();
  const photoCommands = async () =>
    (await env.kysely.selectFrom('applied_commands').select(['id', 'status', 'code']).where('kind', '=', 'uploadVisitorPhoto').execute()).length;
  const photoOf = (query: string, token = ADMIN_TOKEN) =>
    env.app.inject({ method: 'GET', url: `/api/v1/admin/sites/site_test/visitor-photo?${query}`, headers: { authorization: `Bearer ${token}` } });

  /** a kiosk whose walk-in put 张伟 in the site's visitor library */
  const kioskWithVisitor = async (): Promise<Kiosk> => {
    const host = await env.createHost();
    const kiosk = await env.enrolKiosk();
    expect(await walkIn(env, kiosk, registration(host))).toMatchObject({ status: 'applied' });
    return kiosk;
  };

  it('is refused while the site’s policy does not allow upload (the default): no photo stored', async () => {
    const kiosk = await kioskWithVisitor();
    expect(await upload(kiosk, JPEG)).toMatchObject({ status: 'rejected', code: 'photo_upload_off' });
    expect(await stored()).toEqual([]);
    expect((await photoOf(`idKey=${ID_KEY}`)).statusCode).toBe(404);
  });

  it('allowed: one photo per visitor, a retry stored once, a newer one replacing the older’s bytes, an older one arriving late not', async () => {
    const kiosk = await kioskWithVisitor();
    await allowUpload();
    const first = await command(kiosk, JPEG);
    expect((await push(kiosk, [first]))[0]).toMatchObject({ status: 'applied' });
    // the same command again (a push whose reply was lost): a duplicate, stored once
    expect((await push(kiosk, [first]))[0]).toMatchObject({ status: 'duplicate' });
    let rows = await stored();
    expect(rows).toHaveLength(1);
    expect(Buffer.from(rows[0]!.jpeg).equals(JPEG)).toBe(true);
    expect(rows[0]).toMatchObject({
      command_id: first.id,
      width: 240,
      height: 320,
      bytes: JPEG.length,
      kiosk_id: kiosk.kioskId,
      consent_text_version: 'face-consent-upload-1',
    });

    const served = await photoOf(`idKey=${ID_KEY}`);
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/jpeg');
    expect(served.headers['cache-control']).toBe('no-store');
    expect(served.rawPayload.equals(JPEG)).toBe(true);
    // by the phone's key too (the library's entry is keyed by the ID; its phone key finds nobody else)
    expect((await photoOf(`phoneKey=${PHONE_KEY}`)).statusCode).toBe(404);

    // staff replaced it later: the newer replaces the row and the bytes
    expect(await upload(kiosk, NEWER, { at: '2026-11-22T03:00:00.000Z' })).toMatchObject({ status: 'applied', code: 'photo_replaced' });
    rows = await stored();
    expect(rows).toHaveLength(1);
    expect(Buffer.from(rows[0]!.jpeg).equals(NEWER)).toBe(true);
    expect((await photoOf(`idKey=${ID_KEY}`)).rawPayload.equals(NEWER)).toBe(true);
    // an offline kiosk's older photo reaches the cloud afterwards: the newer stays
    expect(await upload(kiosk, withComment('older'), { at: '2026-11-22T02:30:00.000Z' })).toMatchObject({ status: 'applied', code: 'photo_older_kept' });
    rows = await stored();
    expect(rows).toHaveLength(1);
    expect(Buffer.from(rows[0]!.jpeg).equals(NEWER)).toBe(true);
  });

  it('refuses a non-JPEG, a photo over 100 KB and absurd dimensions, each with its code, changing nothing', async () => {
    const kiosk = await kioskWithVisitor();
    await allowUpload();
    expect(await upload(kiosk, JPEG)).toMatchObject({ status: 'applied' });
    const before = await stored();
    expect(OVERSIZE.length).toBeGreaterThan(100 * 1024);
    const cases: [Buffer, string][] = [
      [PNG.subarray(0, 4096), 'photo_not_jpeg'],
      [PNG, 'photo_too_large'],
      [Buffer.from('not a photo at all, just words '.repeat(10)), 'photo_not_jpeg'],
      [JPEG.subarray(0, JPEG.length - 100), 'photo_not_jpeg'],
      [OVERSIZE, 'photo_too_large'],
      [withDimensions(30000, 40000), 'photo_dimensions'],
      [withDimensions(48, 64), 'photo_dimensions'],
      [withDimensions(0, 0), 'photo_dimensions'],
    ];
    for (const [bytes, code] of cases) {
      const result = await upload(kiosk, bytes, { at: '2026-11-22T04:00:00.000Z' });
      expect(result, code).toMatchObject({ status: 'rejected', code });
      expect(result.message, code).toMatch(/\S/);
    }
    expect(await stored()).toEqual(before);
  });

  it('refuses a 20 MB push with 413 body_too_large before reading it: nothing applied', async () => {
    const kiosk = await kioskWithVisitor();
    await allowUpload();
    const applied = await env.count('applied_commands');
    const big = await command(kiosk, JPEG);
    const body = JSON.stringify({ commands: [{ ...big, payload: { ...big.payload, photoJpegBase64: 'A'.repeat(20 * 1024 * 1024) } }] });
    const res = await env.request('POST', '/sync/push', { token: kiosk.credential, rawBody: body });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ error: 'body_too_large' });
    expect(await env.count('applied_commands')).toBe(applied);
    expect(await stored()).toEqual([]);
  });

  it('refuses a photo of someone not in the visitor library', async () => {
    const kiosk = await kioskWithVisitor();
    await allowUpload();
    const result = await upload(kiosk, JPEG, { idKey: blacklistIdNumberKey('110105194912310037') });
    expect(result).toMatchObject({ status: 'rejected', code: 'visitor_unknown' });
    expect(await stored()).toEqual([]);
  });

  it('a booked check-in’s photo: refused until its check-in is applied, then stored for the visitor that check-in put in the library', async () => {
    const host = await env.createHost();
    const kiosk = await env.enrolKiosk();
    await allowUpload();
    const booking = await env.approvedBooking(host);
    const photo = (over: Parameters<typeof command>[2] = {}) => upload(kiosk, JPEG, { source: 'checkin', bookingId: booking.id, ...over });
    // pushed before its check-in (or after one the cloud refused): nobody to store it for
    expect(await photo()).toMatchObject({ status: 'rejected', code: 'visitor_unknown' });
    expect(await stored()).toEqual([]);
    expect(await photo({ bookingId: 'bk_nope' })).toMatchObject({ status: 'rejected', code: 'booking_unknown' });
    // a check-in photo names its booking
    const unnamed = { idKey: ID_KEY, source: 'checkin', consent: { textVersion: 'face-consent-upload-1', decidedAt: '2026-11-22T02:04:00.000Z' } };
    expect(CommandBody.safeParse({ kind: 'uploadVisitorPhoto', payload: { ...unnamed, photoJpegBase64: JPEG.toString('base64') } }).success).toBe(false);

    expect((await push(kiosk, [await signCommand(kiosk, checkin(kiosk, booking.id))]))[0]).toMatchObject({ status: 'applied' });
    // keys that are not the booking's visitor's are refused, even of someone else in the library
    expect(await photo({ idKey: blacklistIdNumberKey('110105194912310037') })).toMatchObject({ status: 'rejected', code: 'visitor_unknown' });
    expect(await photo({ phoneKey: PHONE_KEY })).toMatchObject({ status: 'applied' });
    const rows = await stored();
    expect(rows).toHaveLength(1);
    const visitor = await env.kysely.selectFrom('bookings').select('visitor_id').where('id', '=', booking.id).executeTakeFirstOrThrow();
    expect(rows[0]).toMatchObject({ visitor_id: visitor.visitor_id, source: 'checkin' });
    expect((await photoOf(`idKey=${ID_KEY}`)).rawPayload.equals(JPEG)).toBe(true);
  });

  it('a photo command leaves no ID number, key or image bytes in the command log or the audit: the bytes are only in visitor_photos', async () => {
    const kiosk = await kioskWithVisitor();
    await allowUpload();
    expect(await upload(kiosk, JPEG)).toMatchObject({ status: 'applied' });
    const log = JSON.stringify(await env.kysely.selectFrom('applied_commands').selectAll().where('kind', '=', 'uploadVisitorPhoto').execute());
    const audit = JSON.stringify(await env.kysely.selectFrom('audit_log').selectAll().execute());
    for (const text of [log, audit]) {
      expect(text).not.toContain(LEAD_ID);
      expect(text).not.toContain(ID_KEY);
      expect(text).not.toContain(JPEG.toString('base64').slice(0, 64));
    }
    expect(await photoCommands()).toBe(1);
  });

  it('follows the policy’s layers: a kiosk layer turns it off unless the site locks it on', async () => {
    const kiosk = await kioskWithVisitor();
    await allowUpload();
    await setPolicy('kiosks', kiosk.kioskId, { values: { faceUploadAllowed: false }, locked: [] });
    expect(await upload(kiosk, JPEG)).toMatchObject({ status: 'rejected', code: 'photo_upload_off' });
    expect(await stored()).toEqual([]);
    await setPolicy('sites', 'site_test', { values: { faceUploadAllowed: true }, locked: ['faceUploadAllowed'] });
    expect(await upload(kiosk, JPEG)).toMatchObject({ status: 'applied' });
    expect(await stored()).toHaveLength(1);
  });

  it('serves the photo to admins only', async () => {
    const kiosk = await kioskWithVisitor();
    await allowUpload();
    expect(await upload(kiosk, JPEG)).toMatchObject({ status: 'applied' });
    expect((await photoOf(`idKey=${ID_KEY}`, kiosk.credential)).statusCode).toBe(403);
    const host = await env.createHost({ name: '王芳', phone: '13800138002' });
    expect((await photoOf(`idKey=${ID_KEY}`, await env.hostToken(host.id))).statusCode).toBe(403);
    expect((await env.app.inject({ method: 'GET', url: `/api/v1/admin/sites/site_test/visitor-photo?idKey=${ID_KEY}` })).statusCode).toBe(401);
    expect((await photoOf('')).statusCode).toBe(400);
    const other = await env.app.inject({
      method: 'GET',
      url: `/api/v1/admin/sites/site_nope/visitor-photo?idKey=${ID_KEY}`,
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect(other.statusCode).toBe(404);
  });
});
