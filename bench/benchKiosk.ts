/** The enrolled desk every kiosk bench runs as: its identity and pass key in the database, and the host visitors see. */
import type { KioskSigner } from '../src/main/core/checkin';
import { writeIdentity, type KioskIdentity } from '../src/main/core/db/identityStore';
import type { KioskDb } from '../src/main/core/db/openDb';
import { upsertHost, upsertPassKey } from '../src/main/core/db/referenceStore';
import { generatePassKeyPair } from '../src/shared/pass';

export async function enrolBenchKiosk(db: KioskDb, now: Date): Promise<KioskSigner> {
  const pair = await generatePassKeyPair();
  const identity: KioskIdentity = {
    kioskId: 'kiosk_bench',
    siteId: 'site_bench',
    keyId: 'kidbench0001',
    publicKey: pair.publicKey,
    name: 'Bench desk',
    cloudUrl: 'http://127.0.0.1:9',
    enrolledAt: now.toISOString(),
  };
  writeIdentity(db, identity);
  upsertPassKey(db, { kid: identity.keyId, issuer: `kiosk:${identity.kioskId}`, publicKey: pair.publicKey, revoked: false, site: identity.siteId });
  upsertHost(db, {
    id: 'host_bench',
    siteId: 'site_bench',
    name: '李四',
    phone: '13900001111',
    department: '研发部',
    office: 'A-301',
    canReceiveVisitors: true,
    updatedAt: now.toISOString(),
  });
  return { identity, privateKey: pair.privateKey };
}
