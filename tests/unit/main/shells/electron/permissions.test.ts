/**
 * The Electron shell's permission rule (src/main/shells/electron/permissions.ts): the camera (media, video only) for
 * the app's own origin from the app's own page, nothing else — no microphone, no other origin, no other permission.
 */
import { describe, expect, it } from 'vitest';
import { grantsPermission, passesPermissionCheck } from '../../../../../src/main/shells/electron/permissions';

const APP = 'passdesk://app/index.html';

describe('grantsPermission', () => {
  it('grants the camera (video only) to the app itself', () => {
    expect(grantsPermission({ permission: 'media', requestingUrl: APP, pageUrl: APP, mediaTypes: ['video'] })).toBe(true);
  });

  it.each([
    ['the microphone', { permission: 'media', requestingUrl: APP, pageUrl: APP, mediaTypes: ['audio'] }],
    ['camera with microphone', { permission: 'media', requestingUrl: APP, pageUrl: APP, mediaTypes: ['video', 'audio'] }],
    ['media without a type', { permission: 'media', requestingUrl: APP, pageUrl: APP, mediaTypes: [] }],
    ['another origin', { permission: 'media', requestingUrl: 'https://evil.example/', pageUrl: APP, mediaTypes: ['video'] }],
    ['a foreign page', { permission: 'media', requestingUrl: APP, pageUrl: 'https://evil.example/', mediaTypes: ['video'] }],
    ['a look-alike host', { permission: 'media', requestingUrl: 'passdesk://app.evil/', pageUrl: APP, mediaTypes: ['video'] }],
    ['geolocation', { permission: 'geolocation', requestingUrl: APP, pageUrl: APP }],
    ['notifications', { permission: 'notifications', requestingUrl: APP, pageUrl: APP }],
  ])('refuses %s', (_what, ask) => {
    expect(grantsPermission(ask)).toBe(false);
  });
});

describe('passesPermissionCheck', () => {
  it('answers yes for the camera from the app only', () => {
    expect(passesPermissionCheck('media', 'passdesk://app', 'video')).toBe(true);
    expect(passesPermissionCheck('media', 'passdesk://app', 'audio')).toBe(false);
    expect(passesPermissionCheck('media', 'http://127.0.0.1:4780', 'video')).toBe(false);
    expect(passesPermissionCheck('clipboard-read', 'passdesk://app', undefined)).toBe(false);
  });
});
