import type { FaceAnswer } from '../face/answer';
import type { IdType } from '../../../shared/domain';
import type {
  HostHit,
  HostSearchResult,
  IdCardRead,
  TemperatureReading,
  WalkInLastVisit,
  WalkInDecisionEvent,
  WalkInDecisionState,
  WalkInOptions,
  WalkInPassView,
  WalkInScreening,
  WalkInTodayVisitor,
  WalkInWaitView,
} from '../../../shared/ipc';
import type { WalkInOfflineFallback } from '../../../shared/walkIn';
import type { UiError } from '../../state/types';

/** The walk-in feature's screens. */
export type WalkInScreenName = 'walkin';

/** A companion: by a card the core holds (shown masked), or typed. */
export type CompanionDraft = { kind: 'card'; card: IdCardRead } | { kind: 'typed'; name: string; idType: IdType; idNumber: string };

export interface WalkInForm {
  name: string;
  idType: IdType;
  idNumber: string;
  phone: string;
  company: string;
  title: string;
  visitType: string;
  reason: string;
  area: string;
  /** datetime-local values; empty: the default window (now → the end of the site's day) */
  start: string;
  end: string;
  remarks: string;
  selfDrive: boolean;
  plate: string;
  belongings: string;
  overrideReason: string;
}

/** A walk-in waiting for its host (approval `host`), as the waiting screen shows it. */
export interface HostWaitView {
  registrationId: string;
  bookingId: string;
  hostNameMasked: string;
  state: WalkInDecisionState;
  /** when the desk started waiting (ms, the renderer's clock): the elapsed time shown */
  since: number;
  offlineFallback?: WalkInOfflineFallback;
  /** rejected: the host's words */
  reason?: string;
  /** refused / failed: the code */
  code?: string;
  /** applying the offline rule or cancelling */
  busy: boolean;
}

export interface WalkInState {
  options: WalkInOptions | null;
  /** the lead's ID card as the core sent it (masked) */
  card: IdCardRead | null;
  lastVisit: WalkInLastVisit | null;
  /** the phone of the last visit, reused (shown masked; the core takes it from that visit) */
  reusedPhone: { visitId: string; phoneMasked: string } | null;
  today: WalkInTodayVisitor[] | null;
  form: WalkInForm;
  hostQuery: string;
  hostResult: HostSearchResult | null;
  host: HostHit | null;
  companions: CompanionDraft[];
  /** the next card read is a companion's */
  companionCardNext: boolean;
  temperature: TemperatureReading | null;
  measuring: boolean;
  submitting: boolean;
  /** the blacklist for the people of the form (walkin.screen), for the staff-only note; null until submitted */
  screening: WalkInScreening | null;
  /** the staff saw the `warn` note and go on (sent as walkin.register's staffAcknowledged) */
  staffAcknowledged: boolean;
  /** made once per form and kept across retries: a double tap cannot register twice */
  registrationId: string | null;
  error: UiError | null;
  /** after registration: the companions' passes (the lead's is the pass screen's own) */
  companionPasses: WalkInPassView[];
  companionPrint: Readonly<Record<string, 'printing' | 'printed' | 'failed'>>;
  /** the registration waits for its host (or their answer, when it was no) */
  hostWait: HostWaitView | null;
  /** 等待中的访客: walk-ins waiting for their host here (kept across a restart) and today's that ended; null until loaded */
  waits: WalkInWaitView[] | null;
  /** the face photo's consent (asked before the camera opens) and the photo taken; null until the visitor answers */
  face: WalkInFace | null;
}

/** The visitor's answer to the face photo consent, and the photo when they agreed and it was taken. */
export type WalkInFace = FaceAnswer;

export interface WalkInSlice {
  walkin: WalkInState;
  openWalkIn(): void;
  /** the walk-in form for the holder of a card read on check-in that found no booking today */
  openWalkInWithCard(card: IdCardRead): void;
  /** a `device.idCard` event: on the walk-in screen, the lead's card (or a companion's) */
  receiveWalkInCard(card: IdCardRead): void;
  setWalkInField<K extends keyof WalkInForm>(key: K, value: WalkInForm[K]): void;
  /** the face photo's consent answered (and the photo, when taken), or asked again (null) */
  setWalkInFace(face: WalkInFace | null): void;
  setHostQuery(query: string): void;
  searchHosts(): Promise<void>;
  chooseHost(host: HostHit): void;
  reuseLastVisit(): void;
  copyTodayVisitor(visitor: WalkInTodayVisitor): void;
  addTypedCompanion(): void;
  expectCompanionCard(): void;
  setCompanion(index: number, companion: CompanionDraft): void;
  removeCompanion(index: number): void;
  takeWalkInTemperature(): Promise<void>;
  /** screens the people (walkin.screen) and, unless a note waits for the staff or a refusal, registers */
  submitWalkIn(): Promise<void>;
  /** the staff acknowledge the `warn` note: the registration goes on */
  acknowledgeWalkInNote(): Promise<void>;
  /** prints a companion's pass (pass.print) on the ESC/POS printer */
  printCompanionPass(visitId: string): Promise<void>;
  /** a `walkin.decision` event: where the walk-in waiting for its host stands */
  receiveWalkInDecision(event: WalkInDecisionEvent): void;
  /** the visitor gives up: the walk-in is withdrawn (walkin.cancelWait) and the desk goes home */
  cancelHostWait(): Promise<void>;
  /** (re)loads the 等待中的访客 list (walkin.waits) */
  refreshWalkInWaits(): Promise<void>;
  /** picks a walk-in of that list up again: its waiting screen, its passes (approved) or how it ended */
  resumeWalkInWait(registrationId: string): void;
  /** the cloud is lost: apply the site's offline rule (walkin.applyOfflineRule) */
  applyWalkInOfflineRule(): Promise<void>;
}

export type WalkInFeatureState = WalkInSlice;
