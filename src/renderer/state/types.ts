import type { KioskSettingsPublic, Language } from '../../shared/domain';
import type { AppInfo, IpcErrorCode, PassdeskApi } from '../../shared/ipc';
import type { ConnectionSource, ConnectionState } from '../bridge/connectionState';
import type { AdminDevicesSlice } from '../features/admin/devicesSlice';
import type { AdminFeatureState, AdminScreenName } from '../features/admin/types';
import type { CheckinFeatureState, CheckinScreen } from '../features/checkin/types';
import type { DevicesFeatureState } from '../features/devices/types';
import type { GateFeatureState, GateScreenName } from '../features/gate/types';
import type { HomeScreenName } from '../features/home/types';
import type { ReplacePhotoFeatureState } from '../features/staffphoto/types';
import type { SignOutFeatureState, SignOutScreenName } from '../features/signout/types';
import type { SyncFeatureState, SyncScreen } from '../features/sync/types';
import type { WalkInFeatureState, WalkInScreenName } from '../features/walkin/types';

export type Screen = HomeScreenName | CheckinScreen | SignOutScreenName | SyncScreen | WalkInScreenName | AdminScreenName | GateScreenName;

/**
 * An error to show: a code of the contract's closed set, which has words in both languages; translated at render
 * time, so a language switch re-translates it.
 */
export interface UiError {
  code: IpcErrorCode;
}

export interface StoreDeps {
  api: PassdeskApi;
  connection: ConnectionSource;
  /** a fresh UUID for a visit (crypto.randomUUID in the app) */
  newVisitId: () => string;
}

export interface SystemSlice {
  connection: ConnectionState;
  appInfo: AppInfo | null;
  settings: KioskSettingsPublic | null;
  language: Language;
  systemError: UiError | null;
  /** loads app info, settings, sync and device states and subscribes to events; returns the unsubscribe */
  start(): () => void;
  refreshSystem(): Promise<void>;
  setLanguage(language: Language): Promise<void>;
  /**
   * A scanned code (serial scanner event or keyboard-wedge burst): on home and check-in it searches bookings,
   * on sign-out it signs the pass out.
   */
  receiveScan(text: string): void;
}

export interface NavigationSlice {
  screen: Screen;
  /** increments whenever people's data is cleared; answers from an older flow are dropped */
  flowId: number;
  /**
   * A new flow on `screen`: every feature's people's data cleared, answers to the previous flow dropped; the core's
   * session goes on (a card just read starts a flow with that card).
   */
  beginFlow(screen: Screen): void;
  /** The visitor's session ends (home, done, idle): a new flow on home, and the core releases the cards it held. */
  goHome(): void;
  openCheckin(): void;
  openSignOut(): void;
  openToday(): void;
  /** the sync conflicts screen (from the status bar's conflict chip) */
  openConflicts(): void;
}

export type KioskState = SystemSlice &
  NavigationSlice &
  CheckinFeatureState &
  SignOutFeatureState &
  SyncFeatureState &
  DevicesFeatureState &
  WalkInFeatureState &
  AdminFeatureState &
  ReplacePhotoFeatureState &
  AdminDevicesSlice &
  GateFeatureState;
