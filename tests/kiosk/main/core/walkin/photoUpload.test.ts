/**
 * Face photos and the cloud (issue 10, src/main/core/walkin/photoUpload.ts): a real kiosk core (SQLite, real files)
 * against the real cloud, through a proxy that logs what the cloud receives. Upload off (the default): the cloud never
 * receives image bytes — no request body carries the photo, no photo command reached the command log, no photo row.
 * The site's policy on: the walk-in's consented photo becomes the visitor's one registered photo in the cloud, staff
 * replacing it replaces the cloud's (the older bytes gone), a retried push stores it once; a consent to the text
 * that does not mention upload keeps the photo local. The policy's layers: the kiosk layer turns upload off unless the
 * site locks it on; the admin overview says whether upload is on.
 */
import axios from 'axios';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dispatchIpcCall } from '../../../../../src/main/core/ipcHandlers';
import type { KioskCore } from '../../../../../src/main/core/kioskCore';
import { blacklistIdNumberKey } from '../../../../../src/shared/blacklistKey';
import { ipcCalls, type IpcInput } from '../../../../../src/shared/ipc';
import type { PolicyLayer } from '../../../../../src/shared/policy';
import { useCloudKiosks } from '../../../../support/kiosk/cloudKiosks';
import { output } from '../../../../support/kiosk/helpers';
import { cloudCommands, DEMO_HOST, newResidentId } from '../../../../support/kiosk/hostWalkIns';
import type { TamperingProxy } from '../../../../support/kiosk/tamperingProxy';

const JPEG = readFileSync(new URL('../../../../support/fixtures/faces/astronaut-head.jpg', import.meta.url));
/** another valid JPEG: a comment segment after SOI (10 bytes: its base64 shares no aligned run with JPEG's) */
const NEW_JPEG = Buffer.concat([JPEG.subarray(0, 2), Buffer.from([0xff, 0xfe, 0x00, 0x08]), Buffer.from('desk!!'), JPEG.subarray(2)]);
const UPLOAD_TEXT = 'face-consent-upload-1';
const LOCAL_TEXT = 'face-consent-1';

