/**
 * The admin area's screens, one entry each: its path under /app/admin, its navigation label, the account roles besides
 * an administrator's it is shown to, and what it renders with the session. A new screen is a new module and one entry
 * here (the layout's navigation and routing come from this list). Order is the navigation's order; a role's first
 * screen is where it lands after signing in.
 */
import { lazy, Suspense, type ReactNode } from 'react';
import { useLanguage } from '../i18n/language';
import type { MessageKey } from '../i18n/messages';
import type { AccountRole } from '../../shared/accounts';
import { isAdministrator, type AdminSession } from './session';
import { ReviewScreen } from './review/ReviewScreen';
import { BackupScreen } from './backup/BackupScreen';
import { KiosksScreen } from './kiosks/KiosksScreen';
import { RecordsScreen } from './records/RecordsScreen';
import { ListsScreen } from './lists/ListsScreen';
import { BlacklistScreen } from './blacklist/BlacklistScreen';
import { HostsScreen } from './people/HostsScreen';
import { AccountsScreen } from './accounts/AccountsScreen';
import { PrivacyScreen } from './privacy/PrivacyScreen';
import { SiteTextsScreen } from './privacy/SiteTextsScreen';

export interface AdminScreenProps {
  session: AdminSession;
  /** the cloud refused the session (401): back to sign-in, with why */
  onSignOut: (notice?: string) => void;
}

export interface AdminScreenEntry {
  /** the path inside the app, starting with /admin/ */
  path: string;
  /** its label in the navigation (the screen's own heading may say more) */
  label: MessageKey;
  /** the roles besides an administrator's who see it (a reviewer: Review; a records viewer: Records); none: administrators only */
  roles?: readonly AccountRole[];
  render: (props: AdminScreenProps) => ReactNode;
}

function Loading() {
  const { t } = useLanguage();
  return <p role="status">{t('loading')}</p>;
}

/** The dashboard and its charting library load when it is first opened (a visitor's page never carries them). */
const DashboardScreen = lazy(() => import('./dashboard/DashboardScreen').then((m) => ({ default: m.DashboardScreen })));

export const ADMIN_SCREENS: AdminScreenEntry[] = [
  // first: what an administrator opens the area to see
  {
    path: '/admin/dashboard',
    label: 'navDashboard',
    render: (props) => (
      <Suspense fallback={<Loading />}>
        <DashboardScreen {...props} />
      </Suspense>
    ),
  },
  { path: '/admin/kiosks', label: 'navKiosks', render: (p) => <KiosksScreen {...p} /> },
  // a reviewer's queue (issue 14 item 1): their departments' bookings; an administrator's: the site's
  { path: '/admin/review', label: 'navReview', roles: ['reviewer'], render: (p) => <ReviewScreen {...p} /> },
  { path: '/admin/records', label: 'navRecords', roles: ['records_viewer'], render: (p) => <RecordsScreen {...p} /> },
  { path: '/admin/backup', label: 'navBackup', render: (p) => <BackupScreen {...p} /> },
  // the site's lists a booking names items of (issue 13 item 1)
  { path: '/admin/lists', label: 'navLists', render: (props) => <ListsScreen {...props} /> },
  { path: '/admin/hosts', label: 'navHosts', render: (props) => <HostsScreen {...props} /> },
  { path: '/admin/blacklist', label: 'navBlacklist', render: (props) => <BlacklistScreen {...props} /> },
  // the staff accounts and their roles (issue 14 item 1)
  { path: '/admin/accounts', label: 'navAccounts', render: (props) => <AccountsScreen {...props} /> },
  // a site's texts for visitors, its retention and a visitor's data on request (issue 14 items 2 and 6)
  { path: '/admin/texts', label: 'navTexts', render: (props) => <SiteTextsScreen {...props} /> },
  { path: '/admin/privacy', label: 'navPrivacy', render: (props) => <PrivacyScreen {...props} /> },
];

/** The screens a session is shown (and may open): all for an administrator, else those of its roles. */
export function screensFor(session: AdminSession): AdminScreenEntry[] {
  if (isAdministrator(session)) return ADMIN_SCREENS;
  return ADMIN_SCREENS.filter((s) => s.roles?.some((r) => session.roles?.includes(r)));
}
