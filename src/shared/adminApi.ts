/**
 * The cloud's admin routes of kiosk administration (issue 11): policy layers of a site and of a kiosk, the list of
 * kiosks, and the admin actions kiosks report. Runs everywhere: no Node, DOM or Electron imports.
 */
import { z } from 'zod';
import { Id, Instant, Site } from './domain';
import { PolicyLayer } from './policy';

export { PolicyLayer };

export const KioskSummary = z.object({
  id: Id,
  siteId: Id,
  siteName: z.string(),
  name: z.string(),
  keyId: z.string(),
  enrolledAt: Instant,
  revokedAt: Instant.optional(),
  /** its last pull; absent before the first */
  lastSeenAt: Instant.optional(),
  /** its software version, as it said at its last pull */
  version: z.string().optional(),
  /** commands waiting in its outbox at its last pull */
  pendingCommands: z.number().int().min(0).optional(),
  /** its commands the cloud answered with a conflict or a rejection */
  conflicts: z.number().int().min(0),
});
export type KioskSummary = z.infer<typeof KioskSummary>;
export const KioskList = z.object({ kiosks: z.array(KioskSummary) });
export type KioskList = z.infer<typeof KioskList>;

/** Every site (GET /admin/sites), by name. */
export const SiteList = z.object({ sites: z.array(Site) });
export type SiteList = z.infer<typeof SiteList>;

/** One admin action of a site (GET /admin/sites/{id}/audit). */
export const AuditEntry = z.object({
  id: z.string(),
  /** kiosk: reported by the kiosk it was taken at (a signed command, recorded once); cloud: taken through the admin API */
  source: z.enum(['kiosk', 'cloud']),
  kioskId: Id.optional(),
  kioskName: z.string().optional(),
  /** when it was taken */
  at: Instant,
  /** pin.success, pin.failure, setting.changed, device.test, enrol, policy.changed, revoke … */
  action: z.string(),
  /** what it changed (old → new) and how it went; personal data masked */
  detail: z.record(z.string(), z.unknown()),
  recordedAt: Instant,
});
export type AuditEntry = z.infer<typeof AuditEntry>;
export const AuditList = z.object({ entries: z.array(AuditEntry) });
export type AuditList = z.infer<typeof AuditList>;

/** A site's pass-signing key rotated (POST /admin/sites/{id}/pass-key/rotate). */
export const PassKeyRotated = z.object({
  siteId: Id,
  /** the key the site's passes are signed with from now on */
  keyId: z.string(),
  publicKey: z.string(),
  rotatedAt: Instant,
  /** the key(s) it replaces: still verifying the passes they signed, served to the site's kiosks until then */
  retired: z.array(z.object({ keyId: z.string(), keptUntil: Instant })),
});
export type PassKeyRotated = z.infer<typeof PassKeyRotated>;
