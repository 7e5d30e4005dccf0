/**
 * The SMS texts (issue 13 §4), zh-CN first and English, one per template. A message is queued as a template name and
 * its parameters (strings only, as SMS providers take them, each at most PARAM_MAX characters); the text is made when
 * it is sent: the console provider prints it, Alibaba Cloud SMS holds the same text as a registered template (its
 * code configured per name) and gets only the parameters. Links are never a parameter (Alibaba refuses URL variables,
 * isv.PARAM_NOT_SUPPORT_URL): the booking code is, and the link's base is fixed (PASSDESK_PUBLIC_URL here, the
 * registered template's text there).
 */
export const SMS_TEMPLATES = [
  /** a host: a visitor applied (or waits at the desk) for them to approve */
  'hostNewApplication',
  /** a host: their visitor checked in at a kiosk */
  'hostVisitorArrived',
  /** a visitor: approved, with the link to the pass */
  'visitorApproved',
  /** a visitor: rejected, with the reason */
  'visitorRejected',
  /** a visitor: returned to amend, with the reason and the link to the booking */
  'visitorReturned',
  /** a one-time sign-in code (sendSmsNow, for the visitors' and hosts' sign-in) */
  'signInCode',
] as const;
export type SmsTemplate = (typeof SMS_TEMPLATES)[number];
export type SmsLanguage = 'zh-CN' | 'en';

export const isSmsTemplate = (name: string): name is SmsTemplate => (SMS_TEMPLATES as readonly string[]).includes(name);

/** Alibaba Cloud SMS takes template variables of at most 35 characters (isv.PARAM_LENGTH_LIMIT): ours are cut to fit. */
export const PARAM_MAX = 35;

/** A parameter as a provider takes it: one line, at most PARAM_MAX characters (a longer one ends in …). */
export function smsParam(value: string): string {
  const line = value.replace(/\s+/g, ' ').trim();
  const chars = [...line];
  return chars.length <= PARAM_MAX ? line : `${chars.slice(0, PARAM_MAX - 1).join('')}…`;
}

/** The parameters each template takes. */
export interface SmsParams {
  hostNewApplication: { visitor: string; window: string; code: string };
  hostVisitorArrived: { visitor: string; kiosk: string; time: string };
  visitorApproved: { host: string; window: string; code: string };
  visitorRejected: { host: string; reason: string; code: string };
  visitorReturned: { reason: string; code: string };
  signInCode: { code: string; minutes: string };
}

/** Where a visitor's link leads: the web app's pass (approved) or booking page, by booking code. */
export function visitorLink(publicUrl: string, template: 'visitorApproved' | 'visitorRejected' | 'visitorReturned', code: string): string {
  const base = publicUrl.replace(/\/+$/, '');
  return `${base}/app/${template === 'visitorApproved' ? 'pass' : 'bookings'}/${encodeURIComponent(code)}`;
}

type Texts = { [T in SmsTemplate]: Record<SmsLanguage, (p: SmsParams[T], link: string) => string> };

const TEXTS: Texts = {
  hostNewApplication: {
    'zh-CN': (p) => `访客${p.visitor}申请于${p.window}来访，请您审批（预约码${p.code}）。`,
    en: (p) => `Visitor ${p.visitor} asks to visit ${p.window}: please approve or decline (booking ${p.code}).`,
  },
  hostVisitorArrived: {
    'zh-CN': (p) => `您的访客${p.visitor}已于${p.time}在${p.kiosk}签到到达。`,
    en: (p) => `Your visitor ${p.visitor} has arrived: checked in at ${p.kiosk} at ${p.time}.`,
  },
  visitorApproved: {
    'zh-CN': (p, link) => `您${p.window}拜访${p.host}的预约已确认，通行证：${link}`,
    en: (p, link) => `Your visit to ${p.host} (${p.window}) is confirmed. Your pass: ${link}`,
  },
  visitorRejected: {
    'zh-CN': (p, link) => `很抱歉，您拜访${p.host}的预约未获通过：${p.reason}。详情：${link}`,
    en: (p, link) => `Sorry, your visit to ${p.host} was declined: ${p.reason}. Details: ${link}`,
  },
  visitorReturned: {
    'zh-CN': (p, link) => `您的来访预约已退回：${p.reason}。请修改后重新提交：${link}`,
    en: (p, link) => `Your booking was returned for changes: ${p.reason}. Amend and resubmit it: ${link}`,
  },
  signInCode: {
    'zh-CN': (p) => `您的验证码为${p.code}，${p.minutes}分钟内有效，请勿告诉他人。`,
    en: (p) => `Your sign-in code is ${p.code}, valid for ${p.minutes} minutes. Do not share it.`,
  },
};

/** The text of a message in `language`; a parameter the template needs and the row lacks reads as an empty string. */
export function renderSms(template: SmsTemplate, params: Readonly<Record<string, string>>, language: SmsLanguage, publicUrl: string): string {
  const code = params.code ?? '';
  const link = template === 'visitorApproved' || template === 'visitorRejected' || template === 'visitorReturned' ? visitorLink(publicUrl, template, code) : '';
  const render = TEXTS[template][language] as (p: Readonly<Record<string, string>>, link: string) => string;
  return render(new Proxy(params, { get: (t, k) => (typeof k === 'string' ? (t[k] ?? '') : undefined) }), link);
}
