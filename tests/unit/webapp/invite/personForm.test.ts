/** The invited visitor's people checked as the cloud checks them: the visitor needs a phone, a companion only a name. */
import { describe, expect, it } from 'vitest';
import { idCheckCharacter } from '../../../../src/shared/idNumber';
import { checkCompanion, checkVisitor, emptyPerson } from '../../../../src/webapp/invite/personForm';

const validId = `11010519900307123${idCheckCharacter('11010519900307123')}`;
const wrongCheckDigit = `${validId.slice(0, 17)}${validId.endsWith('0') ? '1' : '0'}`;

describe('personForm', () => {
  it('the visitor: name and phone required, the phone normalised, a valid resident ID kept upper-case', () => {
    expect(checkVisitor(emptyPerson()).problems).toEqual({ name: 'required', phone: 'required' });
    const ok = checkVisitor({ name: ' 吴用 ', phone: '136 5555 0021', idType: 'resident_id', idNumber: validId.toLowerCase() });
    expect(ok).toEqual({ problems: {}, value: { name: '吴用', phone: '13655550021', idType: 'resident_id', idNumber: validId } });
  });

  it('wrong fields are named: a hostile name, a short phone, a bad check digit, an unknown ID type', () => {
    const bad = checkVisitor({
      name: '<b>x</b>',
      phone: '12345',
      idType: 'resident_id',
      idNumber: wrongCheckDigit,
    });
    expect(bad.problems).toEqual({ name: 'name_invalid', phone: 'phone_invalid', idNumber: 'id_check_digit' });
    expect(bad.value).toBeUndefined();
    expect(checkVisitor({ name: '吴用', phone: '13655550021', idType: 'nope', idNumber: '' }).problems).toEqual({ idType: 'id_type_invalid' });
  });

  it('a companion: a name is enough; a phone or ID number given is checked', () => {
    expect(checkCompanion({ ...emptyPerson(), name: '公孙胜' })).toEqual({ problems: {}, value: { name: '公孙胜' } });
    expect(checkCompanion({ ...emptyPerson(), name: '戴宗', phone: '1' }).problems).toEqual({ phone: 'phone_invalid' });
    expect(checkCompanion({ ...emptyPerson(), name: '戴宗', idType: 'passport', idNumber: 'E1234567' }).value).toEqual({
      name: '戴宗',
      idType: 'passport',
      idNumber: 'E1234567',
    });
  });
});
