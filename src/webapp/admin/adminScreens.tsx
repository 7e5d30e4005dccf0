/**
 * The admin area's screens, one entry each: its path under /app/admin, its navigation label and what it renders with
 * the session. A new screen is a new module and one entry here (the layout's navigation and routing come from this
 * list). Order is the navigation's order.
 */
import type { ReactNode } from 'react';
import type { MessageKey } from '../i18n/messages';
import type { AdminSession } from './session';
import { BlacklistScreen } from './blacklist/BlacklistScreen';
import { HostsScreen } from './people/HostsScreen';

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
  render: (props: AdminScreenProps) => ReactNode;
}

export const ADMIN_SCREENS: AdminScreenEntry[] = [
  { path: '/admin/hosts', label: 'navHosts', render: (props) => <HostsScreen {...props} /> },
  { path: '/admin/blacklist', label: 'navBlacklist', render: (props) => <BlacklistScreen {...props} /> },
];