describe('face photos and the cloud (real core, real cloud)', () => {
  const kiosks = useCloudKiosks('Face upload desk');
  const { afterThisTest } = kiosks;
  const call = <N extends keyof typeof ipcCalls>(core: KioskCore, name: N, input: IpcInput<N>) => dispatchIpcCall(core, name, input);
  const setPolicy = async (path: string, layer: Partial<PolicyLayer>) => {
    const res = await axios.post(`${kiosks.cloud.url}/api/v1/admin/${path}/policy`, layer, {
      headers: { authorization: `Bearer ${kiosks.cloud.adminToken}` },
      proxy: false,
    });
    expect(res.status).toBe(200);
  };
  const granted = (bytes: Buffer, textVersion = UPLOAD_TEXT) => ({
    decision: 'granted' as const,
    textVersion,
    decidedAt: new Date().toISOString(),
    photoJpegBase64: bytes.toString('base64'),
  });

  const registerWithPhoto = async (core: KioskCore, idNumber: string, phone: string, face: ReturnType<typeof granted>) =>
    output(
      'walkin.register',
      await call(core, 'walkin.register', {
        lead: { identity: { source: 'typed', name: '周八', idType: 'resident_id', idNumber }, phone },
        hostId: DEMO_HOST,
        reason: '商务洽谈',
        face,
      }),
    );
  const staffSession = async (core: KioskCore) => output('admin.setupPin', await call(core, 'admin.setupPin', { pin: '802461' })).token;
  /** the cloud's stored photos of this visitor */
  const cloudPhotos = async (idNumber: string) =>
    kiosks.cloud.server.db.kysely
      .selectFrom('visitor_photos')
      .innerJoin('visitors', 'visitors.id', 'visitor_photos.visitor_id')
      .select(['visitor_photos.jpeg', 'visitor_photos.source', 'visitor_photos.command_id'])
      .where('visitors.person_key', '=', `id:${blacklistIdNumberKey(idNumber)}`)
      .execute();
  const allCloudPhotos = async () => (await kiosks.cloud.server.db.kysely.selectFrom('visitor_photos').select('visitor_id').execute()).length;
  const carried = (proxy: TamperingProxy, bytes: Buffer) => {
    const b64 = bytes.toString('base64').slice(100, 300);
    return proxy.requests.filter((r) => r.body.includes(b64)).length;
  };
  const outboxKinds = (core: KioskCore) => (core.db.prepare('SELECT kind FROM outbox ORDER BY seq').all() as { kind: string }[]).map((r) => r.kind);

  it('upload off (the default): the cloud never receives image bytes, from a walk-in or a replacement', async () => {
    const { core, proxy } = await kiosks.coreBehindProxy();
    expect(core.settings().faceUploadAllowed).toBe(false);
    const before = { photos: await allCloudPhotos(), commands: await cloudCommands(kiosks.cloud, 'uploadVisitorPhoto') };
    const idNumber = newResidentId();
    await registerWithPhoto(core, idNumber, '13700005555', granted(JPEG));
    const session = await staffSession(core);
    output('walkin.replacePhoto', await call(core, 'walkin.replacePhoto', { session, phone: '13700005555', face: granted(NEW_JPEG) }));
    expect(await core.sync.now()).toMatchObject({ online: true, pendingCommands: 0, conflicts: 0 });

    expect(outboxKinds(core)).not.toContain('uploadVisitorPhoto');
    expect(proxy.requests.some((r) => r.path.includes('/sync/push'))).toBe(true);
    expect(carried(proxy, JPEG) + carried(proxy, NEW_JPEG)).toBe(0);
    expect(await cloudCommands(kiosks.cloud, 'uploadVisitorPhoto')).toBe(before.commands);
    expect(await allCloudPhotos()).toBe(before.photos);
    expect(await cloudPhotos(idNumber)).toEqual([]);
    // the photos are kept at the kiosk all the same
    expect(output('walkin.registeredPhoto', await call(core, 'walkin.registeredPhoto', { session, phone: '13700005555' })).photo).not.toBeNull();
  });

  it('the site’s policy on: one registered photo per visitor, replaced in the cloud once, a retried push stored once', async () => {
    afterThisTest(() => setPolicy('sites/site_demo', {}));
    const { core, proxy } = await kiosks.coreBehindProxy();
    await setPolicy('sites/site_demo', { values: { faceUploadAllowed: true } });
    await core.sync.now();
    expect(core.settings().faceUploadAllowed).toBe(true);
    const session = await staffSession(core);
    const overview = output('admin.overview', await call(core, 'admin.overview', { session }));
    expect(overview).toMatchObject({ faceUploadAllowed: true, policyLayers: { sources: { faceUploadAllowed: 'site' } } });

    const idNumber = newResidentId();
    await registerWithPhoto(core, idNumber, '13700006666', granted(JPEG));
    expect(outboxKinds(core).filter((k) => k === 'uploadVisitorPhoto')).toHaveLength(1);
    expect(await core.sync.now()).toMatchObject({ pendingCommands: 0, conflicts: 0 });
    let photos = await cloudPhotos(idNumber);
    expect(photos).toHaveLength(1);
    expect(Buffer.from(photos[0]!.jpeg).equals(JPEG)).toBe(true);
    expect(photos[0]!.source).toBe('walkin');
    expect(carried(proxy, JPEG)).toBe(1);

    // staff replace it: the cloud's photo is replaced, the older bytes gone
    output('walkin.replacePhoto', await call(core, 'walkin.replacePhoto', { session, phone: '13700006666', face: granted(NEW_JPEG) }));
    // as queued: once sent, a command keeps only its ids (db/outboxKept.ts)
    const queued = core.db.prepare(`SELECT id, payload FROM outbox WHERE kind = 'uploadVisitorPhoto' AND state = 'pending'`).all() as {
      id: string;
      payload: string;
    }[];
    expect(queued).toHaveLength(1);
    await core.sync.now();
    photos = await cloudPhotos(idNumber);
    expect(photos).toHaveLength(1);
    expect(Buffer.from(photos[0]!.jpeg).equals(NEW_JPEG)).toBe(true);
    expect(photos[0]!.source).toBe('replaced');
    const replacedBy = photos[0]!.command_id;

    // a push retried (its reply lost, so the command still pending as queued): the same command id again, applied once
    const applied = await cloudCommands(kiosks.cloud, 'uploadVisitorPhoto');
    for (const q of queued) core.db.prepare(`UPDATE outbox SET state = 'pending', payload = ?, payload_sha256 = NULL WHERE id = ?`).run(q.payload, q.id);
    expect(await core.sync.now()).toMatchObject({ pendingCommands: 0, conflicts: 0 });
    expect(carried(proxy, NEW_JPEG)).toBe(2);
    expect(await cloudCommands(kiosks.cloud, 'uploadVisitorPhoto')).toBe(applied);
    photos = await cloudPhotos(idNumber);
    expect(photos).toHaveLength(1);
    expect(photos[0]!.command_id).toBe(replacedBy);
    expect(Buffer.from(photos[0]!.jpeg).equals(NEW_JPEG)).toBe(true);

    // a consent to the text that says nothing of upload keeps the photo here
    const other = newResidentId();
    await registerWithPhoto(core, other, '13700007777', granted(JPEG, LOCAL_TEXT));
    await core.sync.now();
    expect(await cloudPhotos(other)).toEqual([]);
  });

  it('layers: the kiosk layer turns upload off, unless the site locks it on', async () => {
    afterThisTest(() => setPolicy('sites/site_demo', {}));
    const { core } = await kiosks.coreBehindProxy();
    const kioskPath = `kiosks/${core.identity()!.kioskId}`;
    await setPolicy('sites/site_demo', { values: { faceUploadAllowed: true } });
    await setPolicy(kioskPath, { values: { faceUploadAllowed: false } });
    await core.sync.now();
    expect(core.settings().faceUploadAllowed).toBe(false);
    const off = newResidentId();
    await registerWithPhoto(core, off, '13700008888', granted(JPEG));
    await core.sync.now();
    expect(outboxKinds(core)).not.toContain('uploadVisitorPhoto');
    expect(await cloudPhotos(off)).toEqual([]);

    await setPolicy('sites/site_demo', { values: { faceUploadAllowed: true }, locked: ['faceUploadAllowed'] });
    await core.sync.now();
    expect(core.settings().faceUploadAllowed).toBe(true);
    const on = newResidentId();
    await registerWithPhoto(core, on, '13700009999', granted(JPEG));
    await core.sync.now();
    expect(await cloudPhotos(on)).toHaveLength(1);
  });
});
