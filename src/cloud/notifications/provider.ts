/**
 * How a message leaves the cloud (issue 13 §4): a NotificationProvider sends one SMS and says how it went. The
 * dispatcher (dispatcher.ts) retries what a provider calls retryable, gives up on the rest; a provider that throws
 * (a network fault, a timeout) counts as retryable. Two providers: the console provider (development, the default:
 * it logs the message, phone masked) and Alibaba Cloud SMS (aliyunSms.ts).
 */
import { maskPhone, redactText } from '../../shared/mask';
import type { SmsLanguage, SmsTemplate } from './templates';

export interface SmsMessage {
  /** the recipient's number as stored (a mainland mobile, or +country code) */
  phone: string;
  template: SmsTemplate;
  /** the template's parameters (templates.ts) */
  params: Readonly<Record<string, string>>;
  /** the text in the configured language, for providers that send text (and for logs, redacted) */
  text: string;
  /** our id of the message (the outbox row), for the provider's own reference (Alibaba's OutId) */
  reference: string;
}

export type SendOutcome =
  | { kind: 'sent'; providerMessageId?: string }
  /** worth trying again later: throttled, the provider's fault, the network */
  | { kind: 'retry'; code: string; message: string }
  /** will never succeed as it is: a bad number, a template not configured, credentials refused */
  | { kind: 'fail'; code: string; message: string };

export interface NotificationProvider {
  /** console, aliyun… (recorded on each message sent) */
  readonly name: string;
  send(message: SmsMessage): Promise<SendOutcome>;
}

/** What the cloud needs to send: the provider, the language of texts, and the base of the links in them. */
export interface NotificationSettings {
  readonly provider: NotificationProvider;
  readonly language: SmsLanguage;
  /** the web app's origin (PASSDESK_PUBLIC_URL), the base of a visitor's link */
  readonly publicUrl: string;
}

/** The one line a log holds of a message: its template, the masked number and the text with numbers redacted. */
export function smsLogLine(message: Pick<SmsMessage, 'phone' | 'template' | 'text' | 'reference'>): string {
  return `SMS ${message.template} to ${maskPhone(message.phone)} [${message.reference}]: ${redactText(message.text)}`;
}

/** Development: every message "sent" is a log line (phone masked, other numbers in the text redacted). */
export function consoleProvider(log: (line: string) => void): NotificationProvider {
  return {
    name: 'console',
    send(message) {
      log(smsLogLine(message));
      return Promise.resolve({ kind: 'sent' });
    },
  };
}
