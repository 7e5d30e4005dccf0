/**
 * The renderer's Content-Security-Policy. With a port (browser shell) the page may also open its IPC
 * WebSocket on 127.0.0.1:PORT; without (Electron) it talks only through the preload.
 */
export function contentSecurityPolicy(wsPort?: number): string {
  return [
    "default-src 'self'",
    wsPort === undefined ? "connect-src 'self'" : `connect-src 'self' ws://127.0.0.1:${wsPort}`,
    "img-src 'self' data: blob:",
    "media-src 'self' blob: mediastream:",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self' 'unsafe-inline'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** The security headers every response of the browser shell carries. */
export function securityHeaders(port: number): Record<string, string> {
  return {
    'content-security-policy': contentSecurityPolicy(port),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
    'cross-origin-opener-policy': 'same-origin',
    'cache-control': 'no-store',
  };
}
