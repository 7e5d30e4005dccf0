/**
 * How a one-time sign-in code reaches a phone. The cloud holds one sender (CloudContext.signInCodeSender); the SMS
 * notifications (issue 13 item 4) will provide the real one. The console sender is for development: it prints the
 * code with the phone masked, so a developer signs in from the terminal and no log holds a phone number.
 */
import { maskPhone } from '../../shared/mask';

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
