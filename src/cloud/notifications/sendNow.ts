/**
 * Sending one SMS now, through the configured provider, without the outbox: for messages only worth sending at once
 * (a one-time sign-in code: a retry minutes later is of no use, and the code is never stored). The caller reads the
 * outcome (sent, retry, fail) and answers its own client; nothing is logged here but the provider's own line (the
 * console provider's, phone masked).
 */
import type { CloudContext } from '../context';
import { sendThrough } from './dispatcher';
import type { SendOutcome } from './provider';
import { renderSms, type SmsParams, type SmsTemplate } from './templates';
import { newId } from '../../platform/secrets';

export interface DirectSms<T extends SmsTemplate> {
  /** a mainland mobile (13812345678) or +country code and number */
  phone: string;
  template: T;
  params: SmsParams[T];
}

/** e.g. sendSmsNow(ctx, { phone, template: 'signInCode', params: { code: '482913', minutes: '5' } }) */
export async function sendSmsNow<T extends SmsTemplate>(ctx: Pick<CloudContext, 'notifications'>, sms: DirectSms<T>): Promise<SendOutcome> {
  const settings = ctx.notifications;
  const params: Record<string, string> = { ...sms.params };
  return sendThrough(settings, {
    phone: sms.phone,
    template: sms.template,
    params,
    text: renderSms(sms.template, params, settings.language, settings.publicUrl),
    reference: newId('sms'),
  });
}
