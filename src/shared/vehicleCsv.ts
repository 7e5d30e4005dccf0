/**
 * A group pass's vehicle list as a CSV file (seed 001: 批量导入车辆): the template a site hands out, and the parser
 * the cloud and the web app share. UTF-8, with or without a BOM; a header line (the template's) is optional; each
 * line a plate and optionally its driver's name. Every wrong line is reported by its number; a list with any wrong
 * line is refused whole. Runs everywhere: no Node, DOM or Electron imports.
 */
import { z } from 'zod';
import { NameText } from './plainText';
import { checkPlate, normalizePlate, Plate, PLATE_ERROR } from './plate';

/** A group pass lists at most this many vehicles, and its CSV file holds at most this many bytes. */
export const MAX_VEHICLES = 200;
export const MAX_VEHICLE_CSV_BYTES = 16 * 1024;

export const Vehicle = z.object({ plate: Plate, driver: NameText(40).optional() });
export type Vehicle = z.infer<typeof Vehicle>;
export const VehicleList = z.array(Vehicle).max(MAX_VEHICLES);

export const VEHICLE_CSV_HEADER = '车牌号 plate,驾驶人 driver';
/** The template: the header and two example lines (a regular and a new-energy plate). */
export const VEHICLE_CSV_TEMPLATE = `\uFEFF${VEHICLE_CSV_HEADER}\r\n京A12345,张三\r\n粤BD12345,\r\n`;

export interface CsvLineError {
  /** 1-based, as an editor numbers the file's lines */
  line: number;
  message: string;
}
export type VehicleCsvResult = { ok: true; vehicles: Vehicle[] } | { ok: false; errors: CsvLineError[] };

/** The cells of one CSV line (RFC 4180 quotes: "a,b" and "" inside them). */
function cellsOf(line: string): string[] | undefined {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === ',') {
      cells.push(cell);
      cell = '';
    } else cell += ch;
  }
  if (quoted) return undefined;
  cells.push(cell);
  return cells.map((c) => c.trim());
}

const isHeader = (cells: readonly string[]) => /^(车牌|plate)/iu.test(cells[0] ?? '');

/** Parses a vehicle list CSV: every vehicle, or every wrong line with why. */
export function parseVehicleCsv(text: string): VehicleCsvResult {
  const lines = text.replace(/^\uFEFF/u, '').split(/\r\n|\n|\r/u);
  const vehicles: Vehicle[] = [];
  const errors: CsvLineError[] = [];
  const seen = new Set<string>();
  lines.forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') return;
    const cells = cellsOf(raw);
    if (cells === undefined) return void errors.push({ line, message: '引号不成对 / an unclosed quote' });
    if (i === 0 && isHeader(cells)) return;
    if (cells.length > 2) return void errors.push({ line, message: '每行只填车牌号和驾驶人 / a line holds a plate and a driver only' });
    const [plate = '', driver = ''] = cells;
    if (plate === '') return void errors.push({ line, message: '缺少车牌号 / the plate is missing' });
    if (checkPlate(plate) !== null) return void errors.push({ line, message: PLATE_ERROR });
    const d = driver === '' ? undefined : NameText(40).safeParse(driver);
    if (d !== undefined && !d.success) return void errors.push({ line, message: '驾驶人姓名无效 / the driver’s name is not valid' });
    const normalized = normalizePlate(plate);
    if (seen.has(normalized)) return void errors.push({ line, message: `车牌号重复：${normalized} / the plate ${normalized} is listed twice` });
    seen.add(normalized);
    vehicles.push({ plate: normalized, ...(d?.success ? { driver: d.data } : {}) });
  });
  if (errors.length === 0 && vehicles.length === 0) errors.push({ line: 1, message: '文件中没有车辆 / the file lists no vehicle' });
  if (vehicles.length > MAX_VEHICLES) errors.push({ line: lines.length, message: `车辆不能超过 ${MAX_VEHICLES} 辆 / at most ${MAX_VEHICLES} vehicles` });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, vehicles };
}
