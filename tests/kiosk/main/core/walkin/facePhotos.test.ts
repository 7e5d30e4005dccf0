/**
 * Face photos at the kiosk (issue 10, src/main/core/face/facePhotos.ts) through the IPC contract on a real core
 * (SQLite, real files): consent and refusal recorded with the walk-in (text version, time, kiosk); the photo kept in
 * the data folder (0600, folder 0700), shown to staff only; a non-JPEG, an oversize body and absurd dimensions
 * refused with nothing changed; retention removes the consent and the photo with the visit.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatchIpcCall } from '../../../../../src/main/core/ipcHandlers';
import { createKioskCore, type KioskCore } from '../../../../../src/main/core/kioskCore';
import { checkJpeg, facePhotoDir } from '../../../../../src/main/core/face/facePhotos';
import { ipcCalls, type IpcInput } from '../../../../../src/shared/ipc';
import { addDeskHost, locallyEnrolledCore, output, tempDir } from '../../../../support/kiosk/helpers';

const JPEG = readFileSync(new URL('../../../../support/fixtures/faces/astronaut-head.jpg', import.meta.url));
const PNG = readFileSync(new URL('../../../../support/fixtures/faces/chelsea.png', import.meta.url));
const DECIDED = '2026-11-26T09:00:00.000Z';
const POSIX = process.platform !== 'win32';

describe('face photos at the kiosk (real SQLite, real files)', () => {
  let t: ReturnType<typeof tempDir>;
  let core: KioskCore;
  const call = <N extends keyof typeof ipcCalls>(name: N, input: IpcInput<N>) => dispatchIpcCall(core, name, input);
  const base = (face?: IpcInput<'walkin.register'>['face']): IpcInput<'walkin.register'> => ({
    lead: { identity: { source: 'typed', name: '王五', idType: 'resident_id', idNumber: '440306199003071232' }, phone: '13700001111' },
    hostId: 'host_1',
    reason: '商务洽谈',
    ...(face ? { face } : {}),
  });
  const granted = (bytes: Buffer = JPEG) => ({
    decision: 'granted' as const,
    textVersion: 'face-consent-1',
    decidedAt: DECIDED,
    photoJpegBase64: bytes.toString('base64'),
  });
  const consents = () => core.db.prepare('SELECT * FROM face_consents').all() as Record<string, unknown>[];
  const photos = () => {
    try {
      return readdirSync(facePhotoDir(core.dataDir));
    } catch {
      return [];
    }
  };
  const counts = () => ({
    visits: (core.db.prepare('SELECT count(*) AS n FROM visits').get() as { n: number }).n,
    consents: consents().length,
    photos: photos().length,
  });
  const staffSession = async (): Promise<string> => {
    const r = output('admin.setupPin', await call('admin.setupPin', { pin: '802461' }));
    return r.token;
  };

  beforeEach(async () => {
    t = tempDir();
    core = await locallyEnrolledCore(t.dir);
    addDeskHost(core.db);
  });

  afterEach(async () => {
    await core.close();
    t.cleanup();
  });

  it('keeps the photo in the data folder (0600), recorded with the visit and its consent, shown to staff only', async () => {
    const r = output('walkin.register', await call('walkin.register', base(granted())));
    const [row] = consents();
    expect(row).toMatchObject({
      booking_id: r.bookingId,
      visit_id: r.passes[0]?.visit.id,
      kiosk_id: r.passes[0]?.visit.kioskId,
      decision: 'granted',
      text_version: 'face-consent-1',
      decided_at: DECIDED,
    });
    const [file] = photos();
    expect(file).toMatch(/^[0-9a-f-]{36}\.jpg$/);
    const path = join(facePhotoDir(core.dataDir), file!);
    expect(readFileSync(path).equals(JPEG)).toBe(true);
    expect(path.startsWith(join(t.dir, 'face-photos'))).toBe(true);
    if (POSIX) {
      expect(statSync(path).mode & 0o777).toBe(0o600);
      expect(statSync(facePhotoDir(core.dataDir)).mode & 0o777).toBe(0o700);
    }

    // staff only: no session, a made-up one → refused; an unlocked session sees it
    const refused = await call('walkin.facePhoto', { session: 'x'.repeat(43), bookingId: r.bookingId });
    expect(refused).toMatchObject({ ok: false, error: { code: 'walkin_staff_only' } });
    const session = await staffSession();
    const seen = output('walkin.facePhoto', await call('walkin.facePhoto', { session, bookingId: r.bookingId }));
    expect(seen.face).toMatchObject({ decision: 'granted', textVersion: 'face-consent-1', decidedAt: DECIDED });
    expect(seen.face?.photoDataUrl).toBe(`data:image/jpeg;base64,${JPEG.toString('base64')}`);
    // by the lead's visit too (the staff's view of any checked-in visit)
    expect(output('walkin.facePhoto', await call('walkin.facePhoto', { session, visitId: r.passes[0]!.visit.id })).face).toEqual(seen.face);
    expect(await call('walkin.facePhoto', { session, bookingId: r.bookingId, visitId: r.passes[0]!.visit.id })).toMatchObject({
      ok: false,
      error: { code: 'bad_input' },
    });
  });

  it('records a refusal with the visit, without any photo, and the registration completes', async () => {
    const r = output('walkin.register', await call('walkin.register', base({ decision: 'refused', textVersion: 'face-consent-1', decidedAt: DECIDED })));
    expect(r.passes).toHaveLength(1);
    expect(consents()).toEqual([expect.objectContaining({ booking_id: r.bookingId, decision: 'refused', photo_file: null })]);
    expect(photos()).toEqual([]);
    const session = await staffSession();
    expect(output('walkin.facePhoto', await call('walkin.facePhoto', { session, bookingId: r.bookingId })).face).toEqual({
      decision: 'refused',
      textVersion: 'face-consent-1',
      decidedAt: DECIDED,
      kioskId: r.passes[0]?.visit.kioskId,
    });
  });

  it('refuses a photo with the refusal, a non-JPEG, an oversize body, absurd dimensions and a truncated JPEG, changing nothing', async () => {
    const absurd = Buffer.from(JPEG);
    // the SOF0 frame header's height and width (the fixture is baseline): 40000 × 40000
    const sof = absurd.indexOf(Buffer.from([0xff, 0xc0]));
    absurd.writeUInt16BE(40_000, sof + 5);
    absurd.writeUInt16BE(40_000, sof + 7);
    const oversize = Buffer.concat([JPEG.subarray(0, JPEG.length - 2), Buffer.alloc(100 * 1024), Buffer.from([0xff, 0xd9])]);
    const cases: [string, IpcInput<'walkin.register'>['face'], string][] = [
      ['a PNG', granted(PNG.subarray(0, 60_000)), 'walkin_photo_invalid'],
      ['absurd dimensions', granted(absurd), 'walkin_photo_invalid'],
      ['a truncated JPEG', granted(JPEG.subarray(0, JPEG.length - 100)), 'walkin_photo_invalid'],
      ['an oversize body', granted(oversize), 'bad_input'],
      ['a photo with a refusal', { ...granted(), decision: 'refused' }, 'bad_input'],
    ];
    for (const [what, face, code] of cases) {
      const r = await call('walkin.register', base(face));
      expect(r, what).toMatchObject({ ok: false, error: { code } });
      expect(counts(), what).toEqual({ visits: 0, consents: 0, photos: 0 });
    }
    expect(() => checkJpeg(Buffer.alloc(200_000, 0xff))).toThrow(/more than/);
    expect(checkJpeg(JPEG)).toEqual({ width: 240, height: 320 });
  });

  it('retention removes the consent and the photo with the visit', async () => {
    output('walkin.register', await call('walkin.register', base(granted())));
    output(
      'walkin.register',
      await call('walkin.register', {
        ...base({ decision: 'refused', textVersion: 'face-consent-1', decidedAt: DECIDED }),
        lead: { ...base().lead, identity: { source: 'typed', name: '赵六', idType: 'passport', idNumber: 'E12345678' } },
      }),
    );
    expect(counts()).toEqual({ visits: 2, consents: 2, photos: 1 });
    await core.close();
    // the retention period later (180 days by default) the core purges at start
    const later = new Date(Date.now() + 200 * 86_400_000);
    core = await createKioskCore({ dataDir: t.dir, autoSync: false, now: () => later });
    // the registrations' commands are still pending (offline): visits stay while their command waits, and so does the photo
    expect(counts()).toEqual({ visits: 2, consents: 2, photos: 1 });
    core.db.prepare(`UPDATE outbox SET state = 'sent'`).run();
    await core.close();
    core = await createKioskCore({ dataDir: t.dir, autoSync: false, now: () => later });
    expect(counts()).toEqual({ visits: 0, consents: 0, photos: 0 });
  });
});
