import type { BookingView, Visit } from '../../../shared/domain';
import type { IdCardRead, IpcOutput, TemperatureReading } from '../../../shared/ipc';
import type { UiError } from '../../state/types';
import type { FaceAnswer } from '../face/answer';

/** The check-in feature's screens. */
export type CheckinScreen = 'checkinSearch' | 'bookingDetails' | 'pass';

export type IssuedPass = IpcOutput<'checkin.confirm'>['pass'];

export interface CheckinState {
  query: string;
  searching: boolean;
  /** null until a search has answered */
  results: BookingView[] | null;
  selected: BookingView | null;
  /** the staff saw the selected booking's `warn` note (BookingView.staffWarnings) and let the visitor in */
  staffAcknowledged: boolean;
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
  /** the face photo's consent (asked before the camera opens) and the photo taken, sent with the check-in; null: not answered */
  face: FaceAnswer | null;
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
  /** the staff acknowledge the selected booking's `warn` note: check-in may go on */
  acknowledgeStaffNote(): void;
  /** the face photo's consent answered (and the photo, when taken), or asked again (null) */
  setCheckinFace(face: FaceAnswer | null): void;
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

/** Everything the check-in feature adds to the kiosk store. */
export type CheckinFeatureState = CheckinSlice & PassPrintSlice & IdCardSlice & TemperatureSlice;
