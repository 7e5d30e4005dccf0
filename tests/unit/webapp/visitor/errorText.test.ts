/** The cloud's refusals as a visitor reads them: the wait a rate limit asks for, the tries left on a code. */
import { describe, expect, it } from 'vitest';
import { ApiFailure, NetworkFailure } from '../../../../src/webapp/api/client';
import { MESSAGES, type MessageKey } from '../../../../src/webapp/i18n/messages';
import { errorText, sessionEnded } from '../../../../src/webapp/visitor/errorText';

const words = (language: 'zh-CN' | 'en') => (key: MessageKey, values?: Record<string, string | number>) =>
  MESSAGES[language][key].replace(/\{(\w+)\}/g, (m, name: string) => (values?.[name] !== undefined ? String(values[name]) : m));
const zh = words('zh-CN');

describe('errorText', () => {
  it('a rate limit says how long to wait, in each language', () => {
    const limited = new ApiFailure(429, { error: 'rate_limited', message: 'too many requests; try again in 42 s', details: { retryAfterSeconds: 42 } });
    expect(errorText(limited, zh)).toBe('操作过于频繁，请 42 秒后再试。');
    expect(errorText(limited, words('en'))).toBe('Too many requests: try again in 42 seconds.');
  });

  it('a wrong code says the tries left; the last one, that the code is dead; none live, to ask again', () => {
    const wrong = (details?: unknown) => new ApiFailure(422, { error: 'code_invalid', message: '验证码错误', ...(details ? { details } : {}) });
    expect(errorText(wrong({ attemptsLeft: 3 }), zh)).toBe('验证码错误，还可尝试 3 次。');
    expect(errorText(wrong({ attemptsLeft: 0 }), zh)).toBe('验证码错误次数过多，已失效，请重新获取。');
    expect(errorText(wrong(), zh)).toBe('验证码错误或已失效，请重新获取。');
  });

  it('an ended session, another refusal (the cloud’s own words) and no connection', () => {
    const ended = new ApiFailure(401, { error: 'unauthorized', message: 'no' });
    expect(errorText(ended, zh)).toBe('登录已失效，请重新登录。');
    expect(sessionEnded(ended)).toBe(true);
    expect(errorText(new ApiFailure(409, { error: 'booking_not_editable', message: '预约已确认，不能修改 / approved' }), zh)).toBe(
      '预约已确认，不能修改 / approved',
    );
    expect(errorText(new NetworkFailure(new Error('offline')), zh)).toBe('无法连接服务器，请稍后重试。');
    expect(sessionEnded(new NetworkFailure(new Error('offline')))).toBe(false);
  });
});
