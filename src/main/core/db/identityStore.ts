/** The kiosk's enrolled identity (public parts only; the private key and credential live in the secrets file). */
import type { KioskDb } from './openDb';

export interface KioskIdentity {
  kioskId: string;
  siteId: string;
  /** the key id the cloud gave the kiosk's public key: the `kid` of its passes */
  keyId: string;
  publicKey: string;
  name: string;
  cloudUrl: string;
  enrolledAt: string;
}

interface IdentityRow {
  kiosk_id: string;
  site_id: string;
  key_id: string;
  public_key: string;
  name: string;
  cloud_url: string;
  enrolled_at: string;
}

export function readIdentity(db: KioskDb): KioskIdentity | undefined {
  const row = db.prepare('SELECT * FROM kiosk_identity WHERE id = 1').get() as IdentityRow | undefined;
  if (!row) return undefined;
  return {
    kioskId: row.kiosk_id,
    siteId: row.site_id,
    keyId: row.key_id,
    publicKey: row.public_key,
    name: row.name,
    cloudUrl: row.cloud_url,
    enrolledAt: row.enrolled_at,
  };
}

export function writeIdentity(db: KioskDb, identity: KioskIdentity): void {
  db.prepare(
    `INSERT INTO kiosk_identity (id, kiosk_id, site_id, key_id, public_key, name, cloud_url, enrolled_at)
     VALUES (1, @kioskId, @siteId, @keyId, @publicKey, @name, @cloudUrl, @enrolledAt)
     ON CONFLICT (id) DO UPDATE SET kiosk_id = excluded.kiosk_id, site_id = excluded.site_id, key_id = excluded.key_id,
       public_key = excluded.public_key, name = excluded.name, cloud_url = excluded.cloud_url, enrolled_at = excluded.enrolled_at`,
  ).run(identity);
}
