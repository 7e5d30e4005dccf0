/** Issue 13 §4: the SMS settings from the environment; a wrong one is a clear error at start. */
import { describe, expect, it } from 'vitest';
import { notificationSettingsFromEnv, notifyIntervalMsOf, parseTemplateCodes } from '../../../../src/cloud/notifications/config';

const ALIYUN = {
  PASSDESK_SMS_PROVIDER: 'aliyun',
  PASSDESK_ALIYUN_SMS_ACCESS_KEY_ID: 'LTAI5t',
  PASSDESK_ALIYUN_SMS_ACCESS_KEY_SECRET: 'secret',
  PASSDESK_ALIYUN_SMS_SIGN_NAME: '访客通',
  PASSDESK_ALIYUN_SMS_TEMPLATES: 'hostNewApplication=SMS_1, hostVisitorArrived=SMS_2',
};

describe('notification settings from the environment', () => {
  it('defaults to the console provider, zh-CN, relative links; logs the message with the phone masked', async () => {
    const lines: string[] = [];
    const settings = notificationSettingsFromEnv({}, (l) => lines.push(l));
    expect([settings.provider.name, settings.language, settings.publicUrl]).toEqual(['console', 'zh-CN', '']);
    await settings.provider.send({ phone: '13912345678', template: 'signInCode', params: {}, text: '验证码 482913，致 13912345678', reference: 'sms_1' });
    expect(lines).toEqual(['SMS signInCode to 139****5678 [sms_1]: 验证码 482913，致 139****5678']);
    expect(notifyIntervalMsOf({})).toBe(5000);
    expect(notifyIntervalMsOf({ PASSDESK_NOTIFY_INTERVAL_SECONDS: '0' })).toBe(0);
  });

  it('builds the Alibaba Cloud provider from its settings, the SDKs’ key variables accepted too', () => {
    expect(
      notificationSettingsFromEnv({ ...ALIYUN, PASSDESK_SMS_LANGUAGE: 'en', PASSDESK_PUBLIC_URL: 'https://visits.example.com' }, () => undefined),
    ).toMatchObject({
      language: 'en',
      publicUrl: 'https://visits.example.com',
      provider: { name: 'aliyun' },
    });
    const { PASSDESK_ALIYUN_SMS_ACCESS_KEY_ID: _id, ...withoutId } = ALIYUN;
    expect(notificationSettingsFromEnv({ ...withoutId, ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAI5t' }, () => undefined).provider.name).toBe('aliyun');
    expect(parseTemplateCodes('visitorApproved=SMS_123,signInCode=SMS_9')).toEqual({ visitorApproved: 'SMS_123', signInCode: 'SMS_9' });
  });

  it.each([
    [{ PASSDESK_SMS_PROVIDER: 'twilio' }, /console or aliyun/],
    [{ PASSDESK_SMS_LANGUAGE: 'fr' }, /zh-CN or en/],
    [{ PASSDESK_PUBLIC_URL: 'visits.example.com' }, /http\(s\) URL/],
    [{ ...ALIYUN, PASSDESK_ALIYUN_SMS_SIGN_NAME: ' ' }, /PASSDESK_ALIYUN_SMS_SIGN_NAME/],
    [{ ...ALIYUN, PASSDESK_ALIYUN_SMS_ACCESS_KEY_SECRET: undefined }, /ACCESS_KEY_SECRET/],
    [{ ...ALIYUN, PASSDESK_ALIYUN_SMS_TEMPLATES: 'hostNewApplication=123' }, /name=SMS_<digits>/],
    [{ ...ALIYUN, PASSDESK_ALIYUN_SMS_TEMPLATES: 'hostNew=SMS_1' }, /unknown template "hostNew"/],
    [{ ...ALIYUN, PASSDESK_ALIYUN_SMS_ENDPOINT: 'https://dysmsapi.aliyuncs.com/path' }, /scheme:\/\/host/],
  ])('refuses %j', (env, message) => {
    expect(() => notificationSettingsFromEnv(env, () => undefined)).toThrow(message);
  });

  it('refuses an interval out of range', () => {
    expect(() => notifyIntervalMsOf({ PASSDESK_NOTIFY_INTERVAL_SECONDS: '-1' })).toThrow(/0\.\.3600/);
  });
});
