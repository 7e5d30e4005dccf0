/** A site's pass-signing key rotated in the cloud (issue 11): the kiosk takes the new key at its next pull and verifies both. */
import axios from 'axios';
import { describe, expect, it } from 'vitest';
import { applyPullPage } from '../../../../../src/main/core/sync/applyPull';
import { listPassKeys } from '../../../../../src/main/core/db/referenceStore';
import { PassKeyRotated } from '../../../../../src/shared/adminApi';
import { compactWindow, generatePassKeyPair, keyIdOf, signPassV2 } from '../../../../../src/shared/pass';
import { IssuedPass } from '../../../../../src/shared/sync';
import { useCloudKiosks } from '../../../../support/kiosk/cloudKiosks';

describe('a rotated site pass key at the kiosk', () => {
  const kiosks = useCloudKiosks('Lobby kiosk');
  const admin = () => ({ headers: { authorization: `Bearer ${kiosks.cloud.adminToken}` }, proxy: false as const });
  const cloudPass = async (bookingId: string) => IssuedPass.parse((await axios.get(`${kiosks.cloud.url}/api/v1/bookings/${bookingId}/pass`, admin())).data);

  it('verifies a pass of the old key and one of the new after the next sync; refuses one of a random key; drops a key the cloud stops serving', async () => {
    const core = await kiosks.enrolledCore();
    const before = await cloudPass('bk_demo_a001');
    const rotated = PassKeyRotated.parse((await axios.post(`${kiosks.cloud.url}/api/v1/admin/sites/site_demo/pass-key/rotate`, {}, admin())).data);
    expect(rotated.retired.map((r) => r.keyId)).toEqual([before.payload.kid]);
    const after = await cloudPass('bk_demo_a001');
    expect(after.payload.kid).toBe(rotated.keyId);

    // before its next pull the kiosk does not know the new key yet
    await expect(core.checkIn.verifyPassToken(after.token)).rejects.toMatchObject({ code: 'pass_unknown_key' });
    await core.sync.now();
    expect(await core.checkIn.verifyPassToken(before.token)).toMatchObject({ kid: before.payload.kid, bid: 'bk_demo_a001' });
    expect(await core.checkIn.verifyPassToken(after.token)).toMatchObject({ kid: rotated.keyId, bid: 'bk_demo_a001' });

    const forger = await generatePassKeyPair();
    const window = compactWindow(after.payload.nbf, after.payload.exp);
    const forged = await signPassV2(
      { subject: { kind: 'booking', bookingId: 'bk_demo_a001' }, site: 'site_demo', ...window, kid: await keyIdOf(forger.publicKey) },
      forger.privateKey,
    );
    await expect(core.checkIn.verifyPassToken(forged)).rejects.toMatchObject({ code: 'pass_unknown_key' });

    // the cloud leaves the old key out of a pull once its passes have expired: the kiosk drops it; kiosks' keys stay
    const served = listPassKeys(core.db).filter((k) => k.kid !== before.payload.kid);
    const kioskKeys = served.filter((k) => k.issuer !== 'cloud').length;
    expect(kioskKeys).toBeGreaterThan(0);
    applyPullPage(
      core.db,
      {
        cursor: 'c',
        hasMore: false,
        serverTime: new Date().toISOString(),
        site: { id: 'site_demo', name: 'x', timezone: 'Asia/Shanghai' },
        bookings: [],
        hosts: [],
        blacklist: [],
        revokedPasses: [],
        settings: {},
        passKeys: served.filter((k) => k.issuer === 'cloud'),
      },
      new Date(),
    );
    expect(listPassKeys(core.db).map((k) => k.kid)).not.toContain(before.payload.kid);
    expect(listPassKeys(core.db).filter((k) => k.issuer !== 'cloud')).toHaveLength(kioskKeys);
    await expect(core.checkIn.verifyPassToken(before.token)).rejects.toMatchObject({ code: 'pass_unknown_key' });
    expect(await core.checkIn.verifyPassToken(after.token)).toMatchObject({ kid: rotated.keyId });
  });
});
