import type { BookingView, KioskSettingsPublic, Language, Visit } from '../../shared/domain';
import type { AppInfo, DeviceState, IdCardRead, IpcErrorCode, IpcOutput, PassdeskApi, SyncConflict, SyncState, TemperatureReading } from '../../shared/ipc';
import type { ConnectionSource, ConnectionState } from '../bridge/connectionState';

export type Screen = 'home' | 'checkinSearch' | 'bookingDetails' | 'pass' | 'signOut' | 'today' | 'conflicts';

/**
 * An error to show: a code of the contract's closed set, which has words in both languages; translated at render
 * time, so a language switch re-translates it.
 */
export interface UiError {
  code: IpcErrorCode;
}

export type IssuedPass = IpcOutput<'checkin.confirm'>['pass'];

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
  sync: SyncState | null;
  /** one entry per device kind the core reports, in DeviceKind order */
  devices: DeviceState[];
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
  goHome(): void;
  openCheckin(): void;
  openSignOut(): void;
  openToday(): void;
  /** the sync conflicts screen (from the status bar's conflict chip) */
  openConflicts(): void;
}

export interface CheckinState {
  query: string;
  searching: boolean;
  /** null until a search has answered */
  results: BookingView[] | null;
  selected: BookingView | null;
  confirming: boolean;
  /** made once per selected booking and kept across retries: a double tap cannot make two visits */
  visitId: string | null;
  issued: { visit: Visit; pass: IssuedPass } | null;
  error: UiError | null;
  /** the ID card whose holder's bookings are shown (masked, as the core sent it) */
  card: IdCardRead | null;
  /** an ID card was read and its bookings are being looked up */
  readingCard: boolean;
  /** the selected visitor's reading, sent with the check-in */
  temperature: TemperatureReading | null;
  measuring: boolean;
  /** printing the issued pass on the kiosk's ESC/POS printer */
  print: PassPrintState;
}

export interface PassPrintState {
  status: 'idle' | 'printing' | 'printed' | 'failed';
  error: UiError | null;
}

export interface CheckinSlice {
  checkin: CheckinState;
  setQuery(query: string): void;
  search(query?: string): Promise<void>;
  selectBooking(booking: BookingView): void;
  backToResults(): void;
  confirmArrival(): Promise<void>;
}

export interface PassPrintSlice {
  /** prints the issued pass (pass.print) on the ESC/POS printer; the result shows on the pass screen */
  printPass(): Promise<void>;
}

export interface IdCardSlice {
  /** a `device.idCard` event: on home or check-in search, look up the holder's bookings */
  receiveIdCard(card: IdCardRead): void;
}

export interface TemperatureSlice {
  /** asks the thermometer for one reading (booking details) */
  takeTemperature(): Promise<void>;
  /** a `device.temperature` event: shown on booking details */
  receiveTemperature(reading: TemperatureReading): void;
}

export interface SignOutState {
  token: string;
  busy: boolean;
  done: Visit | null;
  error: UiError | null;
}

export interface SignOutSlice {
  signOut: SignOutState;
  setSignOutToken(token: string): void;
  signOutByToken(token?: string): Promise<void>;
}

export interface TodayState {
  loading: boolean;
  visits: Visit[] | null;
  /** the visit whose sign-out button was tapped once and now asks to be confirmed */
  confirmingVisitId: string | null;
  busyVisitId: string | null;
  error: UiError | null;
}

export interface TodaySlice {
  today: TodayState;
  loadToday(): Promise<void>;
  signOutVisit(visitId: string): Promise<void>;
  askSignOutVisit(visitId: string | null): void;
}

export interface ConflictsState {
  loading: boolean;
  /** null until loaded; not yet acknowledged first, then newest first (the core's order) */
  items: SyncConflict[] | null;
  /** the conflict whose acknowledgement is on its way */
  busyCommandId: string | null;
  error: UiError | null;
}

export interface ConflictsSlice {
  conflicts: ConflictsState;
  loadConflicts(): Promise<void>;
  acknowledgeConflict(commandId: string): Promise<void>;
}

export type KioskState = SystemSlice &
  NavigationSlice &
  CheckinSlice &
  PassPrintSlice &
  IdCardSlice &
  TemperatureSlice &
  SignOutSlice &
  TodaySlice &
  ConflictsSlice;
