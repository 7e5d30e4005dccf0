/** The companion links' table (转发同伴填写, migration 0028). Part of CloudSchema (schema.ts), kept apart for size. */
/** A link the applicant of a booking sends to one companion: its token kept only as its SHA-256. */
export interface CompanionLinksTable {
  id: string;
  site_id: string;
  /** the main bill */
  booking_id: string;
  token_hash: string;
  /** the booking's window end or 24 h after it was made, whichever first */
  expires_at: string;
  created_at: string;
  revoked_at: string | null;
  used_at: string | null;
  /** the sub-bill the companion's details made */
  sub_booking_id: string | null;
}
