/**
 * The face photo at booked check-in (issue 10 item 6; src/main/core/checkin.ts with src/main/core/face/facePhotos.ts)
 * through the IPC contract on a real core (SQLite, real files) with a real device manager whose ESC/POS printer is
 * the simulator on a socat pty: consent and refusal recorded with the visit (text version, time, kiosk); the photo
 * and its pass thumbnail kept 0600 in the data folder, shown to staff only by visit; a bad photo refused with
 * nothing changed; the printed pass carries the photo as a raster image, a refusal's pass none; retention removes
 * the consent and both files with the visit.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatchIpcCall } from '../../../../src/main/core/ipcHandlers';
import { createKioskCore, type KioskCore } from '../../../../src/main/core/kioskCore';
import { facePhotoDir } from '../../../../src/main/core/face/facePhotos';
import { savePullProgress } from '../../../../src/main/core/db/syncStateStore';
import { createDeviceManager, type DeviceManager } from '../../../../src/main/devices/manager/deviceManager';
import { imageBlackDots } from '../../../../src/main/devices/printer/decoder';
import { servePrinterOnPty, type PrinterOnPty } from '../../../../src/main/devices/printer/simulator';
import { KioskDeviceSettings } from '../../../../src/shared/domain';
import { PASS_THUMBNAIL_HEIGHT, PASS_THUMBNAIL_WIDTH, type FaceConsentInput } from '../../../../src/shared/facePhoto';
import { ipcCalls, type IpcInput } from '../../../../src/shared/ipc';
import { pluggableDevices, type PluggableDevices } from '../../../support/pluggableDevices';
import { locallyEnrolledCore, makeBooking, output, seedHostAndBookings, tempDir } from '../../../support/kiosk/helpers';

const JPEG = readFileSync(new URL('../../../support/fixtures/faces/astronaut-head.jpg', import.meta.url));
const PNG = readFileSync(new URL('../../../support/fixtures/faces/chelsea.png', import.meta.url));
const DECIDED = '2026-11-26T09:00:00.000Z';
const POSIX = process.platform !== 'win32';
const SITE = { id: 'site_local', name: '星河科技园', timezone: 'Asia/Shanghai' };

/** A thumbnail as the renderer makes it: a dark oval (a head) on light gray. */
function thumbnail(): NonNullable<FaceConsentInput['passThumbnail']> {
  const w = PASS_THUMBNAIL_WIDTH;
  const h = PASS_THUMBNAIL_HEIGHT;
  const gray = Buffer.alloc(w * h, 220);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) if (((x - w / 2) / (w * 0.3)) ** 2 + ((y - h * 0.4) / (h * 0.3)) ** 2 <= 1) gray[y * w + x] = 40;
  return { width: w, height: h, grayBase64: gray.toString('base64') };
}

const granted = (over: Partial<FaceConsentInput> = {}): FaceConsentInput => ({
  decision: 'granted',
  textVersion: 'face-consent-1',
  decidedAt: DECIDED,
  photoJpegBase64: JPEG.toString('base64'),
  passThumbnail: thumbnail(),
  ...over,
});
const refused: FaceConsentInput = { decision: 'refused', textVersion: 'face-consent-1', decidedAt: DECIDED };

