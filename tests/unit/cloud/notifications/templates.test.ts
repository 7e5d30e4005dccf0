/** Issue 13 §4: the SMS texts in zh-CN and English, their parameters cut to what a provider takes, the visitor's link. */
import { describe, expect, it } from 'vitest';
import { localWindow } from '../../../../src/cloud/notifications/events';
import { PARAM_MAX, renderSms, smsParam, visitorLink } from '../../../../src/cloud/notifications/templates';

describe('SMS templates', () => {
  it('write each message in zh-CN and English, a visitor’s with the link to the pass or booking', () => {
    const arrived = { visitor: '张伟', kiosk: '东门访客机', time: '11-22 10:05' };
    expect(renderSms('hostVisitorArrived', arrived, 'zh-CN', '')).toBe('您的访客张伟已于11-22 10:05在东门访客机签到到达。');
    expect(renderSms('hostVisitorArrived', arrived, 'en', '')).toBe('Your visitor 张伟 has arrived: checked in at 东门访客机 at 11-22 10:05.');
    expect(renderSms('visitorReturned', { reason: '请补充公司名称', code: 'AB12' }, 'en', 'https://v.example.com/')).toBe(
      'Your booking was returned for changes: 请补充公司名称. Amend and resubmit it: https://v.example.com/app/bookings/AB12',
    );
    expect(visitorLink('', 'visitorApproved', 'AB 12')).toBe('/app/pass/AB%2012');
  });

  it('cut a parameter to one line of at most 35 characters', () => {
    expect(smsParam('  a\nb  ')).toBe('a b');
    const long = smsParam('很'.repeat(50));
    expect([...long]).toHaveLength(PARAM_MAX);
    expect(long.endsWith('…')).toBe(true);
  });

  it('write a window in the site’s zone, the day once when it is one day', () => {
    expect(localWindow('2026-11-22T01:00:00.000Z', '2026-11-22T09:00:00.000Z', 'Asia/Shanghai')).toBe('11-22 09:00–17:00');
    expect(localWindow('2026-11-22T01:00:00.000Z', '2026-11-24T09:00:00.000Z', 'Asia/Shanghai')).toBe('11-22 09:00–11-24 17:00');
  });
});
