/** The tables of staff accounts (issue 14 item 1, migration 0023). Part of CloudSchema (schema.ts), kept apart for size. */
/** A staff account (migration 0023): site_id null for a super administrator (every site). */
export interface AccountsTable {
  id: string;
  site_id: string | null;
  name: string;
  phone: string;
  /** argon2id PHC string; null: signs in by phone code only */
  password_hash: string | null;
  /** JSON array of AccountRole */
  roles: string;
  disabled: number;
  failed_attempts: number;
  locked_until: string | null;
  created_at: string;
  updated_at: string;
}

/** A reviewer's department (migration 0027): the department, by id, whose hosts' bookings they decide. */
export interface ReviewerDepartmentsTable {
  account_id: string;
  department_id: string;
}