describe('the face photo at booked check-in (real SQLite, real files, printer simulator on a pty)', () => {
  let t: ReturnType<typeof tempDir>;
  let core: KioskCore;
  let devices: PluggableDevices;
  let manager: DeviceManager | undefined;
  let printer: PrinterOnPty | undefined;
  const call = <N extends keyof typeof ipcCalls>(name: N, input: IpcInput<N>) => dispatchIpcCall(core, name, input);
  const checkIn = (face?: FaceConsentInput, bookingId = 'b_visitor') => call('checkin.confirm', { bookingId, ...(face ? { face } : {}) });
  const consents = () => core.db.prepare('SELECT * FROM face_consents').all() as Record<string, unknown>[];
  const files = () => {
    try {
      return readdirSync(facePhotoDir(core.dataDir)).sort();
    } catch {
      return [];
    }
  };
  const counts = () => ({
    visits: (core.db.prepare('SELECT count(*) AS n FROM visits').get() as { n: number }).n,
    consents: consents().length,
    files: files().length,
  });
  const staffSession = async (): Promise<string> => output('admin.setupPin', await call('admin.setupPin', { pin: '802461' })).token;

  async function attachPrinter(raster?: boolean): Promise<PrinterOnPty> {
    printer = await servePrinterOnPty({ idleFlushMs: 200 });
    const settings = KioskDeviceSettings.parse({
      printer: { kind: 'escpos-serial', port: printer.path, paperWidthMm: 58, ...(raster === undefined ? {} : { raster }) },
    });
    manager = createDeviceManager({ settings, autoDetect: false, printer: { statusTimeoutMs: 300 } });
    devices.plug(manager);
    await manager.start();
    return printer;
  }

  beforeEach(async () => {
    t = tempDir();
    core = await locallyEnrolledCore(t.dir, { devices: (devices = pluggableDevices()) });
    const now = new Date();
    savePullProgress(core.db, 'c0', now.toISOString(), SITE);
    seedHostAndBookings(
      core.db,
      [
        makeBooking({ id: 'b_visitor', code: 'ABCD2345' }, now),
        makeBooking({ id: 'b_other', code: 'EFGH2345', visitor: { name: '欧阳小明', phone: '13822223333', idType: 'resident_id' } }, now),
      ],
      now,
    );
  });

  afterEach(async () => {
    await core.close();
    await printer?.close();
    manager = printer = undefined;
    t.cleanup();
  });

  it('records the consent with the visit, keeps the photo and its thumbnail 0600, shows it to staff by visit, prints it', async () => {
    const { visit } = output('checkin.confirm', await checkIn(granted()));
    expect(consents()).toEqual([
      expect.objectContaining({
        booking_id: 'b_visitor',
        visit_id: visit.id,
        kiosk_id: visit.kioskId,
        decision: 'granted',
        text_version: 'face-consent-1',
        decided_at: DECIDED,
      }),
    ]);
    const [jpg, pgm] = files().sort((a, b) => (a.endsWith('.jpg') ? -1 : b.endsWith('.jpg') ? 1 : 0));
    expect(jpg).toMatch(/^[0-9a-f-]{36}\.jpg$/);
    expect(pgm).toBe(jpg!.replace('.jpg', '.pgm'));
    expect(readFileSync(join(facePhotoDir(core.dataDir), jpg!)).equals(JPEG)).toBe(true);
    if (POSIX) for (const f of [jpg!, pgm!]) expect(statSync(join(facePhotoDir(core.dataDir), f)).mode & 0o777).toBe(0o600);

    // staff only, by the visit's id
    expect(await call('walkin.facePhoto', { session: 'x'.repeat(43), visitId: visit.id })).toMatchObject({ ok: false, error: { code: 'walkin_staff_only' } });
    const session = await staffSession();
    const seen = output('walkin.facePhoto', await call('walkin.facePhoto', { session, visitId: visit.id.toUpperCase() }));
    expect(seen.face).toMatchObject({ decision: 'granted', textVersion: 'face-consent-1', decidedAt: DECIDED, kioskId: visit.kioskId });
    expect(seen.face?.photoDataUrl).toBe(`data:image/jpeg;base64,${JPEG.toString('base64')}`);
    expect(output('walkin.facePhoto', await call('walkin.facePhoto', { session, bookingId: 'b_visitor' })).face?.decision).toBe('granted');

    // the printed pass: the rule, then the photo scaled to the 58 mm layout's 104 dots and dithered
    const sim = await attachPrinter();
    const job = sim.sim.nextJob();
    output('pass.print', await call('pass.print', { visitId: visit.id }));
    const j = await job;
    expect(j.errors).toEqual([]);
    expect(j.images).toHaveLength(2);
    expect(j.images[1]).toMatchObject({ widthDots: 104, bytesPerRow: 13, rows: Math.round((PASS_THUMBNAIL_HEIGHT * 104) / PASS_THUMBNAIL_WIDTH) });
    const black = imageBlackDots(j.images[1]!) / (104 * j.images[1]!.rows);
    expect(black).toBeGreaterThan(0.05);
    expect(black).toBeLessThan(0.95);
  });

  it('records a refusal with the visit, keeps no file, checks in and prints the pass without a photo', async () => {
    const { visit } = output('checkin.confirm', await checkIn(refused));
    expect(consents()).toEqual([expect.objectContaining({ booking_id: 'b_visitor', visit_id: visit.id, decision: 'refused', photo_file: null })]);
    expect(files()).toEqual([]);
    const session = await staffSession();
    expect(output('walkin.facePhoto', await call('walkin.facePhoto', { session, visitId: visit.id })).face).toEqual({
      decision: 'refused',
      textVersion: 'face-consent-1',
      decidedAt: DECIDED,
      kioskId: visit.kioskId,
    });
    const sim = await attachPrinter();
    const job = sim.sim.nextJob();
    output('pass.print', await call('pass.print', { visitId: visit.id }));
    expect((await job).images.map((i) => i.widthDots)).toEqual([384]);

    // not asked (no `face`): no consent row, and the staff call says so
    const other = output('checkin.confirm', await checkIn(undefined, 'b_other'));
    expect(output('walkin.facePhoto', await call('walkin.facePhoto', { session, visitId: other.visit.id })).face).toBeNull();
    expect(consents()).toHaveLength(1);
  });

  it('a printer without raster prints the consented pass without the photo (and a rule of dashes)', async () => {
    const { visit } = output('checkin.confirm', await checkIn(granted()));
    const sim = await attachPrinter(false);
    const job = sim.sim.nextJob();
    output('pass.print', await call('pass.print', { visitId: visit.id }));
    const j = await job;
    expect(j.images).toEqual([]);
    expect(j.lines.map((l) => l.text)).toContain('-'.repeat(32));
    expect(j.qr).toHaveLength(1);
  });

  it('refuses a non-JPEG, a photo with a refusal, a thumbnail of the wrong size or without its photo, changing nothing', async () => {
    const short = { ...thumbnail(), height: 150 };
    const cases: [string, FaceConsentInput, string][] = [
      ['a PNG', granted({ photoJpegBase64: PNG.subarray(0, 60_000).toString('base64') }), 'walkin_photo_invalid'],
      ['a truncated JPEG', granted({ photoJpegBase64: JPEG.subarray(0, JPEG.length - 100).toString('base64') }), 'walkin_photo_invalid'],
      ['a photo with a refusal', { ...granted(), decision: 'refused' }, 'bad_input'],
      ['a thumbnail of the wrong size', granted({ passThumbnail: short }), 'bad_input'],
      ['a thumbnail without its photo', { ...refused, passThumbnail: thumbnail() }, 'bad_input'],
    ];
    for (const [what, face, code] of cases) {
      expect(await checkIn(face), what).toMatchObject({ ok: false, error: { code } });
      expect(counts(), what).toEqual({ visits: 0, consents: 0, files: 0 });
      expect(output('bookings.get', await call('bookings.get', { bookingId: 'b_visitor' })).status, what).toBe('approved');
    }
  });

  it('a repeated confirmation records the consent once', async () => {
    const visitId = '0d7f6a52-2c1e-4b8a-9e3f-5a6b7c8d9e0f';
    const first = output('checkin.confirm', await call('checkin.confirm', { bookingId: 'b_visitor', visitId, face: granted() }));
    const again = output('checkin.confirm', await call('checkin.confirm', { bookingId: 'b_visitor', visitId, face: granted() }));
    expect(again.visit.id).toBe(first.visit.id);
    expect(counts()).toEqual({ visits: 1, consents: 1, files: 2 });
  });

  it('retention removes the consent, the photo and its thumbnail with the visit', async () => {
    output('checkin.confirm', await checkIn(granted()));
    output('checkin.confirm', await checkIn(refused, 'b_other'));
    expect(counts()).toEqual({ visits: 2, consents: 2, files: 2 });
    core.db.prepare(`UPDATE outbox SET state = 'sent'`).run();
    await core.close();
    // the retention period later (180 days by default) the core purges at start
    const later = new Date(Date.now() + 200 * 86_400_000);
    core = await createKioskCore({ dataDir: t.dir, autoSync: false, now: () => later });
    expect(counts()).toEqual({ visits: 0, consents: 0, files: 0 });
  });
});
