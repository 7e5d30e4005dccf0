import type { AdminSection } from '../../../shared/adminPin';
import type { AdminEnrolment, AdminOverview, AdminPolicy, AdminSession } from '../../../shared/contract/admin';
import type { IpcCallName, IpcInput, IpcOutput, TemperatureReading } from '../../../shared/ipc';
import type { UiError } from '../../state/types';

/** The admin feature's screens: the PIN pad (first PIN or unlock) and the admin home with its sections. */
export type AdminScreenName = 'adminPin' | 'adminHome';

/** What the last action of a section answered, shown beside it. */
export type AdminResult =
  | { kind: 'thermometer'; reading: TemperatureReading }
  | { kind: 'printer'; printer: string | null }
  | { kind: 'database'; ok: boolean; problems: string[] }
  | { kind: 'policy' }
  | { kind: 'pinChanged' }
  | { kind: 'staffPin' }
  | { kind: 'enrolled' }
  | { kind: 'left' };

export interface AdminState {
  /** the pad sets the first admin PIN (setup) or opens a session (unlock) */
  mode: 'unlock' | 'setup';
  /** setup: the new PIN typed once (enter), then again (confirm) */
  step: 'enter' | 'confirm';
  pin: string;
  firstPin: string;
  notice: 'wrong_pin' | 'wait' | 'mismatch' | 'weak' | null;
  /** epoch ms until which the pad waits (wrong PINs) */
  waitUntil: number | null;
  busy: boolean;
  error: UiError | null;
  /** the core's session while the admin home is open; never kept past it */
  session: AdminSession | null;
  section: AdminSection;
  overview: AdminOverview | null;
  staffPinSet: boolean;
  lockAfterS: number;
  result: AdminResult | null;
  /** the enrolment section: what the kiosk is enrolled as (loaded when the section opens) */
  enrolment: AdminEnrolment | null;
}

export interface AdminSlice {
  admin: AdminState;
  /** the gesture or the shortcut: ends the visitor's session and shows the PIN pad (first use: set the PIN) */
  openAdmin(): Promise<void>;
  /** the PIN as typed (digits only, at most 12) */
  setAdminPin(pin: string): void;
  submitAdminPin(): Promise<void>;
  /** locks now and returns home */
  lockAdmin(): void;
  /** the session's idle time passed (or the core locked it): locks and shows the PIN pad again */
  lockAdminToPad(): void;
  /** the admin home closed: the core forgets `token` */
  releaseAdminSession(token: string): void;
  /** activity on the admin home: keeps the core's session alive (at most every 20 s); locks when it has expired */
  adminActivity(): void;
  showAdminSection(section: AdminState['section']): void;
  loadAdminOverview(): Promise<void>;
  adminSyncNow(): Promise<void>;
  saveAdminPolicy(policy: AdminPolicy): Promise<void>;
  testThermometer(): Promise<void>;
  testPrinter(): Promise<void>;
  checkDatabase(): Promise<void>;
  changeAdminPin(current: string, pin: string): Promise<void>;
  setStaffPin(pin: string | null): Promise<void>;
  loadEnrolment(): Promise<void>;
  /** enrols (again) with a one-time code; `discardPending`: staff confirmed unsynced records may be lost */
  enrolKiosk(input: { cloudUrl: string; code: string; name: string; discardPending: boolean }): Promise<void>;
  leaveEnrolment(discardPending: boolean): Promise<void>;
  /**
   * An admin call whose answer the section keeps to itself (logs): made with the session, one at a time; a refusal
   * shows in the admin home's banner (a locked session sends the kiosk home) and answers undefined.
   */
  adminSectionCall<N extends IpcCallName>(name: N, input: Omit<IpcInput<N>, 'session'>): Promise<IpcOutput<N> | undefined>;
}

export type AdminFeatureState = AdminSlice;
