/**
 * Mainland plates (src/shared/plate.ts) and a group pass's vehicle list CSV (src/shared/vehicleCsv.ts), shared by the
 * cloud and the web app: regular and new-energy plates, normalised; the template parses back; every wrong line named.
 */
import { describe, expect, it } from 'vitest';
import { checkPlate, Plate } from '../../../src/shared/plate';
import { parseVehicleCsv, VEHICLE_CSV_TEMPLATE } from '../../../src/shared/vehicleCsv';

describe('plates', () => {
  it('accepts regular (7) and new-energy (8) plates, typed loosely; refuses the rest', () => {
    for (const p of ['京A12345', '沪AD12345', '粤B12345F', '苏E1234学', '浙A·1234X']) expect(checkPlate(p), p).toBeNull();
    expect(Plate.parse(' 京a 12345 ')).toBe('京A12345');
    expect(checkPlate('京A1234')).toBe('length');
    for (const p of ['AB12345', '京I12345', '京A12O45', '粤BX12345', '粤B1234DF']) expect(checkPlate(p), p).toBe('format');
  });
});

describe('the vehicle list CSV', () => {
  it('the template parses back (BOM, header, CRLF); quoted cells; no BOM and no header too', () => {
    expect(parseVehicleCsv(VEHICLE_CSV_TEMPLATE)).toEqual({ ok: true, vehicles: [{ plate: '京A12345', driver: '张三' }, { plate: '粤BD12345' }] });
    expect(parseVehicleCsv('"京A 12345","张, 三"\n\n沪A12345')).toEqual({
      ok: true,
      vehicles: [{ plate: '京A12345', driver: '张, 三' }, { plate: '沪A12345' }],
    });
  });

  it('names every wrong line: bad plate, missing plate, extra cells, unclosed quote, hostile driver, duplicate; an empty file', () => {
    const r = parseVehicleCsv('plate,driver\n京A123\n,张三\n京A12345,a,b\n"京A12345\n京B12345,<b>x</b>\n京C12345\n京C12345');
    expect(r.ok).toBe(false);
    expect(r.ok ? [] : r.errors.map((e) => e.line)).toEqual([2, 3, 4, 5, 6, 8]);
    expect(parseVehicleCsv('\uFEFF车牌号 plate,驾驶人 driver\r\n')).toMatchObject({ ok: false, errors: [{ line: 1 }] });
  });
});
