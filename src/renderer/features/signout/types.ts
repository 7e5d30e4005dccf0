import type { Visit } from '../../../shared/domain';
import type { UiError } from '../../state/types';

/** The sign-out feature's screens. */
export type SignOutScreenName = 'signOut' | 'today';

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
  /** the visit whose 结束访问 (end visit) button was tapped and now shows its confirmation */
  confirmingEndVisitId: string | null;
  busyVisitId: string | null;
  error: UiError | null;
}

export interface TodaySlice {
  today: TodayState;
  loadToday(): Promise<void>;
  signOutVisit(visitId: string): Promise<void>;
  askSignOutVisit(visitId: string | null): void;
  /** staff end a visit (a multi-day one early): the exit is recorded and the visit is over (visits.checkout endVisit) */
  endVisit(visitId: string): Promise<void>;
  askEndVisit(visitId: string | null): void;
}

/** Everything the sign-out feature adds to the kiosk store. */
export type SignOutFeatureState = SignOutSlice & TodaySlice;
