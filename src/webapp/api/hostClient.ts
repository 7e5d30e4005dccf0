/**
 * The host area's API calls (issue 13 items 3 and 5): phone-code sign-in and sign-out, who is signed in, the inbox's
 * three boxes a page at a time, 代约, invitations, and the public host directory the apply form's picker searches.
 * Decisions are client.ts's decideBooking (POST /bookings/{id}/decision).
 */
import { Booking } from '../../shared/domain';
import type { BookingCreate } from '../../shared/api';
import { HostDirectory, HostInbox, Invitation, InvitationCreated, InvitationList, type HostInboxBox, type InvitationCreate } from '../../shared/hostDesk';
import { Me, SessionCreated, SignedOut, SignInCodeReceipt } from '../../shared/signIn';
import { call } from './client';

export const requestHostCode = (siteId: string, phone: string) => call(SignInCodeReceipt, 'POST', '/auth/codes', { body: { siteId, phone, audience: 'host' } });

export const openHostSession = (siteId: string, phone: string, code: string) =>
  call(SessionCreated, 'POST', '/auth/sessions', { body: { siteId, phone, code, audience: 'host' } });

/** Ends the session this bearer is (a phone sign-in's); a host token answers 404 session_unknown (an admin revokes it). */
export const endSession = (token: string) => call(SignedOut, 'DELETE', '/auth/sessions/current', { token });

export const whoAmI = (token: string) => call(Me, 'GET', '/me', { token });

export function readInbox(token: string, box: HostInboxBox, cursor?: string) {
  const query = new URLSearchParams({ box, limit: '20', ...(cursor !== undefined ? { cursor } : {}) });
  return call(HostInbox, 'GET', `/host/bookings?${query.toString()}`, { token });
}

/** 代约: a staff booking for the host's own visitor (approved at once where the site says so, else pending). */
export const bookForVisitor = (token: string, body: BookingCreate) => call(Booking, 'POST', '/bookings', { token, body });

export const createInvitation = (token: string, body: InvitationCreate) => call(InvitationCreated, 'POST', '/host/invitations', { token, body });

export const listInvitations = (token: string) => call(InvitationList, 'GET', '/host/invitations', { token });

export const revokeInvitation = (token: string, id: string) => call(Invitation, 'POST', `/host/invitations/${encodeURIComponent(id)}/revoke`, { token });

/** The site's hosts a visitor may come to see whose name begins with the text (no credential; names and departments only). */
export const searchHostDirectory = (siteId: string, q: string) =>
  call(HostDirectory, 'GET', `/sites/${encodeURIComponent(siteId)}/hosts?q=${encodeURIComponent(q)}`);
