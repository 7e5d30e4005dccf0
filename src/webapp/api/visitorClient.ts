/**
 * The visitor's side of the cloud API (issue 13 items 2 and 3): sign-in by phone and one-time code, "my bookings"
 * (read, amend and resubmit, cancel), my pass, finding a pass without an account, and an invitation's public view and
 * booking. Every reply parsed with its contract from src/shared.
 */
import type { BookingCreate, BookingEdit } from '../../shared/api';
import { InvitationBookingReceipt, PublicInvitation, type InvitationBookingCreate } from '../../shared/hostDesk';
import {
  FoundPasses,
  Me,
  MyBooking,
  MyBookingList,
  SessionCreated,
  SignedOut,
  SignInCodeReceipt,
  type PassFindRequest,
  type SessionCreate,
} from '../../shared/signIn';
import { Booking, type BookingStatus } from '../../shared/domain';
import { IssuedPass } from '../../shared/sync';
import { call } from './client';

const one = (id: string) => `/me/bookings/${encodeURIComponent(id)}`;

export const requestSignInCode = (siteId: string, phone: string) =>
  call(SignInCodeReceipt, 'POST', '/auth/codes', { body: { siteId, phone, audience: 'visitor' } });

export const openVisitorSession = (body: SessionCreate) => call(SessionCreated, 'POST', '/auth/sessions', { body });

export const signOutVisitor = (token: string) => call(SignedOut, 'DELETE', '/auth/sessions/current', { token });

export const whoAmI = (token: string) => call(Me, 'GET', '/me', { token });

/** A signed-in visitor's own application (201 with the booking; a blacklisted person is named, masked, in a 409). */
export const applyAsVisitor = (token: string, body: BookingCreate) => call(Booking, 'POST', '/bookings', { token, body });

export const listMyBookings = (token: string, status?: BookingStatus) =>
  call(MyBookingList, 'GET', `/me/bookings${status ? `?status=${status}` : ''}`, { token });

export const getMyBooking = (token: string, id: string) => call(MyBooking, 'GET', one(id), { token });

export const amendMyBooking = (token: string, id: string, body: BookingEdit) => call(MyBooking, 'PUT', one(id), { token, body });

export const cancelMyBooking = (token: string, id: string) => call(MyBooking, 'POST', `${one(id)}/cancel`, { token });

export const getMyPass = (token: string, id: string) => call(IssuedPass, 'GET', `${one(id)}/pass`, { token });

export const findPasses = (body: PassFindRequest) => call(FoundPasses, 'POST', '/passes/find', { body });

const invitation = (token: string) => `/invitations/${encodeURIComponent(token)}`;

export const readInvitation = (token: string) => call(PublicInvitation, 'GET', invitation(token));

export const bookByInvitation = (token: string, body: InvitationBookingCreate) =>
  call(InvitationBookingReceipt, 'POST', `${invitation(token)}/bookings`, { body });
