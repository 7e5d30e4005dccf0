/**
 * A local stand-in for Alibaba Cloud SMS's SendSms (dysmsapi, RPC style), a real HTTP server on 127.0.0.1 for the
 * provider's tests. It checks a request as the service documents it, with its own code (not the provider's): the
 * common parameters, the Timestamp's freshness, a nonce used once, and the signature recomputed from the received
 * parameters (sorted, RFC 3986-encoded byte by byte, "POST&%2F&" + encoded query, HMAC-SHA1 keyed by secret + "&").
 * It answers as the service does: 200 {Code: "OK", BizId} on success; business refusals (isv.*) with HTTP 200 and
 * their Code; gateway refusals (SignatureDoesNotMatch, SignatureNonceUsed, InvalidTimeStamp.Expired…) with HTTP 4xx;
 * what a test scripts per phone number otherwise (throttled, system error, 503).
 */
import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StandInAnswer {
  status: number;
  body: Record<string, string>;
}

export interface StandInRequest {
  params: Record<string, string>;
  /** the signature matched the stand-in's own computation */
  signatureOk: boolean;
}

/** RFC 3986 percent-encoding of the UTF-8 bytes, unreserved characters kept (the stand-in's own implementation). */
function encode(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-_.~]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

export function expectedSignature(params: Record<string, string>, secret: string): string {
  const query = Object.keys(params)
    .filter((k) => k !== 'Signature')
    .sort()
    .map((k) => `${encode(k)}=${encode(params[k] ?? '')}`)
    .join('&');
  return createHmac('sha1', `${secret}&`)
    .update(`POST&${encode('/')}&${encode(query)}`)
    .digest('base64');
}

const answer = (status: number, code: string, message: string): StandInAnswer => ({ status, body: { RequestId: randomUUID(), Code: code, Message: message } });

export class AliyunSmsStandIn {
  readonly requests: StandInRequest[] = [];
  /** what a phone number gets once the request is valid (default: OK); a test changes it as it goes */
  readonly byPhone = new Map<string, StandInAnswer>();
  private readonly nonces = new Set<string>();
  private constructor(
    private readonly server: Server,
    readonly url: string,
    readonly accessKeyId: string,
    private readonly secret: string,
    /** the stand-in's clock, for the Timestamp's freshness */
    public now: () => Date,
  ) {}

  static async start(accessKeyId: string, secret: string, now: () => Date): Promise<AliyunSmsStandIn> {
    // eslint-disable-next-line prefer-const -- the handler reads it, and it exists only once the server listens
    let standIn: AliyunSmsStandIn | undefined;
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const reply = standIn!.handle(req.method ?? '', req.url ?? '', String(req.headers['content-type']), Buffer.concat(chunks).toString('utf8'));
        res.writeHead(reply.status, { 'content-type': 'application/json;charset=utf-8' }).end(JSON.stringify(reply.body));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    standIn = new AliyunSmsStandIn(server, `http://127.0.0.1:${port}`, accessKeyId, secret, now);
    return standIn;
  }

  static throttled(): StandInAnswer {
    return answer(200, 'isv.BUSINESS_LIMIT_CONTROL', '触发分钟级流控Permits:1');
  }
  static illegalNumber(): StandInAnswer {
    return answer(200, 'isv.MOBILE_NUMBER_ILLEGAL', '非法手机号');
  }
  static systemError(): StandInAnswer {
    return answer(200, 'isp.SYSTEM_ERROR', 'isp.SYSTEM_ERROR');
  }
  static unavailable(): StandInAnswer {
    return answer(503, 'ServiceUnavailable', 'The request has failed due to a temporary failure of the server.');
  }

  private handle(method: string, url: string, contentType: string, body: string): StandInAnswer {
    if (method !== 'POST' || url !== '/') return answer(404, 'InvalidAction.NotFound', 'Specified api is not found');
    if (!contentType.startsWith('application/x-www-form-urlencoded')) return answer(400, 'MissingParameter', 'form body expected');
    const params = Object.fromEntries(new URLSearchParams(body));
    const ok = params.Signature !== undefined && params.Signature === expectedSignature(params, this.secret);
    this.requests.push({ params, signatureOk: ok });
    for (const name of [
      'AccessKeyId',
      'Action',
      'Format',
      'SignatureMethod',
      'SignatureNonce',
      'SignatureVersion',
      'Timestamp',
      'Version',
      'Signature',
      'PhoneNumbers',
      'SignName',
      'TemplateCode',
    ]) {
      if (params[name] === undefined) return answer(400, 'MissingParameter', `${name} is mandatory for this action.`);
    }
    if (params.AccessKeyId !== this.accessKeyId) return answer(404, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.');
    if (params.Action !== 'SendSms' || params.Version !== '2017-05-25') return answer(404, 'InvalidAction.NotFound', 'Specified api is not found');
    if (params.SignatureMethod !== 'HMAC-SHA1' || params.SignatureVersion !== '1.0') return answer(400, 'InvalidParameter', 'signature method');
    const sent = Date.parse(params.Timestamp!);
    if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(params.Timestamp!) || Math.abs(sent - this.now().getTime()) > 15 * 60_000) {
      return answer(400, 'InvalidTimeStamp.Expired', 'Specified time stamp or date header is expired.');
    }
    if (this.nonces.has(params.SignatureNonce!)) return answer(400, 'SignatureNonceUsed', 'Specified signature nonce was used already.');
    this.nonces.add(params.SignatureNonce!);
    if (!ok) return answer(400, 'SignatureDoesNotMatch', 'Specified signature is not matched with our calculation.');
    if (params.TemplateParam !== undefined) {
      try {
        JSON.parse(params.TemplateParam);
      } catch {
        return answer(200, 'isv.INVALID_JSON_PARAM', 'JSON参数不合法');
      }
    }
    const scripted = this.byPhone.get(params.PhoneNumbers!);
    if (scripted) return { status: scripted.status, body: { ...scripted.body, RequestId: randomUUID() } };
    return { status: 200, body: { RequestId: randomUUID(), Code: 'OK', Message: 'OK', BizId: `${Date.now()}^0` } };
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
