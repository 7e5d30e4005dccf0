/**
 * The cloud database's tables as Kysely sees them. Dialect-neutral: JSON is text, instants are ISO-8601 UTC
 * text (so they sort as strings), booleans are integers 0/1.
 */
export interface SitesTable {
  id: string;
  name: string;
  timezone: string;
  /** JSON CloudKioskSettings */
  kiosk_settings: string;
  created_at: string;
  /** the change_seq of the last change to what a pull carries besides the changes (services/siteConfig.ts) */
  config_seq: number;
}

export interface HostsTable {
  id: string;
  site_id: string;
  name: string;
  phone: string;
  department: string;
  /** office room number (受访人办公室号) */
  office: string | null;
  can_receive_visitors: number;
  /** 1: an administrator disabled the host (no sign-in, sessions and tokens ended); migration 0023 */
  disabled?: number;
  created_at: string;
  updated_at: string;
  change_seq: number;
}

export interface HostTokensTable {
  token_hash: string;
  host_id: string;
  created_at: string;
  revoked: number;
}

export interface BookingsTable {
  id: string;
  code: string;
  site_id: string;
  host_id: string;
  source: string;
  status: string;
  /** JSON VisitorIdentity */
  visitor: string;
  /** JSON Companion[] */
  companions: string;
  group_size: number;
  reason: string;
  area: string | null;
  window_start: string;
  window_end: string;
  decision_reason: string | null;
  arrived_at: string | null;
  arrived_visit_id: string | null;
  arrived_kiosk_id: string | null;
  left_at: string | null;
  /** the status a booking had when the expiry sweep closed it */
  expired_from: string | null;
  /** 来访类型 (walk-ins) */
  visit_type: string | null;
  remarks: string | null;
  belongings: string | null;
  /** a sub-bill's main bill (a walk-in's companion) */
  main_booking_id: string | null;
  /** the visitor library's person (visitors.id) */
  visitor_id: string | null;
  /** a walk-in's approval: desk, host or desk_offline_fallback */
  approval_kind: string | null;
  /** the temperature taken at the desk (°C) */
  temperature_c: number | null;
  /**
   * The lead visitor's name and the blacklist keys of their phone and ID number (migration 0019, db/visitorSearch.ts):
   * set by the repository whenever `visitor` is written; for the records' keyword.
   */
  visitor_name?: string | null;
  visitor_phone_key?: string | null;
  visitor_id_key?: string | null;
  /** why staff let an abnormal temperature through */
  temperature_override_reason: string | null;
  /** JSON BookingDetails (migration 0022: kind, list items, self-drive, residence, vehicles); null or absent: none */
  details?: string | null;
  created_at: string;
  updated_at: string;
  change_seq: number;
}

export interface ApprovalsTable {
  id: string;
  booking_id: string;
  action: string;
  from_status: string;
  to_status: string;
  reason: string | null;
  actor: string;
  at: string;
}

export interface KiosksTable {
  id: string;
  site_id: string;
  name: string;
  credential_hash: string;
  public_key: string;
  key_id: string;
  enrolled_at: string;
  revoked: number;
  revoked_at: string | null;
}

export interface EnrolmentCodesTable {
  code_hash: string;
  site_id: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  used_by_kiosk_id: string | null;
}

export interface AppliedCommandsTable {
  id: string;
  kiosk_id: string;
  kind: string;
  booking_id: string | null;
  /** the visit a check-in or check-out names */
  visit_id: string | null;
  status: string;
  code: string | null;
  message: string | null;
  /** JSON CommandResult as first returned */
  result: string;
  at: string;
  applied_at: string;
}

export interface PassKeysTable {
  kid: string;
  issuer: string;
  site_id: string | null;
  public_key: string;
  /** only for the cloud's own keys (PKCS#8, base64url) */
  private_key: string | null;
  revoked: number;
  created_at: string;
}

/** A cloud key a site no longer signs with, kept for that site until the passes it signed there have expired. */
export interface PassKeyRetirementsTable {
  site_id: string;
  kid: string;
  retired_at: string;
  keep_until: string;
}

export interface BlacklistTable {
  id: string;
  site_id: string;
  id_number_hash: string | null;
  phone_hash: string | null;
  name: string | null;
  reason: string;
  /** warn | refuse */
  level: string;
  active: number;
  updated_at: string;
  change_seq: number;
  /** what a person may see of the numbers (never the numbers): 0024 */
  phone_masked: string | null;
  id_number_masked: string | null;
  /** no longer matches from this instant on; null: never expires */
  expires_at: string | null;
  /** the actor who added it (actorOf) */
  added_by: string | null;
  created_at: string | null;
}

/** A blacklist match at application, approval or the kiosk (0024). */
export interface BlacklistHitsTable {
  id: string;
  site_id: string;
  entry_id: string;
  at: string;
  /** application | approval | kiosk */
  source: string;
  /** refused | warned */
  outcome: string;
  level: string;
  subject: string | null;
  name_masked: string;
}

/**
 * The visitor library: a person who registered at a site's desk, keyed by the blacklist key (src/shared/blacklistKey.ts)
 * of their ID number, else of their phone. Only hashes and masked forms: the raw ID number stays on the booking.
 */
