/**
 * Locking the Electron shell down: CSP on every response, no new windows, no navigation away from the app,
 * no <webview>, and of all permissions only the camera (`media`, video) for the app's own origin.
 */
import { app, session, type WebContents } from 'electron';
import { contentSecurityPolicy } from '../../../platform/contentSecurity';
import { createLogger } from '../../core/log';
import { isAppUrl } from './appProtocol';
import { grantsPermission, passesPermissionCheck } from './permissions';

const log = createLogger('electron');

function lockDown(contents: WebContents): void {
  contents.setWindowOpenHandler(({ url }) => {
    log.warn(`blocked a new window for ${url.slice(0, 200)}`);
    return { action: 'deny' };
  });
  const stayHome = (event: { preventDefault(): void }, url: string) => {
    if (!isAppUrl(url)) {
      event.preventDefault();
      log.warn(`blocked navigation to ${url.slice(0, 200)}`);
    }
  };
  contents.on('will-navigate', stayHome);
  contents.on('will-redirect', stayHome);
  contents.on('will-frame-navigate', (details) => stayHome(details, details.url));
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

export function hardenElectron(): void {
  app.on('web-contents-created', (_event, contents) => lockDown(contents));

  const ses = session.defaultSession;
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [contentSecurityPolicy()],
        'X-Content-Type-Options': ['nosniff'],
      },
    });
  });
  ses.setPermissionRequestHandler((contents, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details && Array.isArray(details.mediaTypes) ? details.mediaTypes : undefined;
    const allowed = grantsPermission({ permission, requestingUrl: details.requestingUrl, pageUrl: contents.getURL(), ...(mediaTypes ? { mediaTypes } : {}) });
    if (!allowed) log.warn(`denied permission ${permission} for ${details.requestingUrl.slice(0, 200)}`);
    callback(allowed);
  });
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) => passesPermissionCheck(permission, requestingOrigin, details.mediaType));
  ses.setDevicePermissionHandler(() => false);
}
