/**
 * 替换注册照片 in the renderer's store (src/renderer/features/staffphoto): the session's token with every call, a
 * refusal or a cancel changes nothing (replacePhoto never called), the consent's time and the photo go with 确认替换,
 * a card read counts only on the section's find step, a session the core no longer knows returns to the PIN pad.
 */
import { describe, expect, it } from 'vitest';
import type { AdminSession } from '../../../../../src/shared/contract/admin';
import type { RegisteredPhotoView } from '../../../../../src/shared/contract/walkin';
import { IpcCallError, type IdCardRead } from '../../../../../src/shared/ipc';
import { alwaysConnected } from '../../../../../src/renderer/bridge/connectionState';
import { createKioskStore } from '../../../../../src/renderer/state/kioskStore';
import { appInfo, settings, syncState } from '../../../../support/renderer/fixtures';
import { flush, InMemoryApi } from '../../../../support/renderer/inMemoryApi';

const TOKEN = 'T'.repeat(43);
const session: AdminSession = { token: TOKEN, role: 'staff', expiresAt: '2030-01-01T00:00:00.000Z' };
const VIEW: RegisteredPhotoView = {
  person: { matchedBy: 'phone', nameMasked: '王*', phoneMasked: '137****2222', lastVisitAt: '2026-11-26T09:00:00.000Z' },
  photo: null,
};
const PHOTO = { jpegBase64: '/9j/AAAA', dataUrl: 'data:image/jpeg;base64,/9j/AAAA' };
const card = (cardRef: string): IdCardRead =>
  ({
    cardRef,
    cardType: 'resident',
    name: '王五',
    sex: '男',
    birthDate: '1990-03-07',
    idNumberMasked: '4403**********1232',
    validFrom: '2015-01-01',
    validUntil: '2035-01-01',
  }) as IdCardRead;

async function unlockedOnPhotoSection() {
  const api = new InMemoryApi()
    .handle('app.info', () => appInfo)
    .handle('settings.get', () => settings('zh-CN'))
    .handle('sync.status', () => syncState())
    .handle('devices.list', () => ({ devices: [] }))
    .handle('session.end', () => ({ releasedCards: 0 }))
    .handle('admin.status', () => ({ adminPinSet: true, staffPinSet: true, lockAfterS: 120 }))
    .handle('admin.lock', () => ({ locked: true }))
    .handle('admin.unlock', () => ({ ok: true, session }))
    .handle('walkin.registeredPhoto', () => VIEW)
    .handle('walkin.replacePhoto', () => ({ replaced: false, replacedAt: '2026-11-26T10:00:00.000Z' }));
  const store = createKioskStore({ api, connection: alwaysConnected, newVisitId: () => 'x' });
  await store.getState().openAdmin();
  store.getState().setAdminPin('583920');
  await store.getState().submitAdminPin();
  store.getState().showAdminSection('photo');
  return { api, store };
}

describe('替换注册照片 in the store', () => {
  it('phone → current → consent → photo → 确认替换: the token, the lookup, the consent and the photo go to the core once', async () => {
    const { api, store } = await unlockedOnPhotoSection();
    const s = () => store.getState();
    s().setReplacePhotoPhone('137 0000-2222');
    expect(s().replacePhoto.phone).toBe('13700002222');
    await s().findReplacePhotoByPhone();
    expect(api.callsOf('walkin.registeredPhoto')).toEqual([{ session: TOKEN, phone: '13700002222' }]);
    expect(s().replacePhoto).toMatchObject({ step: 'current', view: VIEW });
    s().askReplacePhotoConsent();
    s().agreeReplacePhoto('face-consent-1');
    const agreedAt = s().replacePhoto.agreedAt;
    expect(s().replacePhoto.step).toBe('capture');
    s().takeReplacePhoto(PHOTO);
    expect(s().replacePhoto.step).toBe('preview');
    await s().confirmReplacePhoto();
    expect(api.callsOf('walkin.replacePhoto')).toEqual([
      {
        session: TOKEN,
        phone: '13700002222',
        face: { decision: 'granted', textVersion: 'face-consent-1', decidedAt: agreedAt, photoJpegBase64: PHOTO.jpegBase64 },
      },
    ]);
    expect(s().replacePhoto).toMatchObject({ step: 'done', replaced: false, photo: null });
  });

  it('refusing consent or cancelling never calls replacePhoto; a photo without consent is not taken', async () => {
    const { api, store } = await unlockedOnPhotoSection();
    const s = () => store.getState();
    s().setReplacePhotoPhone('13700002222');
    await s().findReplacePhotoByPhone();
    s().takeReplacePhoto(PHOTO); // no consent yet: ignored
    expect(s().replacePhoto.photo).toBeNull();
    s().askReplacePhotoConsent();
    s().refuseReplacePhoto();
    expect(s().replacePhoto).toMatchObject({ step: 'current', refused: true, agreedAt: null });
    s().askReplacePhotoConsent();
    s().agreeReplacePhoto('face-consent-1');
    s().takeReplacePhoto(PHOTO);
    s().cancelReplacePhoto();
    expect(s().replacePhoto).toMatchObject({ step: 'find', view: null, photo: null, lookup: null });
    await s().confirmReplacePhoto();
    expect(api.callsOf('walkin.replacePhoto')).toEqual([]);
  });

  it('an invalid phone asks nothing; a card counts only on the photo section', async () => {
    const { api, store } = await unlockedOnPhotoSection();
    const s = () => store.getState();
    s().setReplacePhotoPhone('1370000');
    await s().findReplacePhotoByPhone();
    expect(api.callsOf('walkin.registeredPhoto')).toEqual([]);
    s().showAdminSection('sync');
    s().receiveReplacePhotoCard(card('c1'));
    expect(api.callsOf('walkin.registeredPhoto')).toEqual([]);
    s().showAdminSection('photo');
    s().receiveReplacePhotoCard(card('c2'));
    await flush();
    expect(api.callsOf('walkin.registeredPhoto')).toEqual([{ session: TOKEN, cardRef: 'c2' }]);
    expect(s().replacePhoto).toMatchObject({ step: 'current', lookup: { cardRef: 'c2' } });
  });

  it('a session the core no longer knows (walkin_staff_only): locked, back to the PIN pad', async () => {
    const { api, store } = await unlockedOnPhotoSection();
    api.handle('walkin.registeredPhoto', () => {
      throw new IpcCallError('walkin_staff_only', 'unlock first');
    });
    store.getState().setReplacePhotoPhone('13700002222');
    await store.getState().findReplacePhotoByPhone();
    await flush();
    expect(store.getState()).toMatchObject({ screen: 'adminPin', admin: { session: null } });
    expect(api.callsOf('admin.lock')).toEqual([{ session: TOKEN }]);
  });
});
