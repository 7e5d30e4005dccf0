/**
 * 替换注册照片 (issue 10, src/main/core/walkin/registeredPhotos.ts) through the IPC contract on a real core (SQLite,
 * real files): staff see a person's registered photo (their newest consented walk-in photo) found by phone, replace
 * it with one taken under consent — the new file 0600, the old one gone, the replacement in the admin audit, no image
 * bytes in the outbox (upload is off, the default: photoUpload.test.ts has it on) — and every bad input (no session, unknown person, no consent, a PNG, an
 * oversize body, absurd dimensions) is refused with nothing changed.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatchIpcCall } from '../../../../../src/main/core/ipcHandlers';
import type { KioskCore } from '../../../../../src/main/core/kioskCore';
import { facePhotoDir, purgeFaceData } from '../../../../../src/main/core/face/facePhotos';
import { ipcCalls, type IpcInput } from '../../../../../src/shared/ipc';
import { upsertBooking } from '../../../../../src/main/core/db/bookingsStore';
import { addDeskHost, locallyEnrolledCore, makeBooking, output, tempDir } from '../../../../support/kiosk/helpers';

const JPEG = readFileSync(new URL('../../../../support/fixtures/faces/astronaut-head.jpg', import.meta.url));
const PNG = readFileSync(new URL('../../../../support/fixtures/faces/chelsea.png', import.meta.url));
/** another valid JPEG: a comment segment after SOI */
const NEW_JPEG = Buffer.concat([JPEG.subarray(0, 2), Buffer.from([0xff, 0xfe, 0x00, 0x07]), Buffer.from('desk!'), JPEG.subarray(2)]);
const DECIDED = '2026-11-26T09:00:00.000Z';
const PHONE = '13700001111';
const POSIX = process.platform !== 'win32';

