/**
 * Hosts from a CSV file (issue 14 item 2). All or nothing: every line is checked first, and when any line is wrong
 * nothing is stored and every problem is reported with its line number and field (422 import_invalid). A phone that
 * already belongs to a host of the site updates that host; a phone twice in the file is a problem of the later line.
 * Departments named in the file that the site lacks are added.
 */
import type { Transaction } from 'kysely';
import { HostCreate } from '../../shared/api';
import { HOST_IMPORT_COLUMNS, HOST_IMPORT_MAX_LINES, type HostImportColumn, type HostImportResult, type ImportLineError } from '../../shared/peopleAdmin';
import { newId } from '../../platform/secrets';
import { nextChangeSeq } from '../db/changeSeq';
import type { CloudSchema } from '../db/schema';
import { HttpError } from '../errors';
import { listHostsOfSiteByPhone, insertHost } from '../repositories/hosts';
import { updateHostRow } from '../repositories/hostAdmin';
import { parseCsv } from './csvRecords';
import { ensureDepartments } from './departmentAdmin';

const YES = new Set(['', '1', 'y', 'yes', 'true', '是', '可', '可以']);
const NO = new Set(['0', 'n', 'no', 'false', '否', '不', '不可']);

interface ImportLine {
  line: number;
  name: string;
  phone: string;
  department: string;
  office?: string;
  canReceiveVisitors: boolean;
}

function columnsOf(header: string[]): { columns: Partial<Record<HostImportColumn, number>>; errors: ImportLineError[] } {
  const columns: Partial<Record<HostImportColumn, number>> = {};
  const errors: ImportLineError[] = [];
  header.forEach((raw, i) => {
    const h = raw.trim().toLowerCase();
    const col = (Object.keys(HOST_IMPORT_COLUMNS) as HostImportColumn[]).find((k) => (HOST_IMPORT_COLUMNS[k] as readonly string[]).includes(h));
    if (col === undefined) errors.push({ line: 1, field: raw.slice(0, 40), message: '未知的列 / unknown column' });
    else columns[col] = i;
  });
  for (const need of ['name', 'phone'] as const) {
    if (columns[need] === undefined) errors.push({ line: 1, field: need, message: '缺少此列 / this column is missing' });
  }
  return { columns, errors };
}

/** Every line checked; the lines when all are right, else every problem. */
export function readHostCsv(text: string): { lines: ImportLine[]; errors: ImportLineError[] } {
  const records = parseCsv(text);
  if (records.length === 0) return { lines: [], errors: [{ line: 1, field: 'file', message: '文件为空 / the file is empty' }] };
  if (records.length - 1 > HOST_IMPORT_MAX_LINES) {
    return { lines: [], errors: [{ line: 1, field: 'file', message: `最多 ${HOST_IMPORT_MAX_LINES} 行 / at most ${HOST_IMPORT_MAX_LINES} lines` }] };
  }
  const { columns, errors } = columnsOf(records[0]!.fields);
  if (errors.length > 0) return { lines: [], errors };
  const lines: ImportLine[] = [];
  const phoneLine = new Map<string, number>();
  for (const { line, fields } of records.slice(1)) {
    const cell = (c: HostImportColumn): string | undefined => (columns[c] !== undefined ? fields[columns[c]]?.trim() : undefined);
    const permission = (cell('canReceiveVisitors') ?? '').toLowerCase();
    if (!YES.has(permission) && !NO.has(permission)) errors.push({ line, field: 'canReceiveVisitors', message: '请填“是”或“否” / yes or no' });
    const office = cell('office');
    const parsed = HostCreate.safeParse({
      name: cell('name') ?? '',
      phone: cell('phone') ?? '',
      department: cell('department') ?? '',
      ...(office ? { office } : {}),
      canReceiveVisitors: !NO.has(permission),
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) errors.push({ line, field: String(issue.path[0] ?? 'line'), message: issue.message });
      continue;
    }
    const earlier = phoneLine.get(parsed.data.phone);
    if (earlier !== undefined) {
      errors.push({ line, field: 'phone', message: `与第 ${earlier} 行的手机号重复 / the same phone as line ${earlier}` });
      continue;
    }
    phoneLine.set(parsed.data.phone, line);
    lines.push({ line, ...parsed.data, ...(parsed.data.office !== undefined ? { office: parsed.data.office } : {}) });
  }
  return { lines, errors };
}

/** 422 import_invalid with every line's problem; nothing stored. */
export const importInvalid = (errors: ImportLineError[]): HttpError =>
  new HttpError(422, 'import_invalid', `${errors.length} 处错误，未导入任何行 / ${errors.length} problems; nothing was imported`, { errors });

/** Stores checked lines: a host of the site with the phone is updated, others created. */
export async function storeHostLines(trx: Transaction<CloudSchema>, siteId: string, lines: readonly ImportLine[], now: Date): Promise<HostImportResult> {
  const nowIso = now.toISOString();
  let created = 0;
  let updated = 0;
  await ensureDepartments(trx, siteId, [...new Set(lines.map((l) => l.department).filter((d) => d !== ''))]);
  for (const l of lines) {
    const fields = {
      name: l.name,
      department: l.department,
      office: l.office ?? null,
      can_receive_visitors: l.canReceiveVisitors ? 1 : 0,
      updated_at: nowIso,
      change_seq: await nextChangeSeq(trx),
    };
    const [existing] = await listHostsOfSiteByPhone(trx, siteId, l.phone);
    if (existing) {
      await updateHostRow(trx, existing.id, fields);
      updated++;
    } else {
      await insertHost(trx, { id: newId('host'), site_id: siteId, phone: l.phone, created_at: nowIso, ...fields });
      created++;
    }
  }
  return { created, updated };
}
