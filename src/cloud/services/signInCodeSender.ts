/**
 * How a one-time sign-in code reaches a phone. The cloud holds one sender (CloudContext.signInCodeSender); the SMS
 * notifications (issue 13 item 4) provide the real one (SmsSignInCodeSender, chosen when a real SMS provider is set). The console sender is for development: it prints the
 * code with the phone masked, so a developer signs in from the terminal and no log holds a phone number.
 */
import { maskPhone } from '../../shared/mask';
import type { NotificationSettings } from '../notifications/provider';
import { sendSmsNow } from '../notifications/sendNow';

export interface SignInCodeSender {
  /** delivers `code` to `phone` (normalised) for a sign-in at `siteId`; rejects when it could not */
  send(siteId: string, phone: string, code: string): Promise<void>;
}

export class ConsoleSignInCodeSender implements SignInCodeSender {
  constructor(private readonly write: (line: string) => void = (line) => process.stdout.write(`${line}\n`)) {}

  send(siteId: string, phone: string, code: string): Promise<void> {
    this.write(`[sign-in code] site ${siteId}, phone ${maskPhone(phone)}: ${code} (valid 5 minutes)`);
    return Promise.resolve();
  }
}

/** Production: the code as an SMS through the configured provider (notifications/), sent at once, never queued. */
export class SmsSignInCodeSender implements SignInCodeSender {
  constructor(private readonly notifications: NotificationSettings) {}

  async send(_siteId: string, phone: string, code: string): Promise<void> {
    const outcome = await sendSmsNow({ notifications: this.notifications }, { phone, template: 'signInCode', params: { code, minutes: '5' } });
    if (outcome.kind !== 'sent') throw new Error(`the sign-in code could not be sent (${outcome.kind} ${outcome.code})`);
  }
}

/** The sender a cloud uses: SMS when a real provider is configured, the console (development) otherwise. */
export function signInCodeSenderFor(notifications: NotificationSettings): SignInCodeSender {
  return notifications.provider.name === 'console' ? new ConsoleSignInCodeSender() : new SmsSignInCodeSender(notifications);
}