describe('replacing a registered photo (real SQLite, real files)', () => {
  let t: ReturnType<typeof tempDir>;
  let core: KioskCore;
  const call = <N extends keyof typeof ipcCalls>(name: N, input: IpcInput<N>) => dispatchIpcCall(core, name, input);
  const granted = (bytes: Buffer = JPEG) => ({
    decision: 'granted' as const,
    textVersion: 'face-consent-1',
    decidedAt: DECIDED,
    photoJpegBase64: bytes.toString('base64'),
  });
  const photos = (): string[] => {
    try {
      return readdirSync(facePhotoDir(core.dataDir)).sort();
    } catch {
      return [];
    }
  };
  const outbox = () => core.db.prepare('SELECT kind, payload FROM outbox ORDER BY seq').all() as { kind: string; payload: string }[];
  const state = () => ({
    photos: photos(),
    registered: core.db.prepare('SELECT * FROM registered_photos').all(),
    consents: core.db.prepare('SELECT photo_file FROM face_consents').all(),
    outbox: outbox().length,
  });
  const register = async (face?: ReturnType<typeof granted>) =>
    output(
      'walkin.register',
      await call('walkin.register', {
        lead: { identity: { source: 'typed', name: '王五', idType: 'resident_id', idNumber: '440306199003071232' }, phone: PHONE },
        hostId: 'host_1',
        reason: '商务洽谈',
        ...(face ? { face } : {}),
      }),
    );
  const staffSession = async (): Promise<string> => output('admin.setupPin', await call('admin.setupPin', { pin: '802461' })).token;

  beforeEach(async () => {
    t = tempDir();
    core = await locallyEnrolledCore(t.dir);
    addDeskHost(core.db);
  });

  afterEach(async () => {
    await core.close();
    t.cleanup();
  });

  it('a booked check-in’s photo is the registered one too (source checkin), and is replaced like a walk-in’s', async () => {
    upsertBooking(core.db, makeBooking({ id: 'b_face', code: 'FACE2345' }, new Date()));
    output('checkin.confirm', await call('checkin.confirm', { bookingId: 'b_face', face: granted() }));
    const [checkInFile] = photos();
    const session = await staffSession();
    const seen = output('walkin.registeredPhoto', await call('walkin.registeredPhoto', { session, phone: '13812345678' }));
    expect(seen.photo).toMatchObject({ source: 'checkin', photoDataUrl: `data:image/jpeg;base64,${JPEG.toString('base64')}` });
    output('walkin.replacePhoto', await call('walkin.replacePhoto', { session, phone: '13812345678', face: granted(NEW_JPEG) }));
    expect(photos()).not.toContain(checkInFile);
    expect(core.db.prepare(`SELECT photo_file FROM face_consents WHERE booking_id = 'b_face'`).get()).toEqual({ photo_file: null });
    const now = output('walkin.registeredPhoto', await call('walkin.registeredPhoto', { session, phone: '13812345678' }));
    expect(now.photo?.source).toBe('replaced');
  });

  it('shows the walk-in photo as the registered one, replaces it (old file gone, new 0600, audited), and again', async () => {
    await register(granted());
    const [walkInFile] = photos();
    const session = await staffSession();

    const seen = output('walkin.registeredPhoto', await call('walkin.registeredPhoto', { session, phone: PHONE }));
    expect(seen.person).toMatchObject({ matchedBy: 'phone', nameMasked: '王*', phoneMasked: '137****1111' });
    expect(seen.person.idMasked).not.toContain('199003071');
    expect(seen.photo).toEqual({
      source: 'walkin',
      textVersion: 'face-consent-1',
      decidedAt: DECIDED,
      photoDataUrl: `data:image/jpeg;base64,${JPEG.toString('base64')}`,
    });

    const before = outbox().length;
    const r = output('walkin.replacePhoto', await call('walkin.replacePhoto', { session, phone: PHONE, face: granted(NEW_JPEG) }));
    expect(r.replaced).toBe(true);
    const after = photos();
    expect(after).toHaveLength(1);
    expect(after).not.toContain(walkInFile);
    const path = join(facePhotoDir(core.dataDir), after[0]!);
    expect(readFileSync(path).equals(NEW_JPEG)).toBe(true);
    if (POSIX) expect(statSync(path).mode & 0o777).toBe(0o600);
    // the walk-in's consent stands; its photo is no longer named
    expect(core.db.prepare('SELECT decision, photo_file FROM face_consents').all()).toEqual([{ decision: 'granted', photo_file: null }]);
    expect(core.db.prepare('SELECT replaced_by, photo_file, text_version FROM registered_photos').all()).toEqual([
      { replaced_by: 'admin', photo_file: after[0], text_version: 'face-consent-1' },
    ]);

    // the audit: one adminAudit entry, who and when, the person masked; no image bytes anywhere in the outbox
    const added = outbox().slice(before);
    expect(added.map((c) => c.kind)).toEqual(['adminAudit']);
    const audit = JSON.parse(added[0]!.payload) as { action: string; detail: Record<string, unknown> };
    expect(audit).toEqual({
      action: 'facePhoto.replaced',
      detail: { role: 'admin', matchedBy: 'phone', person: '王*', hadPhoto: true, source: 'walkin', uploaded: false, at: r.replacedAt },
    });
    for (const c of outbox()) {
      for (const bytes of [JPEG, NEW_JPEG]) {
        expect(c.payload).not.toContain(bytes.toString('base64').slice(0, 64));
        expect(c.payload).not.toContain(bytes.subarray(0, 64).toString('hex'));
      }
      expect(c.payload).not.toContain('/9j/'); // the base64 of any JPEG starts so
    }

    // the registered photo is now the desk's; replacing it again deletes that file once
    const now = output('walkin.registeredPhoto', await call('walkin.registeredPhoto', { session, phone: PHONE }));
    expect(now.photo?.source).toBe('replaced');
    expect(now.photo?.photoDataUrl).toBe(`data:image/jpeg;base64,${NEW_JPEG.toString('base64')}`);
    output('walkin.replacePhoto', await call('walkin.replacePhoto', { session, phone: PHONE, face: granted(JPEG) }));
    const third = photos();
    expect(third).toHaveLength(1);
    expect(third).not.toContain(after[0]);
    expect(core.db.prepare('SELECT count(*) AS n FROM registered_photos').get()).toEqual({ n: 1 });

    // retention's sweep of unnamed files keeps a registered photo while its person's visit is here
    expect(purgeFaceData(core.db, facePhotoDir(core.dataDir), '2999-01-01T00:00:00.000Z').photos).toBe(0);
    expect(photos()).toEqual(third);
  });

  it('a person without any photo gets one (replaced: false)', async () => {
    await register();
    const session = await staffSession();
    expect(output('walkin.registeredPhoto', await call('walkin.registeredPhoto', { session, phone: PHONE })).photo).toBeNull();
    const r = output('walkin.replacePhoto', await call('walkin.replacePhoto', { session, phone: PHONE, face: granted() }));
    expect(r.replaced).toBe(false);
    expect(photos()).toHaveLength(1);
  });

  it('refuses no session, an unknown person, no consent, a PNG, an oversize body and absurd dimensions, changing nothing', async () => {
    await register(granted());
    const session = await staffSession();
    const absurd = Buffer.from(JPEG);
    const sof = absurd.indexOf(Buffer.from([0xff, 0xc0]));
    absurd.writeUInt16BE(40_000, sof + 5);
    absurd.writeUInt16BE(40_000, sof + 7);
    const oversize = Buffer.concat([JPEG.subarray(0, JPEG.length - 2), Buffer.alloc(100 * 1024), Buffer.from([0xff, 0xd9])]);
    const before = state();
    const cases: [string, IpcInput<'walkin.replacePhoto'>, string][] = [
      ['no session', { session: 'x'.repeat(43), phone: PHONE, face: granted(NEW_JPEG) }, 'walkin_staff_only'],
      ['an unknown person', { session, phone: '13800009999', face: granted(NEW_JPEG) }, 'walkin_person_unknown'],
      [
        'a refusal',
        { session, phone: PHONE, face: { decision: 'refused', textVersion: 'face-consent-1', decidedAt: DECIDED } },
        'walkin_photo_consent_missing',
      ],
      [
        'consent without a photo',
        { session, phone: PHONE, face: { decision: 'granted', textVersion: 'face-consent-1', decidedAt: DECIDED } },
        'walkin_photo_consent_missing',
      ],
      ['a PNG', { session, phone: PHONE, face: granted(PNG.subarray(0, 60_000)) }, 'walkin_photo_invalid'],
      ['absurd dimensions', { session, phone: PHONE, face: granted(absurd) }, 'walkin_photo_invalid'],
      ['an oversize body', { session, phone: PHONE, face: granted(oversize) }, 'bad_input'],
      ['neither card nor phone', { session, face: granted(NEW_JPEG) }, 'bad_input'],
      ['a photo with a refusal', { session, phone: PHONE, face: { ...granted(NEW_JPEG), decision: 'refused' } }, 'bad_input'],
    ];
    for (const [what, input, code] of cases) {
      expect(await call('walkin.replacePhoto', input), what).toMatchObject({ ok: false, error: { code } });
      expect(state(), what).toEqual(before);
    }
    expect(await call('walkin.registeredPhoto', { session: 'x'.repeat(43), phone: PHONE })).toMatchObject({ ok: false, error: { code: 'walkin_staff_only' } });
    expect(await call('walkin.registeredPhoto', { session, phone: '13800009999' })).toMatchObject({ ok: false, error: { code: 'walkin_person_unknown' } });
    // a locked session is no session
    output('admin.lock', await call('admin.lock', { session }));
    expect(await call('walkin.replacePhoto', { session, phone: PHONE, face: granted(NEW_JPEG) })).toMatchObject({
      ok: false,
      error: { code: 'walkin_staff_only' },
    });
    expect(state()).toEqual(before);
  });
});
