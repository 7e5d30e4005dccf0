/**
 * The notification settings from the environment (`npm run cloud`; README "Notifications"):
 * PASSDESK_SMS_PROVIDER console (default) | aliyun; PASSDESK_SMS_LANGUAGE zh-CN (default) | en; PASSDESK_PUBLIC_URL
 * (the web app's origin, the base of visitors' links); for aliyun: PASSDESK_ALIYUN_SMS_ACCESS_KEY_ID and
 * PASSDESK_ALIYUN_SMS_ACCESS_KEY_SECRET (or the SDKs' ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET),
 * PASSDESK_ALIYUN_SMS_SIGN_NAME, PASSDESK_ALIYUN_SMS_TEMPLATES (name=SMS_code pairs, comma-separated),
 * PASSDESK_ALIYUN_SMS_ENDPOINT, PASSDESK_ALIYUN_SMS_REGION. A wrong setting stops the start with a clear message.
 */
import { aliyunSmsProvider, ALIYUN_SMS_ENDPOINT } from './aliyunSms';
import { consoleProvider, type NotificationSettings } from './provider';
import { isSmsTemplate, SMS_TEMPLATES, type SmsLanguage, type SmsTemplate } from './templates';
import { NOTIFY_INTERVAL_MS } from './dispatcher';

type Env = Readonly<Record<string, string | undefined>>;

const value = (env: Env, ...names: string[]): string | undefined => {
  for (const name of names) {
    const v = env[name]?.trim();
    if (v !== undefined && v !== '') return v;
  }
  return undefined;
};

function required(env: Env, ...names: string[]): string {
  const v = value(env, ...names);
  if (v === undefined) throw new Error(`PASSDESK_SMS_PROVIDER=aliyun needs ${names.join(' or ')}`);
  return v;
}

/** "hostNewApplication=SMS_1,hostVisitorArrived=SMS_2" → the template codes. */
export function parseTemplateCodes(text: string): Partial<Record<SmsTemplate, string>> {
  const codes: Partial<Record<SmsTemplate, string>> = {};
  for (const pair of text
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '')) {
    const [name, code, ...rest] = pair.split('=').map((s) => s.trim());
    if (name === undefined || code === undefined || rest.length > 0 || !/^SMS_\d+$/.test(code)) {
      throw new Error(`PASSDESK_ALIYUN_SMS_TEMPLATES: ${JSON.stringify(pair)} is not name=SMS_<digits>`);
    }
    if (!isSmsTemplate(name)) throw new Error(`PASSDESK_ALIYUN_SMS_TEMPLATES: unknown template ${JSON.stringify(name)} (known: ${SMS_TEMPLATES.join(', ')})`);
    codes[name] = code;
  }
  return codes;
}

function languageOf(env: Env): SmsLanguage {
  const lang = value(env, 'PASSDESK_SMS_LANGUAGE') ?? 'zh-CN';
  if (lang !== 'zh-CN' && lang !== 'en') throw new Error(`PASSDESK_SMS_LANGUAGE must be zh-CN or en (got ${JSON.stringify(lang)})`);
  return lang;
}

function publicUrlOf(env: Env): string {
  const url = value(env, 'PASSDESK_PUBLIC_URL') ?? '';
  if (url !== '' && !/^https?:\/\/[^/\s]+(\/\S*)?$/.test(url)) throw new Error(`PASSDESK_PUBLIC_URL must be an http(s) URL (got ${JSON.stringify(url)})`);
  return url;
}

/** The settings the environment asks for; the console provider writes to `log`. */
export function notificationSettingsFromEnv(env: Env, log: (line: string) => void): NotificationSettings {
  const kind = value(env, 'PASSDESK_SMS_PROVIDER') ?? 'console';
  const base = { language: languageOf(env), publicUrl: publicUrlOf(env) };
  if (kind === 'console') return { ...base, provider: consoleProvider(log) };
  if (kind !== 'aliyun') throw new Error(`PASSDESK_SMS_PROVIDER must be console or aliyun (got ${JSON.stringify(kind)})`);
  const endpoint = value(env, 'PASSDESK_ALIYUN_SMS_ENDPOINT') ?? ALIYUN_SMS_ENDPOINT;
  if (!/^https?:\/\/[^/\s]+\/?$/.test(endpoint)) throw new Error(`PASSDESK_ALIYUN_SMS_ENDPOINT must be scheme://host[:port] (got ${JSON.stringify(endpoint)})`);
  return {
    ...base,
    provider: aliyunSmsProvider({
      accessKeyId: required(env, 'PASSDESK_ALIYUN_SMS_ACCESS_KEY_ID', 'ALIBABA_CLOUD_ACCESS_KEY_ID'),
      accessKeySecret: required(env, 'PASSDESK_ALIYUN_SMS_ACCESS_KEY_SECRET', 'ALIBABA_CLOUD_ACCESS_KEY_SECRET'),
      signName: required(env, 'PASSDESK_ALIYUN_SMS_SIGN_NAME'),
      templateCodes: parseTemplateCodes(required(env, 'PASSDESK_ALIYUN_SMS_TEMPLATES')),
      endpoint,
      regionId: value(env, 'PASSDESK_ALIYUN_SMS_REGION') ?? 'cn-hangzhou',
    }),
  };
}

/** PASSDESK_NOTIFY_INTERVAL_SECONDS: how often this process runs the dispatcher (default 5; 0: never). */
export function notifyIntervalMsOf(env: Env): number {
  const text = value(env, 'PASSDESK_NOTIFY_INTERVAL_SECONDS');
  if (text === undefined) return NOTIFY_INTERVAL_MS;
  const seconds = Number(text);
  if (!Number.isFinite(seconds) || seconds < 0 || seconds > 3600) throw new Error(`PASSDESK_NOTIFY_INTERVAL_SECONDS must be 0..3600 (got ${text})`);
  return seconds * 1000;
}
