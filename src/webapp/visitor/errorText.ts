/**
 * A refusal as the visitor reads it: the wait a rate limit asks for, the tries left on a code, else the cloud's own
 * message (bilingual), and a lost connection in the page's language.
 */
import { z } from 'zod';
import { ApiFailure } from '../api/client';
import type { MessageKey } from '../i18n/messages';

type T = (key: MessageKey, values?: Record<string, string | number>) => string;

const RetryAfter = z.object({ retryAfterSeconds: z.number() });
const AttemptsLeft = z.object({ attemptsLeft: z.number() });

export function errorText(err: unknown, t: T): string {
  if (!(err instanceof ApiFailure)) return t('networkError');
  const { error, message, details } = err.body;
  if (error === 'rate_limited') {
    const wait = RetryAfter.safeParse(details);
    return t('errRateLimited', { seconds: wait.success ? wait.data.retryAfterSeconds : 60 });
  }
  if (error === 'code_invalid') {
    const left = AttemptsLeft.safeParse(details);
    if (!left.success) return t('errCodeExpired');
    return left.data.attemptsLeft > 0 ? t('errCodeInvalid', { n: left.data.attemptsLeft }) : t('errCodeTooManyTries');
  }
  if (err.status === 401) return t('errSessionEnded');
  return message;
}

/** Has the session ended (the cloud no longer takes the bearer)? */
export const sessionEnded = (err: unknown): boolean => err instanceof ApiFailure && err.status === 401;