export interface VisitorsTable {
  id: string;
  site_id: string;
  /** 'id:' + id_key, else 'phone:' + phone_key; unique per site */
  person_key: string;
  id_key: string | null;
  phone_key: string | null;
  name: string;
  id_type: string | null;
  id_number_masked: string | null;
  phone_masked: string | null;
  company: string | null;
  title: string | null;
  sex: string | null;
  nation: string | null;
  created_at: string;
  updated_at: string;
}

/** A single pass revoked before its time (by the pass id its token carries), per site; kiosks pull it. */
export interface RevokedPassesTable {
  pass_id: string;
  site_id: string;
  reason: string;
  actor: string;
  revoked_at: string;
  change_seq: number;
}

/** An entry or exit a kiosk reported (a gate scan, or a later day's arrival of a multi-day visit). */
export interface PassagesTable {
  /** the id of the command that reported it */
  id: string;
  site_id: string;
  kiosk_id: string;
  booking_id: string | null;
  visit_id: string | null;
  pass_id: string;
  direction: 'entry' | 'exit';
  at: string;
  recorded_at: string;
}

export interface AuditLogTable {
  id: string;
  at: string;
  actor: string;
  action: string;
  subject: string;
  /** JSON */
  detail: string;
}

/** A policy layer (src/shared/policy.ts) of a site or of a kiosk. */
export interface PoliciesTable {
  scope: 'site' | 'kiosk';
  scope_id: string;
  /** JSON PolicyLayer */
  layer: string;
  updated_at: string;
}

/** What a kiosk told the cloud at its last pull. */
export interface KioskStatusTable {
  kiosk_id: string;
  last_seen_at: string;
  version: string | null;
  pending_commands: number | null;
}

/**
 * An admin action of a site: one a kiosk reported (its `adminAudit` command's id; personal data masked at the kiosk) or
 * one taken in the cloud on the site or a kiosk of it (policy, revocation).
 */
export interface KioskAuditTable {
  id: string;
  site_id: string;
  /** the kiosk it was taken at or on; null for the site's own */
  kiosk_id: string | null;
  source: 'kiosk' | 'cloud';
  at: string;
  action: string;
  /** JSON */
  detail: string;
  recorded_at: string;
}

export interface CountersTable {
  name: string;
  value: number;
}

/** The visits of a site's closed day, as the dashboard last counted them (migration 0025, services/dashboardDays.ts). */
export interface SiteDayCountsTable {
  site_id: string;
  /** YYYY-MM-DD in the site's zone */
  day: string;
  visits: number;
  counted_at: string;
}

/** One fixed-window rate-limit counter (services/rateLimits.ts). */
export interface RateLimitsTable {
  /** bucket and a hash of the address or phone number counted, e.g. booking:addr:<sha256> */
  key: string;
  window_start: string;
  hits: number;
  /** when the window ends: rows past it are purged */
  expires_at: string;
}

/** A visitor's registered face photo (issue 10, migration 0012): one per visitor, the newer replacing the older. */
export interface VisitorPhotosTable {
  visitor_id: string;
  site_id: string;
  jpeg: Buffer;
  bytes: number;
  width: number;
  height: number;
  source: 'walkin' | 'checkin' | 'replaced';
  consent_text_version: string;
  consent_decided_at: string;
  kiosk_id: string;
  command_id: string;
  taken_at: string;
  stored_at: string;
}

import type {
  BookingCcTable,
  InvitationsTable,
  NotificationOutboxTable,
  SignInCodesTable,
  SessionsTable,
  PrivacyAcceptancesTable,
  SiteRetentionTable,
  SiteListItemsTable,
  DepartmentsTable,
} from './bookingSideTables';
import type { AccountsTable, ReviewerDepartmentsTable } from './accountTables';
import type { CompanionLinksTable } from './companionLinkTables';
export type * from './bookingSideTables';
export type * from './accountTables';
export type * from './companionLinkTables';

export interface CloudSchema {
  sites: SitesTable;
  hosts: HostsTable;
  host_tokens: HostTokensTable;
  bookings: BookingsTable;
  approvals: ApprovalsTable;
  kiosks: KiosksTable;
  enrolment_codes: EnrolmentCodesTable;
  applied_commands: AppliedCommandsTable;
  pass_keys: PassKeysTable;
  pass_key_retirements: PassKeyRetirementsTable;
  blacklist: BlacklistTable;
  blacklist_hits: BlacklistHitsTable;
  departments: DepartmentsTable;
  revoked_passes: RevokedPassesTable;
  passages: PassagesTable;
  audit_log: AuditLogTable;
  policies: PoliciesTable;
  kiosk_status: KioskStatusTable;
  kiosk_audit: KioskAuditTable;
  counters: CountersTable;
  rate_limits: RateLimitsTable;
  visitors: VisitorsTable;
  visitor_photos: VisitorPhotosTable;
  booking_cc: BookingCcTable;
  invitations: InvitationsTable;
  notification_outbox: NotificationOutboxTable;
  sign_in_codes: SignInCodesTable;
  sessions: SessionsTable;
  privacy_acceptances: PrivacyAcceptancesTable;
  site_retention: SiteRetentionTable;
  site_list_items: SiteListItemsTable;
  site_day_counts: SiteDayCountsTable;
  accounts: AccountsTable;
  reviewer_departments: ReviewerDepartmentsTable;
  companion_links: CompanionLinksTable;
}
