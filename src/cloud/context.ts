/** What every route needs: the database, the admin token, the clock and the cloud's own signing key. */
import type { Kysely } from 'kysely';
import type { BookingChanges } from './db/changeNotifications';
import type { CloudDatabase } from './db/database';
import type { CloudSchema } from './db/schema';
import type { KeyEncryptionKeys } from './keyEncryption';
import type { NotificationSettings } from './notifications/provider';
import type { RateLimiter } from './services/rateLimits';
import type { SignInCodeSender } from './services/signInCodeSender';

export interface CloudSigningKey {
  kid: string;
  publicKey: string;
  privateKey: string;
}

export interface CloudContext {
  readonly database: CloudDatabase;
  readonly db: Kysely<CloudSchema>;
  readonly adminToken: string;
  now(): Date;
  /** the cloud's key for any site, made at first start; a site that rotated its key signs with its own (services/siteSigningKeys.ts) */
  readonly signingKey: CloudSigningKey;
  /** the key-encryption keys that open the stored private pass keys */
  readonly keyEncryption: KeyEncryptionKeys;
  /** the version of the passes the cloud issues: 2 (compact), or 1 while older kiosks are still in the fleet */
  readonly passTokenVersion: 1 | 2;
  /** counts requests on the anonymous routes (services/rateLimits.ts) */
  readonly rateLimiter: RateLimiter;
  /** wakes the kiosks' long-polls when a booking changes, in every process (db/changeNotifications.ts) */
  readonly bookingChanges: BookingChanges;
  /** the SMS provider and how texts are written (notifications/; sendSmsNow sends through it) */
  readonly notifications: NotificationSettings;
  /** delivers visitors' and hosts' one-time sign-in codes (services/signInCodeSender.ts) */
  readonly signInCodeSender: SignInCodeSender;
}
