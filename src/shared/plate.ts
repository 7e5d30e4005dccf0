/**
 * Mainland China vehicle plates (seed 003: a visitor who drives gives the plate): the province's character, the
 * issuing office's letter, then five characters (a regular plate, 7 in all, its last one may be 挂 / 学 / 警 / 港 / 澳)
 * or six of a new-energy plate (8 in all: D or F first and four digits last for a small car, five digits then D or F
 * for a large one). Typed with spaces, a middle dot or lower case, it is stored as 京A12345 / 粤BD12345.
 * Runs everywhere: no Node, DOM or Electron imports.
 */
import { z } from 'zod';

const PROVINCES = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼使领';
/** the letters of a plate: I and O are never used (they read as 1 and 0) */
const L = 'A-HJ-NP-Z';
const REGULAR = new RegExp(`^[${PROVINCES}][${L}][${L}0-9]{4}[${L}0-9挂学警港澳]$`, 'u');
const NEW_ENERGY = new RegExp(`^[${PROVINCES}][${L}](?:[DF][${L}0-9]\\d{4}|\\d{5}[DF])$`, 'u');

/** A plate as typed, without its spaces and dots, in upper case. */
export const normalizePlate = (s: string): string => s.replace(/[\s\u3000·•.-]+/gu, '').toUpperCase();

/** Why a plate is not one: null when it is. */
export function checkPlate(plate: string): 'length' | 'format' | null {
  const p = normalizePlate(plate);
  if ([...p].length !== 7 && [...p].length !== 8) return 'length';
  return REGULAR.test(p) || NEW_ENERGY.test(p) ? null : 'format';
}

export const PLATE_ERROR = '车牌号格式不正确（如 京A12345，新能源 粤BD12345） / not a mainland plate number (e.g. 京A12345, new-energy 粤BD12345)';

/** A plate, normalised and checked. */
export const Plate = z
  .string()
  .overwrite(normalizePlate)
  .refine((p) => checkPlate(p) === null, { error: PLATE_ERROR });
export type Plate = z.infer<typeof Plate>;
