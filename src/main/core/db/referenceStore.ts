/** Reference data pulled from the cloud: hosts, the blacklist and the pass keys the kiosk verifies with. */
import type { z } from 'zod';
import { Host } from '../../../shared/domain';
import { CLOUD_ISSUER, PassKey } from '../../../shared/pass';
import { BlacklistEntry, type RevokedPass } from '../../../shared/sync';
import type { KioskDb } from './openDb';

export function upsertHost(db: KioskDb, host: Host): void {
  db.prepare(
    `INSERT INTO hosts (id, phone, updated_at, json) VALUES (@id, @phone, @updatedAt, @json)
     ON CONFLICT (id) DO UPDATE SET phone = excluded.phone, updated_at = excluded.updated_at, json = excluded.json`,
  ).run({ id: host.id, phone: host.phone, updatedAt: host.updatedAt, json: JSON.stringify(host) });
}

export function getHost(db: KioskDb, id: string): Host | undefined {
  const row = db.prepare('SELECT json FROM hosts WHERE id = ?').get(id) as { json: string } | undefined;
  return row ? Host.parse(JSON.parse(row.json)) : undefined;
}

export function upsertBlacklistEntry(db: KioskDb, given: z.input<typeof BlacklistEntry>): void {
  const entry = BlacklistEntry.parse(given);
  db.prepare(
    `INSERT INTO blacklist (id, id_number_hash, phone_hash, active, json) VALUES (@id, @idHash, @phoneHash, @active, @json)
     ON CONFLICT (id) DO UPDATE SET id_number_hash = excluded.id_number_hash, phone_hash = excluded.phone_hash,
       active = excluded.active, json = excluded.json`,
  ).run({
    id: entry.id,
    idHash: entry.idNumberHash?.toLowerCase() ?? null,
    phoneHash: entry.phoneHash?.toLowerCase() ?? null,
    active: entry.active ? 1 : 0,
    json: JSON.stringify(entry),
  });
}

/** The active blacklist entry matching either hash, if any. */
export function findActiveBlacklistEntry(db: KioskDb, hashes: { idNumberHash?: string; phoneHash?: string }): BlacklistEntry | undefined {
  const row = db
    .prepare(
      `SELECT json FROM blacklist WHERE active = 1 AND ((@idHash IS NOT NULL AND id_number_hash = @idHash) OR (@phoneHash IS NOT NULL AND phone_hash = @phoneHash)) LIMIT 1`,
    )
    .get({ idHash: hashes.idNumberHash ?? null, phoneHash: hashes.phoneHash ?? null }) as { json: string } | undefined;
  return row ? BlacklistEntry.parse(JSON.parse(row.json)) : undefined;
}

export function upsertPassKey(db: KioskDb, key: PassKey): void {
  db.prepare(
    `INSERT INTO pass_keys (kid, issuer, public_key, revoked, site_id) VALUES (@kid, @issuer, @publicKey, @revoked, @site)
     ON CONFLICT (kid) DO UPDATE SET issuer = excluded.issuer, public_key = excluded.public_key, revoked = excluded.revoked,
       site_id = excluded.site_id`,
  ).run({ kid: key.kid, issuer: key.issuer, publicKey: key.publicKey, revoked: key.revoked ? 1 : 0, site: key.site ?? null });
}

/**
 * Drops the cloud's keys the cloud no longer serves (a site's key retired by a rotation, once every pass it signed has
 * expired): every pull carries the whole list. Kiosks' keys stay (a revoked one is marked, never dropped), and a list
 * without any cloud key (no cloud sends one) drops nothing.
 */
export function dropCloudPassKeysNotIn(db: KioskDb, served: readonly PassKey[]): number {
  const kept = served.filter((k) => k.issuer === CLOUD_ISSUER).map((k) => k.kid);
  if (kept.length === 0) return 0;
  return db.prepare(`DELETE FROM pass_keys WHERE issuer = ? AND kid NOT IN (SELECT value FROM json_each(?))`).run(CLOUD_ISSUER, JSON.stringify(kept)).changes;
}

export function listPassKeys(db: KioskDb): PassKey[] {
  const rows = db.prepare('SELECT kid, issuer, public_key, revoked, site_id FROM pass_keys').all() as {
    kid: string;
    issuer: string;
    public_key: string;
    revoked: number;
    site_id: string | null;
  }[];
  return rows.map((r) => ({
    kid: r.kid,
    issuer: r.issuer,
    publicKey: r.public_key,
    revoked: r.revoked === 1,
    ...(r.site_id !== null ? { site: r.site_id } : {}),
  }));
}

export function upsertRevokedPass(db: KioskDb, revoked: RevokedPass): void {
  db.prepare(
    `INSERT INTO revoked_passes (pass_id, revoked_at, reason) VALUES (@passId, @revokedAt, @reason)
     ON CONFLICT (pass_id) DO UPDATE SET revoked_at = excluded.revoked_at, reason = excluded.reason`,
  ).run(revoked);
}

export function isPassRevoked(db: KioskDb, passId: string): boolean {
  return db.prepare('SELECT 1 FROM revoked_passes WHERE pass_id = ?').get(passId) !== undefined;
}
