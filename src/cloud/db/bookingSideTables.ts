/**
 * The tables of the booking side (issues 13 and 14): copies and invitations, the notification outbox, phone sign-in
 * and sessions, privacy acceptances and per-site retention. Part of CloudSchema (schema.ts), kept apart for size.
 */
/** A host a booking is copied to (抄送, migration 0017): it shows in their inbox's 抄送我 box. */
export interface BookingCcTable {
  booking_id: string;
  host_id: string;
  created_at: string;
}

/** A host's invitation (migration 0017): a link whose token is kept only as its SHA-256. */
export interface InvitationsTable {
  id: string;
  site_id: string;
  host_id: string;
  token_hash: string;
  companion_limit: number;
  needs_approval: number;
  window_start: string | null;
  window_end: string | null;
  /** JSON YYYY-MM-DD[]: the site days the invited visitor may choose from (instead of a fixed window) */
  allowed_dates: string | null;
  expires_at: string;
  created_at: string;
  revoked_at: string | null;
  used_at: string | null;
  /** the booking the invited visitor made with it */
  booking_id: string | null;
}

/** One message of the notification outbox (migration 0018, src/cloud/notifications/). */
export interface NotificationOutboxTable {
  id: string;
  /** the event: application, arrival, decision */
  kind: string;
  site_id: string | null;
  booking_id: string | null;
  /** the raw number, only while the message may still be sent (null once sent or given up) */
  recipient_phone: string | null;
  recipient_masked: string;
  /** a template name (src/cloud/notifications/templates.ts) */
  template: string;
  /** JSON Record<string, string>: the template's parameters */
  params: string;
  /** unique: the same event never queues twice (e.g. arrival:<visitId>) */
  idempotency_key: string;
  /** pending | sending | sent | failed */
  status: string;
  attempts: number;
  next_attempt_at: string;
  /** the sender holding the row while status is sending, and until when */
  claim_token: string | null;
  claimed_until: string | null;
  /** the last failure, phone and ID numbers masked */
  last_error: string | null;
  provider: string | null;
  provider_message_id: string | null;
  created_at: string;
  updated_at: string;
  sent_at: string | null;
}

/** A one-time sign-in code sent to a phone (migration 0016): hashed, dead once used, expired or tried too often. */
export interface SignInCodesTable {
  id: string;
  site_id: string;
  /** SHA-256 hex of the normalised phone number */
  phone_hash: string;
  /** visitor | host */
  audience: string;
  /** SHA-256 hex of the code id and the code */
  code_hash: string;
  /** wrong codes tried against it */
  attempts: number;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

/** A signed-in visitor's or host's session (migration 0016): its bearer stored as SHA-256 hex. */
export interface SessionsTable {
  id: string;
  token_hash: string;
  site_id: string;
  /** visitor | host */
  kind: string;
  /** the phone signed in with (normalised): a visitor's bookings are found by it */
  phone: string;
  /** a host's session: the host */
  host_id: string | null;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
  /** a staff account's session (kind 'staff'): the account (migration 0023) */
  account_id?: string | null;
}

/** A visitor's acceptance of a site's privacy notice, by the notice's version (migration 0016). */
export interface PrivacyAcceptancesTable {
  site_id: string;
  phone_hash: string;
  version: string;
  accepted_at: string;
  session_id: string;
}

/** A site's retention days (migration 0020); a site without a row keeps the defaults (src/shared/retention.ts). */
export interface SiteRetentionTable {
  site_id: string;
  visit_days: number;
  photo_days: number;
  log_days: number;
  updated_at: string;
}

/** An item of a site's list (migration 0022): kind identity_category, visit_reason, area or belonging. */
export interface SiteListItemsTable {
  id: string;
  site_id: string;
  kind: string;
  name: string;
  /** 1: no longer offered; bookings that name it keep it */
  retired: number;
  created_at: string;
  updated_at: string;
}

/** A department of a site (migration 0022): an official visit names one, its hosts (hosts.department) decide. */
export interface DepartmentsTable {
  id: string;
  site_id: string;
  name: string;
}
