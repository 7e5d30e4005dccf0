/**
 * The kiosk's client for the cloud's kiosk routes (src/shared/kioskDirectory.ts): a person's last visit, today's
 * visitors and the host directory of its site (short timeouts: the desk answers locally when these are slow), and
 * the host's decision on a walk-in (a long-poll of at most MAX_DECISION_WAIT_SECONDS, cancellable).
 */
import axios, { type AxiosInstance } from 'axios';
import { HostSearchResult, MAX_DECISION_WAIT_SECONDS, TodayVisits, VisitRecord, WalkInDecision, type LastVisitQuery } from '../../../shared/kioskDirectory';
import { Host } from '../../../shared/domain';
import { apiBase, CloudRequestError, parseReply, retryOnStaleSocket, toCloudError } from './cloudClient';

/** How long the desk waits for a look-up before it answers from its own data. */
export const DIRECTORY_TIMEOUT_MS = 1_500;

export interface KioskDirectoryClient {
  /** null when the cloud knows no earlier visit of this person at the site */
  lastVisit(q: LastVisitQuery, timeoutMs?: number): Promise<VisitRecord | null>;
  today(timeoutMs?: number): Promise<TodayVisits>;
  hosts(q: string, timeoutMs?: number): Promise<HostSearchResult>;
  /** one host of the site who may receive visitors, the record a pull delivers; null when there is none (无此受访人) */
  host(id: string, timeoutMs?: number): Promise<Host | null>;
  /** the walk-in's standing, after waiting up to `waitSeconds` (≤ 25) for the host; aborted by `signal` */
  decision(bookingId: string, waitSeconds: number, signal?: AbortSignal): Promise<WalkInDecision>;
}

export function createKioskDirectoryClient(baseUrl: string, credential: string): KioskDirectoryClient {
  const http: AxiosInstance = axios.create({ baseURL: apiBase(baseUrl), headers: { authorization: `Bearer ${credential}` }, proxy: false });
  const get = async <T>(
    what: string,
    url: string,
    params: Record<string, string | number>,
    timeout: number,
    parse: (data: unknown) => T,
    signal?: AbortSignal,
  ) => {
    try {
      // reads only: safe to send again when a reused keep-alive socket was dead
      const res = await retryOnStaleSocket(() => http.get(url, { params, timeout, ...(signal ? { signal } : {}) }));
      return parse(res.data);
    } catch (err) {
      throw toCloudError(err, what);
    }
  };
  return {
    async lastVisit(q, timeoutMs = DIRECTORY_TIMEOUT_MS) {
      const params: Record<string, string> = {};
      if (q.idKey !== undefined) params.idKey = q.idKey;
      if (q.phoneKey !== undefined) params.phoneKey = q.phoneKey;
      try {
        return await get('last visit', '/kiosk/visitors/last-visit', params, timeoutMs, (d) => parseReply(VisitRecord, d, 'last visit'));
      } catch (err) {
        if (err instanceof CloudRequestError && err.status === 404) return null;
        throw err;
      }
    },
    today: (timeoutMs = DIRECTORY_TIMEOUT_MS) => get('today', '/kiosk/visits/today', { limit: 200 }, timeoutMs, (d) => parseReply(TodayVisits, d, 'today')),
    async host(id, timeoutMs = DIRECTORY_TIMEOUT_MS) {
      try {
        return await get('host', `/kiosk/hosts/${encodeURIComponent(id)}`, {}, timeoutMs, (d) => parseReply(Host, d, 'host'));
      } catch (err) {
        if (err instanceof CloudRequestError && err.status === 404) return null;
        throw err;
      }
    },
    hosts: (q, timeoutMs = DIRECTORY_TIMEOUT_MS) => get('hosts', '/kiosk/hosts', { q }, timeoutMs, (d) => parseReply(HostSearchResult, d, 'hosts')),
    decision(bookingId, waitSeconds, signal) {
      const wait = Math.max(0, Math.min(MAX_DECISION_WAIT_SECONDS, Math.floor(waitSeconds)));
      // the cloud answers by the end of the wait; ten more seconds for the network before the kiosk gives up
      return get(
        'decision',
        `/kiosk/bookings/${encodeURIComponent(bookingId)}/decision`,
        { waitSeconds: wait },
        wait * 1000 + 10_000,
        (d) => parseReply(WalkInDecision, d, 'decision'),
        signal,
      );
    },
  };
}

/** One client per cloud URL and credential (the credential changes at enrolment, the URL with the settings). */
export function kioskDirectoryClients(): (creds: { cloudUrl: string; credential: string } | undefined) => KioskDirectoryClient | undefined {
  let cached: { key: string; client: KioskDirectoryClient } | undefined;
  return (creds) => {
    if (!creds) return undefined;
    const key = `${creds.cloudUrl}\n${creds.credential}`;
    if (cached?.key !== key) cached = { key, client: createKioskDirectoryClient(creds.cloudUrl, creds.credential) };
    return cached.client;
  };
}
