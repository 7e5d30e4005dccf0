/**
 * The walk-in e2e's card: a Uyghur name with a middle dot and a CJK Extension-A character (阿依古丽·㐀买提), the case
 * issue 9 asks to survive card → form → cloud → pass. One fixture, read by the simulated reader in every flow that
 * starts from it.
 */
import type { CardFixture } from '../../../src/main/devices/idcard/fixtures';

export const MINORITY_NAME = '阿依古丽·㐀买提';
export const MINORITY_ID_NUMBER = '650102199203150042';

export const minorityNameCard: CardFixture = {
  type: 'resident',
  name: MINORITY_NAME,
  sex: '2',
  nation: '05',
  birthDate: '19920315',
  address: '新疆维吾尔自治区乌鲁木齐市天山区解放南路1号',
  idNumber: MINORITY_ID_NUMBER,
  issuer: '乌鲁木齐市公安局天山区分局',
  validFrom: '20150610',
  validUntil: '20350610',
};
