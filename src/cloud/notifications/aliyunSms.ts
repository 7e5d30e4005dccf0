/**
 * Alibaba Cloud SMS (短信服务), operation SendSms of API version 2017-05-25, called as its documentation describes,
 * without the SDK:
 * - the operation: https://help.aliyun.com/document_detail/55284.html (SendSms: PhoneNumbers, SignName, TemplateCode,
 *   TemplateParam as a JSON string of string values, OutId; the answer's Code is "OK" on success, with BizId; the API
 *   is not idempotent: "请您做好幂等控制", which the outbox's idempotency key and claims do);
 * - the signature, RPC style (V1): https://www.alibabacloud.com/help/en/sms/signature-method — every parameter but
 *   Signature sorted by name, names and values percent-encoded per RFC 3986 (unreserved A-Z a-z 0-9 - _ . ~ kept,
 *   space as %20, never +), joined with & into the canonicalised query string; StringToSign =
 *   HTTPMethod & percentEncode("/") & percentEncode(canonicalised query string);
 *   Signature = Base64(HMAC-SHA1(AccessKeySecret + "&", StringToSign)).
 * The request is a POST with the parameters as an application/x-www-form-urlencoded body (kept out of URLs and
 * proxy logs). Answers: Code OK → sent; throttling (isv.BUSINESS_LIMIT_CONTROL, Throttling*), the service's own
 * faults (isp.SYSTEM_ERROR, InternalError, ServiceUnavailable, HTTP 5xx), a reused nonce and network faults or
 * timeouts → retry; anything else (SignatureDoesNotMatch, isv.MOBILE_NUMBER_ILLEGAL, a template not approved…) → fail.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { redactText } from '../../shared/mask';
import { messageOf } from '../../shared/errorText';
import type { NotificationProvider, SendOutcome, SmsMessage } from './provider';
import type { SmsTemplate } from './templates';

export const ALIYUN_SMS_ENDPOINT = 'https://dysmsapi.aliyuncs.com';
export const ALIYUN_SMS_VERSION = '2017-05-25';

export interface AliyunSmsConfig {
  accessKeyId: string;
  accessKeySecret: string;
  /** 短信签名: the approved signature name */
  signName: string;
  /** the approved template code (SMS_…) of each of our templates; a message of a template without one fails */
  templateCodes: Partial<Record<SmsTemplate, string>>;
  /** default ALIYUN_SMS_ENDPOINT */
  endpoint?: string;
  /** default cn-hangzhou */
  regionId?: string;
  /** per request; default 10 s (the documentation advises at least 1 s) */
  timeoutMs?: number;
  /** the clock of the Timestamp parameter (tests) */
  now?: () => Date;
}

/** RFC 3986 percent-encoding as the signature wants it: only A-Z a-z 0-9 - _ . ~ stay as they are. */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The canonicalised query string: every parameter but Signature, sorted by name, encoded, joined with &. */
export function canonicalQuery(params: Readonly<Record<string, string>>): string {
  return Object.keys(params)
    .filter((k) => k !== 'Signature')
    .sort()
    .map((k) => `${percentEncode(k)}=${percentEncode(params[k]!)}`)
    .join('&');
}

/** Signature = Base64(HMAC-SHA1(secret + "&", method & %2F & percentEncode(canonicalised query string))). */
export function rpcSignature(method: 'GET' | 'POST', params: Readonly<Record<string, string>>, accessKeySecret: string): string {
  const stringToSign = `${method}&${percentEncode('/')}&${percentEncode(canonicalQuery(params))}`;
  return createHmac('sha1', `${accessKeySecret}&`).update(stringToSign, 'utf8').digest('base64');
}

/** ISO 8601 in UTC without milliseconds, as the Timestamp parameter is written: 2026-11-22T02:05:00Z. */
const timestampOf = (d: Date): string => `${d.toISOString().slice(0, 19)}Z`;

/** The signed parameters of one SendSms call (the body of the POST). */
export function signedSendSmsParams(config: AliyunSmsConfig, message: SmsMessage, templateCode: string, nonce = randomUUID()): Record<string, string> {
  const params: Record<string, string> = {
    AccessKeyId: config.accessKeyId,
    Action: 'SendSms',
    Format: 'JSON',
    RegionId: config.regionId ?? 'cn-hangzhou',
    SignatureMethod: 'HMAC-SHA1',
    SignatureNonce: nonce,
    SignatureVersion: '1.0',
    Timestamp: timestampOf((config.now ?? (() => new Date()))()),
    Version: ALIYUN_SMS_VERSION,
    PhoneNumbers: message.phone,
    SignName: config.signName,
    TemplateCode: templateCode,
    TemplateParam: JSON.stringify(message.params),
    OutId: message.reference,
  };
  return { ...params, Signature: rpcSignature('POST', params, config.accessKeySecret) };
}

const RETRYABLE_CODES = new Set(['isv.BUSINESS_LIMIT_CONTROL', 'isp.SYSTEM_ERROR', 'InternalError', 'ServiceUnavailable', 'SignatureNonceUsed']);

/** What an answer of SendSms means for the message. */
export function outcomeOfAnswer(httpStatus: number, body: { Code?: unknown; Message?: unknown; BizId?: unknown }): SendOutcome {
  const code = typeof body.Code === 'string' ? body.Code : `http_${httpStatus}`;
  const message = redactText(typeof body.Message === 'string' ? body.Message : `HTTP ${httpStatus}`);
  if (httpStatus >= 200 && httpStatus < 300 && code === 'OK')
    return { kind: 'sent', ...(typeof body.BizId === 'string' ? { providerMessageId: body.BizId } : {}) };
  const retryable = RETRYABLE_CODES.has(code) || code.startsWith('Throttling') || httpStatus >= 500 || httpStatus === 429;
  return { kind: retryable ? 'retry' : 'fail', code, message };
}

export function aliyunSmsProvider(config: AliyunSmsConfig): NotificationProvider {
  const endpoint = (config.endpoint ?? ALIYUN_SMS_ENDPOINT).replace(/\/+$/, '');
  return {
    name: 'aliyun',
    async send(message) {
      const templateCode = config.templateCodes[message.template];
      if (templateCode === undefined) {
        return {
          kind: 'fail',
          code: 'template_not_configured',
          message: `no Alibaba Cloud template code for ${message.template} (PASSDESK_ALIYUN_SMS_TEMPLATES)`,
        };
      }
      const params = signedSendSmsParams(config, message, templateCode);
      const body = Object.entries(params)
        .map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`)
        .join('&');
      let res: Response;
      try {
        res = await fetch(`${endpoint}/`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
          body,
          signal: AbortSignal.timeout(config.timeoutMs ?? 10_000),
        });
      } catch (err) {
        return { kind: 'retry', code: 'network', message: redactText(`SendSms unreachable: ${messageOf(err)}`) };
      }
      const text = await res.text().catch(() => '');
      let answer: { Code?: unknown; Message?: unknown; BizId?: unknown } = {};
      try {
        const parsed: unknown = JSON.parse(text);
        if (typeof parsed === 'object' && parsed !== null) answer = parsed;
      } catch {
        // not JSON (a proxy's error page): judged by the HTTP status alone
      }
      return outcomeOfAnswer(res.status, answer);
    },
  };
}
