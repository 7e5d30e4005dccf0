/**
 * The admin screens' calls to the cloud (same origin, the session's bearer): kiosks and sites, enrolment codes,
 * revocation, policy layers, hosts, record pages, and file downloads (exports, the backup) read with their progress.
 */
import { KioskList, PolicyLayer, SiteList } from '../../shared/adminApi';
import { HostList } from '../../shared/api';
import { RecordPage, type RecordKind } from '../../shared/records';
import { API_PREFIX, ApiError, EnrolmentCodeCreated, KioskRevoked } from '../../shared/sync';
import { ApiFailure, NetworkFailure, call } from './client';

export const listKiosks = (token: string) => call(KioskList, 'GET', '/admin/kiosks', { token });
export const listSites = (token: string) => call(SiteList, 'GET', '/admin/sites', { token });
export const listHosts = (token: string) => call(HostList, 'GET', '/hosts', { token });

export const createEnrolmentCode = (token: string, siteId: string, ttlMinutes: number) =>
  call(EnrolmentCodeCreated, 'POST', '/admin/enrolment-codes', { token, body: { siteId, ttlMinutes } });

export const revokeKiosk = (token: string, kioskId: string) => call(KioskRevoked, 'POST', `/admin/kiosks/${encodeURIComponent(kioskId)}/revoke`, { token });

export type PolicyScope = 'sites' | 'kiosks';
export const readPolicy = (token: string, scope: PolicyScope, id: string) =>
  call(PolicyLayer, 'GET', `/admin/${scope}/${encodeURIComponent(id)}/policy`, { token });
export const writePolicy = (token: string, scope: PolicyScope, id: string, layer: PolicyLayer) =>
  call(PolicyLayer, 'POST', `/admin/${scope}/${encodeURIComponent(id)}/policy`, { token, body: layer });

/** A page of records; `search` holds the filter (and cursor) as the route's query string. */
export const readRecords = (token: string, kind: RecordKind, search: URLSearchParams) =>
  call(RecordPage, 'GET', `/admin/records/${kind}?${search.toString()}`, { token });

export interface DownloadedFile {
  blob: Blob;
  /** the name the cloud gave it (Content-Disposition), else `fallbackName` */
  name: string;
}

/** How much of a download has arrived; `total` when the cloud said its length. */
export interface DownloadProgress {
  received: number;
  total?: number;
}

function fileNameOf(disposition: string | null, fallbackName: string): string {
  const m = disposition === null ? null : /filename="([^"]+)"/.exec(disposition);
  return m?.[1] ?? fallbackName;
}

/** A file from the API read to its end with the bearer (a link cannot carry it), its progress reported as it arrives. */
export async function downloadFile(token: string, path: string, fallbackName: string, onProgress: (p: DownloadProgress) => void): Promise<DownloadedFile> {
  let res: Response;
  try {
    res = await fetch(`${API_PREFIX}${path}`, { headers: { authorization: `Bearer ${token}` } });
  } catch (err) {
    throw new NetworkFailure(err);
  }
  if (!res.ok) {
    const parsed = ApiError.safeParse(await res.json().catch(() => undefined));
    throw new ApiFailure(res.status, parsed.success ? parsed.data : { error: 'unexpected_reply', message: `HTTP ${res.status}` });
  }
  const length = Number(res.headers.get('content-length'));
  const total = Number.isFinite(length) && length > 0 ? length : undefined;
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let received = 0;
  try {
    const reader = res.body?.getReader();
    if (reader === undefined) throw new Error('no body');
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      received += value.byteLength;
      onProgress(total === undefined ? { received } : { received, total });
    }
  } catch (err) {
    // the connection broke midway: a short file is worse than none
    throw new NetworkFailure(err);
  }
  const type = res.headers.get('content-type') ?? 'application/octet-stream';
  return { blob: new Blob(chunks, { type }), name: fileNameOf(res.headers.get('content-disposition'), fallbackName) };
}

/** Hands a downloaded file to the browser as a download (a blob URL: the page's CSP allows nothing else). */
export function saveFile({ blob, name }: DownloadedFile): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
