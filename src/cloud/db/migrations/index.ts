/** Every migration, in order. A static list (no folder scan) so bundling and tsx both see the same set. */
import type { Migration } from 'kysely';
import * as m0001 from './0001_init';
import * as m0002 from './0002_revocations';
import * as m0003 from './0003_rate_limits';
import * as m0004 from './0004_plain_text';
import * as m0005 from './0005_walk_ins';
import * as m0006 from './0006_passages';
import * as m0010 from './0010_policy_audit';
import * as m0011 from './0011_pull_indexes';
import * as m0012 from './0012_visitor_photos';
import * as m0013 from './0013_site_pass_keys';
import * as m0014 from './0014_site_config_seq';
import * as m0015 from './0015_booking_notify';
import * as m0016 from './0016_visitor_sessions';
import * as m0017 from './0017_host_desk';
import * as m0018 from './0018_notification_outbox';
import * as m0019 from './0019_records';
import * as m0020 from './0020_retention';
import * as m0021 from './0021_day_list_indexes';
import * as m0022 from './0022_booking_model';
import * as m0023 from './0023_accounts';
import * as m0024 from './0024_people_blacklist';
import * as m0025 from './0025_dashboard';
import * as m0026 from './0026_walk_in_day_index';
import * as m0027 from './0027_reviewer_departments';
import * as m0028 from './0028_companion_links';

export interface NamedMigration {
  name: string;
  migration: Migration;
}

export const CLOUD_MIGRATIONS: readonly NamedMigration[] = [
  { name: '0001_init', migration: m0001 },
  { name: '0002_revocations', migration: m0002 },
  { name: '0003_rate_limits', migration: m0003 },
  { name: '0004_plain_text', migration: m0004 },
  { name: '0005_walk_ins', migration: m0005 },
  { name: '0006_passages', migration: m0006 },
  { name: '0010_policy_audit', migration: m0010 },
  { name: '0011_pull_indexes', migration: m0011 },
  { name: '0012_visitor_photos', migration: m0012 },
  { name: '0013_site_pass_keys', migration: m0013 },
  { name: '0014_site_config_seq', migration: m0014 },
  { name: '0015_booking_notify', migration: m0015 },
  { name: '0016_visitor_sessions', migration: m0016 },
  { name: '0017_host_desk', migration: m0017 },
  { name: '0018_notification_outbox', migration: m0018 },
  { name: '0019_records', migration: m0019 },
  { name: '0020_retention', migration: m0020 },
  { name: '0021_day_list_indexes', migration: m0021 },
  { name: '0022_booking_model', migration: m0022 },
  { name: '0023_accounts', migration: m0023 },
  { name: '0024_people_blacklist', migration: m0024 },
  { name: '0025_dashboard', migration: m0025 },
  { name: '0026_walk_in_day_index', migration: m0026 },
  { name: '0027_reviewer_departments', migration: m0027 },
  { name: '0028_companion_links', migration: m0028 },
];
