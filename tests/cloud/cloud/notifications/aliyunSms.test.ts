/**
 * Issue 13 §4: the Alibaba Cloud SMS provider (SendSms, RPC signature V1) against a local stand-in that recomputes the
 * signature with its own code and answers as the service does; sendSmsNow through it. (The dispatcher sending the
 * outbox through it, on SQLite and PostgreSQL: dispatcher.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aliyunSmsProvider, outcomeOfAnswer, percentEncode, type AliyunSmsConfig } from '../../../../src/cloud/notifications/aliyunSms';
import type { NotificationSettings, SmsMessage } from '../../../../src/cloud/notifications/provider';
import { sendSmsNow } from '../../../../src/cloud/notifications/sendNow';
import { T0 } from '../../../support/cloud/harness';
import { AliyunSmsStandIn } from '../../../support/cloud/aliyunSmsStandIn';

const KEY_ID = 'LTAI5tStandInKeyId';
const SECRET = 'stand-in secret/+=&';
const OK_PHONE = '13800000001';
const THROTTLED_PHONE = '13800000002';
const ILLEGAL_PHONE = '13800000003';

const clock = new Date(T0);
let standIn: AliyunSmsStandIn;

beforeAll(async () => {
  standIn = await AliyunSmsStandIn.start(KEY_ID, SECRET, () => clock);
});
afterAll(() => standIn.close());

function config(over: Partial<AliyunSmsConfig> = {}): AliyunSmsConfig {
  return {
    accessKeyId: KEY_ID,
    accessKeySecret: SECRET,
    signName: '访客通',
    templateCodes: { hostVisitorArrived: 'SMS_100001', signInCode: 'SMS_100002' },
    endpoint: standIn.url,
    now: () => clock,
    ...over,
  };
}

const arrival = (phone: string, reference = 'ntf_1'): SmsMessage => ({
  phone,
  template: 'hostVisitorArrived',
  // characters the encoding must get right: CJK, space, * ~ ( ) ! ' + & =
  params: { visitor: "张伟 O'Brien", kiosk: '东门 (A*座)~!', time: '11-22 10:05+&=' },
  text: 'unused by this provider',
  reference,
});

describe('Alibaba Cloud SMS provider against the stand-in', () => {
  it('signs SendSms as documented: the stand-in recomputes the signature and accepts it; phone, sign, template and parameters arrive', async () => {
    const outcome = await aliyunSmsProvider(config()).send(arrival(OK_PHONE, 'ntf_signed'));
    expect(outcome).toMatchObject({ kind: 'sent', providerMessageId: expect.stringMatching(/\^0$/) as unknown });
    const got = standIn.requests.at(-1)!;
    expect(got.signatureOk).toBe(true);
    expect(got.params).toMatchObject({
      Action: 'SendSms',
      Version: '2017-05-25',
      Format: 'JSON',
      PhoneNumbers: OK_PHONE,
      SignName: '访客通',
      TemplateCode: 'SMS_100001',
      OutId: 'ntf_signed',
      Timestamp: '2026-11-22T02:00:00Z',
    });
    expect(JSON.parse(got.params.TemplateParam!)).toEqual(arrival(OK_PHONE).params);
    expect(percentEncode("a b*~'()!")).toBe('a%20b%2A~%27%28%29%21');
  });

  it('a bad signature is refused (SignatureDoesNotMatch), and that is final: not retried', async () => {
    const before = standIn.requests.length;
    const outcome = await aliyunSmsProvider(config({ accessKeySecret: 'not the secret' })).send(arrival(OK_PHONE));
    expect(outcome).toMatchObject({ kind: 'fail', code: 'SignatureDoesNotMatch' });
    expect(standIn.requests.slice(before).map((r) => r.signatureOk)).toEqual([false]);
    // a stale Timestamp is refused too (the stand-in's clock 20 minutes on)
    const stale = await aliyunSmsProvider(config({ now: () => new Date(clock.getTime() - 20 * 60_000) })).send(arrival(OK_PHONE));
    expect(stale).toMatchObject({ kind: 'fail', code: 'InvalidTimeStamp.Expired' });
  });

  it('throttling, the service’s faults and an unreachable endpoint are retryable; a bad number or an unconfigured template is not', async () => {
    standIn.byPhone.set(THROTTLED_PHONE, AliyunSmsStandIn.throttled());
    standIn.byPhone.set(ILLEGAL_PHONE, AliyunSmsStandIn.illegalNumber());
    standIn.byPhone.set('13800000004', AliyunSmsStandIn.systemError());
    standIn.byPhone.set('13800000005', AliyunSmsStandIn.unavailable());
    const provider = aliyunSmsProvider(config());
    const kinds = async (phone: string) => {
      const o = await provider.send(arrival(phone));
      return o.kind === 'sent' ? 'sent' : `${o.kind} ${o.code}`;
    };
    expect(await kinds(THROTTLED_PHONE)).toBe('retry isv.BUSINESS_LIMIT_CONTROL');
    expect(await kinds('13800000004')).toBe('retry isp.SYSTEM_ERROR');
    expect(await kinds('13800000005')).toBe('retry ServiceUnavailable');
    expect(await kinds(ILLEGAL_PHONE)).toBe('fail isv.MOBILE_NUMBER_ILLEGAL');
    expect(await aliyunSmsProvider(config({ endpoint: 'http://127.0.0.1:9' })).send(arrival(OK_PHONE))).toMatchObject({ kind: 'retry', code: 'network' });
    expect(await provider.send({ ...arrival(OK_PHONE), template: 'visitorApproved' })).toMatchObject({ kind: 'fail', code: 'template_not_configured' });
    expect(outcomeOfAnswer(400, { Code: 'Throttling.User', Message: 'Request was denied due to user flow control.' })).toMatchObject({ kind: 'retry' });
  });

  it('sendSmsNow sends one message at once through the configured provider (a sign-in code)', async () => {
    const settings: NotificationSettings = { provider: aliyunSmsProvider(config()), language: 'zh-CN', publicUrl: '' };
    const outcome = await sendSmsNow({ notifications: settings }, { phone: OK_PHONE, template: 'signInCode', params: { code: '482913', minutes: '5' } });
    expect(outcome.kind).toBe('sent');
    expect(standIn.requests.at(-1)!.params).toMatchObject({ TemplateCode: 'SMS_100002', TemplateParam: '{"code":"482913","minutes":"5"}' });
  });
});
