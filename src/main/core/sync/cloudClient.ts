/**
 * The kiosk's HTTP client for the cloud's sync protocol (src/shared/sync.ts). Every reply is parsed with
 * its schema; failures become a CloudRequestError saying whether the cloud was unreachable or answered no. A pull or a
 * push that went out on a dead kept-alive socket is sent again once (retryOnStaleSocket).
 */
import axios, { type AxiosInstance, isAxiosError } from 'axios';
import { z } from 'zod';
import { API_PREFIX, ApiError, EnrolResponse, PullResponse, PushResponse, type EnrolRequest, type SignedCommand } from '../../../shared/sync';
import { messageOf } from '../../../shared/errorText';

/** A pull as the kiosk reads it: the policy unchecked here, so that one failing its schema keeps out only itself (src/main/core/policy.ts). */
export const PulledPage = PullResponse.extend({ policy: z.unknown().optional() });
export type PulledPage = z.infer<typeof PulledPage>;

export class CloudRequestError extends Error {
  constructor(
    /** unreachable: no whole answer (network, timeout, cut off, 5xx); refused: a 4xx; invalid: an answer of the wrong shape */
    readonly kind: 'unreachable' | 'refused' | 'invalid',
    message: string,
    readonly status?: number,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'CloudRequestError';
  }
}

export function toCloudError(err: unknown, what: string): CloudRequestError {
  if (err instanceof CloudRequestError) return err;
  if (isAxiosError(err)) {
    const status = err.response?.status;
    if (status === undefined) return new CloudRequestError('unreachable', `${what}: cloud unreachable (${err.code ?? err.message})`);
    // a 2xx or 3xx that still failed was cut off on the way (a reset or truncated body): no answer, try again —
    // never "refused", which would keep a confirmed check-in out of the cloud as rejected (the faulty network drill)
    if (status < 400) return new CloudRequestError('unreachable', `${what}: the cloud's answer was cut off (${err.code ?? err.message})`, status);
    const body = ApiError.safeParse(err.response?.data);
    const detail = body.success ? `${body.data.error}: ${body.data.message}` : `HTTP ${status}`;
    const kind = status >= 500 || status === 408 || status === 429 ? 'unreachable' : 'refused';
    return new CloudRequestError(kind, `${what}: ${detail}`, status, body.success ? body.data.error : undefined);
  }
  return new CloudRequestError('unreachable', `${what}: ${messageOf(err)}`);
}

/**
 * A request the cloud never saw: sent on a kept-alive socket the other end had closed meanwhile (its idle timeout, a
 * restart), so the socket was reset (ECONNRESET, EPIPE) before any byte of the answer came.
 */
export function isStaleSocketReset(err: unknown): boolean {
  if (!isAxiosError(err) || err.response !== undefined) return false;
  if (err.code !== 'ECONNRESET' && err.code !== 'EPIPE') return false;
  // Node's ClientRequest says whether its socket was reused; axios hands it over as is, or wrapped by follow-redirects
  const request: unknown = err.request;
  const current: unknown = isObject(request) && '_currentRequest' in request ? request._currentRequest : request;
  return isObject(current) && 'reusedSocket' in current && current.reusedSocket === true;
}

const isObject = (v: unknown): v is object => typeof v === 'object' && v !== null;

/**
 * Sends a request again, once, when its reused keep-alive socket turned out dead (isStaleSocketReset): only for
 * requests safe to repeat — reads, and the push (the cloud applies each command once, by its id).
 */
export async function retryOnStaleSocket<T>(send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (err) {
    if (!isStaleSocketReset(err)) throw err;
    return send();
  }
}

export function parseReply<S extends z.ZodType>(schema: S, data: unknown, what: string): z.infer<S> {
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw new CloudRequestError('invalid', `${what}: the cloud's answer has the wrong shape`);
  return parsed.data;
}

/** The sync protocol's base URL on a cloud (a trailing slash on `baseUrl` is ignored). */
export const apiBase = (baseUrl: string): string => `${baseUrl.replace(/\/+$/, '')}${API_PREFIX}`;

export interface CloudClient {
  /** `report`: what the cloud's list of kiosks shows (software version, commands waiting) */
  /** report.config: the config version the kiosk holds (PullQuery.config); `signal` gives up the request */
  pull(cursor: string | undefined, limit?: number, report?: { version?: string; pending?: number; config?: string }, signal?: AbortSignal): Promise<PulledPage>;
  push(commands: readonly SignedCommand[]): Promise<PushResponse>;
}

export function createCloudClient(baseUrl: string, credential: string, timeoutMs = 10_000): CloudClient {
  const http: AxiosInstance = axios.create({
    baseURL: apiBase(baseUrl),
    timeout: timeoutMs,
    headers: { authorization: `Bearer ${credential}` },
    proxy: false,
  });
  return {
    async pull(cursor, limit = 500, report = {}, signal) {
      try {
        const params: Record<string, string | number> = { limit };
        if (cursor !== undefined) params.cursor = cursor;
        if (report.version !== undefined) params.version = report.version;
        if (report.pending !== undefined) params.pending = report.pending;
        if (report.config !== undefined) params.config = report.config;
        const res = await retryOnStaleSocket(() => http.get('/sync/pull', { params, ...(signal ? { signal } : {}) }));
        return parseReply(PulledPage, res.data, 'pull');
      } catch (err) {
        throw toCloudError(err, 'pull');
      }
    },
    async push(commands) {
      try {
        const res = await retryOnStaleSocket(() => http.post('/sync/push', { commands }));
        return parseReply(PushResponse, res.data, 'push');
      } catch (err) {
        throw toCloudError(err, 'push');
      }
    },
  };
}

export async function requestEnrolment(baseUrl: string, body: EnrolRequest, timeoutMs = 15_000): Promise<EnrolResponse> {
  try {
    const res = await axios.post(`${apiBase(baseUrl)}/kiosks/enrol`, body, { timeout: timeoutMs, proxy: false });
    return parseReply(EnrolResponse, res.data, 'enrol');
  } catch (err) {
    throw toCloudError(err, 'enrol');
  }
}
