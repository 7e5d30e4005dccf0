/**
 * Which permission requests the Electron shell grants, as a pure rule (hardening.ts hands Electron's requests to it):
 * only `media` for video alone (the face photo's camera; never the microphone), asked by the app's own origin from
 * the app's own page. Everything else (geolocation, notifications, audio, screen capture, HID/serial/USB) is refused.
 */
import { isAppUrl } from './appUrl';

export interface PermissionAsk {
  permission: string;
  /** the URL of the frame asking */
  requestingUrl: string;
  /** the URL of the page (web contents) it is in */
  pageUrl: string;
  /** media requests: what they want ('video', 'audio'); absent for other permissions */
  mediaTypes?: readonly string[];
}

export function grantsPermission(ask: PermissionAsk): boolean {
  const fromApp = isAppUrl(ask.requestingUrl) && isAppUrl(ask.pageUrl);
  const videoOnly = ask.mediaTypes !== undefined && ask.mediaTypes.length > 0 && ask.mediaTypes.every((t) => t === 'video');
  return ask.permission === 'media' && fromApp && videoOnly;
}

/** The synchronous check (enumerateDevices' labels, permissions.query): media, video or unspecified, from the app. */
export function passesPermissionCheck(permission: string, requestingOrigin: string, mediaType: string | undefined): boolean {
  return permission === 'media' && (mediaType === undefined || mediaType === 'video' || mediaType === 'unknown') && isAppUrl(`${requestingOrigin}/`);
}
