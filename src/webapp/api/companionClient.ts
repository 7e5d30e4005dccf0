/**
 * Companion links (转发同伴填写): the applicant's calls (make, list, revoke the links of their booking) and the
 * companion's (read a link, fill in their details). Every reply parsed with its contract from src/shared.
 */
import {
  CompanionFillReceipt,
  CompanionLink,
  CompanionLinkCreated,
  CompanionLinkList,
  PublicCompanionLink,
  type CompanionFill,
} from '../../shared/companionLinks';
import { call } from './client';

const links = (bookingId: string) => `/me/bookings/${encodeURIComponent(bookingId)}/companion-links`;
const publicLink = (token: string) => `/companion-links/${encodeURIComponent(token)}`;

export const makeCompanionLink = (token: string, bookingId: string) => call(CompanionLinkCreated, 'POST', links(bookingId), { token });

export const listCompanionLinks = (token: string, bookingId: string) => call(CompanionLinkList, 'GET', links(bookingId), { token });

export const revokeCompanionLink = (token: string, bookingId: string, linkId: string) =>
  call(CompanionLink, 'POST', `${links(bookingId)}/${encodeURIComponent(linkId)}/revoke`, { token });

export const readCompanionLink = (linkToken: string) => call(PublicCompanionLink, 'GET', publicLink(linkToken));

export const fillCompanionLink = (linkToken: string, body: CompanionFill) => call(CompanionFillReceipt, 'POST', publicLink(linkToken), { body });
