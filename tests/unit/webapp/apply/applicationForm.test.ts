/**
 * The web app's application form (src/webapp/apply/applicationForm.ts): each field's problem before anything is
 * sent, the request body of a right draft, and the cloud's refusals mapped back onto the fields.
 */
import { describe, expect, it } from 'vitest';
import {
  checkApplication,
  DEFAULT_APPLICATION_RULES,
  emptyDraft,
  FIELD_PROBLEMS,
  fromLocalInput,
  problemsOfApiError,
  toLocalInput,
  type ApplicationDraft,
} from '../../../../src/webapp/apply/applicationForm';
import { PROBLEM_TEXT } from '../../../../src/webapp/i18n/messages';

const NOW = new Date(2026, 10, 22, 9, 30);
const good: ApplicationDraft = {
  name: ' 孙小美 ',
  phone: '136 5555 6666',
  idType: 'resident_id',
  idNumber: '11010519491231002x',
  hostId: 'host_demo_liming',
  reason: '送合同',
  windowStart: '2026-11-22T10:00',
  windowEnd: '2026-11-22T12:00',
};
const check = (over: Partial<ApplicationDraft>, rules = DEFAULT_APPLICATION_RULES) => checkApplication({ ...good, ...over }, rules, NOW);
const problemsOf = (over: Partial<ApplicationDraft>, rules = DEFAULT_APPLICATION_RULES) => {
  const r = check(over, rules);
  return r.ok ? {} : r.problems;
};

describe('the application form', () => {
  it('a right draft becomes the anonymous booking body: trimmed, phone normalised, ID upper-cased, window as instants', () => {
    const r = check({});
    expect(r).toEqual({
      ok: true,
      body: {
        source: 'self',
        hostId: 'host_demo_liming',
        visitor: { name: '孙小美', phone: '13655556666', idType: 'resident_id', idNumber: '11010519491231002X' },
        companions: [],
        reason: '送合同',
        windowStart: new Date(2026, 10, 22, 10, 0).toISOString(),
        windowEnd: new Date(2026, 10, 22, 12, 0).toISOString(),
      },
    });
  });

  it('every empty required field is named; the ID number only when the site requires it', () => {
    const empty = { name: '', phone: ' ', idNumber: '', hostId: '', reason: '', windowStart: '', windowEnd: '' };
    expect(problemsOf(empty)).toEqual({
      name: 'required',
      phone: 'required',
      hostId: 'required',
      reason: 'required',
      windowStart: 'required',
      windowEnd: 'required',
    });
    expect(problemsOf({ idNumber: '' })).toEqual({});
    expect(problemsOf({ idNumber: '' }, { idNumberRequired: true })).toEqual({ idNumber: 'required' });
  });

  it('refuses bad phones, hostile names and wrong resident ID numbers, each on its field', () => {
    expect(problemsOf({ phone: '12345', hostId: '<host>' })).toEqual({ phone: 'phone_invalid', hostId: 'required' });
    expect(problemsOf({ name: '<script>' })).toEqual({ name: 'name_invalid' });
    expect(problemsOf({ name: 'x'.repeat(41) })).toEqual({ name: 'name_invalid' });
    expect(problemsOf({ name: 'evil\u202Ename' })).toEqual({ name: 'name_invalid' });
    expect(problemsOf({ idNumber: '110105194912310021' })).toEqual({ idNumber: 'id_check_digit' });
    expect(problemsOf({ idNumber: '110105194913310028' })).toEqual({ idNumber: 'id_birth_date' });
    expect(problemsOf({ idNumber: '12-34' })).toEqual({ idNumber: 'id_format' });
    expect(problemsOf({ idNumber: '1234567' })).toEqual({ idNumber: 'id_format' });
    // a passport number is not a resident ID: only its form is checked
    expect(problemsOf({ idType: 'passport', idNumber: 'E12345678' })).toEqual({});
    expect(problemsOf({ idType: 'driving_licence' })).toEqual({ idType: 'id_type_invalid' });
    expect(problemsOf({ reason: 'r'.repeat(201) })).toEqual({ reason: 'text_invalid' });
  });

  it('refuses a window that ends before it starts, has ended, or is not a date', () => {
    expect(problemsOf({ windowEnd: '2026-11-22T09:00' })).toEqual({ windowEnd: 'window_order' });
    expect(problemsOf({ windowStart: '2026-11-22T07:00', windowEnd: '2026-11-22T09:00' })).toEqual({ windowEnd: 'window_in_past' });
    expect(problemsOf({ windowStart: 'tomorrow' })).toEqual({ windowStart: 'datetime_invalid' });
    expect(problemsOf({ windowStart: '2026-02-30T10:00' })).toEqual({ windowStart: 'datetime_invalid' });
    expect(fromLocalInput('2026-02-30T10:00')).toBeUndefined();
  });

  it('starts empty with a window from the next full hour, for two hours', () => {
    const d = emptyDraft(NOW);
    expect(d).toMatchObject({ name: '', idType: 'resident_id', windowStart: '2026-11-22T10:00', windowEnd: '2026-11-22T12:00' });
    expect(toLocalInput(fromLocalInput(d.windowStart)!)).toBe(d.windowStart);
    // the empty form's only problems are the fields a visitor must fill
    expect(Object.keys(problemsOf(d)).sort()).toEqual(['hostId', 'name', 'phone', 'reason']);
  });

  it('maps the cloud’s refusals onto the fields they concern, and leaves the others to the form', () => {
    expect(problemsOfApiError({ error: 'id_number_invalid', message: '…', details: { who: 'visitor', problem: 'check_digit' } })).toEqual({
      idNumber: 'id_check_digit',
    });
    expect(problemsOfApiError({ error: 'window_too_long', message: '…', details: { maxWindowDays: 7 } })).toEqual({ windowEnd: 'window_too_long' });
    expect(problemsOfApiError({ error: 'window_too_far_ahead', message: '…' })).toEqual({ windowStart: 'window_too_far_ahead' });
    expect(
      problemsOfApiError({
        error: 'invalid_request',
        message: 'the request does not match the schema',
        details: {
          issues: [
            { path: '/body/visitor/phone', message: 'phone' },
            { path: '/body/companions/0/name', message: 'x' },
          ],
        },
      }),
    ).toEqual({ phone: 'phone_invalid' });
    expect(problemsOfApiError({ error: 'rate_limited', message: '请求过于频繁 / too many requests' })).toBeUndefined();
    expect(problemsOfApiError({ error: 'host_not_found', message: '无此受访人' })).toEqual({ hostId: 'host_not_found' });
  });

  it('a signed-in visitor applies with the phone they signed in with; an official visit names no host', () => {
    const r = checkApplication({ ...good, phone: '' }, DEFAULT_APPLICATION_RULES, NOW, { signedInPhone: '13655550001' });
    expect(r.ok && r.body.visitor.phone).toBe('13655550001');
    const official = checkApplication({ ...good, hostId: '' }, DEFAULT_APPLICATION_RULES, NOW, { noHost: true });
    expect(official.ok && official.body.hostId).toBeUndefined();
  });

  it('has words for every problem in both languages', () => {
    for (const p of FIELD_PROBLEMS) {
      expect(PROBLEM_TEXT[p]['zh-CN'], p).toMatch(/\p{Script=Han}/u);
      expect(PROBLEM_TEXT[p].en, p).toMatch(/^[A-Z]/);
    }
  });
});
