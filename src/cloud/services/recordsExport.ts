/**
 * Record exports (issue 14 §5): the rows of a filtered list as CSV (UTF-8 with a BOM, so Excel in China opens it as
 * UTF-8; CRLF lines; RFC 4180 quoting) or XLSX (exceljs's streaming workbook writer: rows are written and compressed
 * as they are read, never a whole sheet in memory). Both read the rows a batch at a time (services/records.ts).
 * Columns in Chinese, times in the site's zone. A text cell that a spreadsheet would take for a formula (= + - @) is
 * written with a leading apostrophe; a long number (an unmasked ID) is kept as text.
 */
import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { bookingStatusLabel } from '../../shared/bookingStates';
import { dateTimeFormat } from '../../shared/dateTimeFormats';
import type { RecordRow } from '../../shared/records';

const SOURCE_WORDS: Record<RecordRow['source'], string> = {
  self: '自助预约',
  invited: '受邀',
  staff: '员工代约',
  group: '团体',
  walk_in: '现场登记',
};

/** A time as a person in the site reads it: 2026-11-22 10:00:00. */
function localTime(iso: string | undefined, timeZone: string): string {
  if (iso === undefined) return '';
  const f = dateTimeFormat('sv-SE', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
  return f.format(new Date(iso));
}

interface Column {
  header: string;
  width: number;
  value: (r: RecordRow, timeZone: string) => string | number;
}

export const EXPORT_COLUMNS: readonly Column[] = [
  { header: '预约编号', width: 12, value: (r) => r.code },
  { header: '访客姓名', width: 12, value: (r) => r.visitorName },
  { header: '证件号码', width: 22, value: (r) => r.idNumber ?? '' },
  { header: '手机号码', width: 16, value: (r) => r.phone },
  { header: '单位', width: 20, value: (r) => r.company ?? '' },
  { header: '受访人', width: 12, value: (r) => r.hostName },
  { header: '部门', width: 14, value: (r) => r.department },
  { header: '来源', width: 10, value: (r) => SOURCE_WORDS[r.source] },
  { header: '状态', width: 10, value: (r) => bookingStatusLabel(r.status, 'staff', 'zh-CN') },
  { header: '区域', width: 12, value: (r) => r.area ?? '' },
  { header: '事由', width: 20, value: (r) => r.reason },
  { header: '人数', width: 6, value: (r) => r.groupSize },
  { header: '预约开始', width: 20, value: (r, tz) => localTime(r.windowStart, tz) },
  { header: '预约结束', width: 20, value: (r, tz) => localTime(r.windowEnd, tz) },
  { header: '进入时间', width: 20, value: (r, tz) => localTime(r.arrivedAt, tz) },
  { header: '离开时间', width: 20, value: (r, tz) => (r.exitUnrecorded ? '未登记离开' : localTime(r.leftAt, tz)) },
  { header: '访客机', width: 14, value: (r) => r.kioskName ?? r.kioskId ?? '' },
  { header: '体温(°C)', width: 9, value: (r) => r.temperatureC ?? '' },
  { header: '已拍照', width: 8, value: (r) => (r.photoTaken ? '是' : '否') },
];

/** A text cell no spreadsheet runs as a formula. */
function safeText(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

function csvField(v: string | number): string {
  if (typeof v === 'number') return String(v);
  // a tab keeps Excel from showing an 18-digit ID number as 1.1E+17 (and dropping its last digits)
  const s = /^\d{12,}X?$/.test(v) ? `\t${v}` : safeText(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One CSV line (CRLF), each field quoted as RFC 4180 needs and kept from running as a formula. */
export const csvLine = (cells: readonly (string | number)[]): string => `${cells.map(csvField).join(',')}\r\n`;

/** The CSV of the batches, as a byte stream: the BOM and the header line first. */
export function csvExport(batches: AsyncIterable<RecordRow[]>, timeZone: string): Readable {
  async function* lines(): AsyncGenerator<Buffer> {
    yield Buffer.from(`\uFEFF${csvLine(EXPORT_COLUMNS.map((c) => c.header))}`, 'utf8');
    for await (const batch of batches) {
      yield Buffer.from(batch.map((r) => csvLine(EXPORT_COLUMNS.map((c) => c.value(r, timeZone)))).join(''), 'utf8');
    }
  }
  return Readable.from(lines(), { objectMode: false });
}

/** The XLSX of the batches, as a byte stream written while the rows are read; a failure ends the stream in error. */
export function xlsxExport(batches: AsyncIterable<RecordRow[]>, timeZone: string, sheetName: string): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: false });
  const sheet = workbook.addWorksheet(sheetName);
  sheet.columns = EXPORT_COLUMNS.map((c, i) => ({ key: String(i), width: c.width }));
  const write = async (): Promise<void> => {
    sheet.addRow(EXPORT_COLUMNS.map((c) => c.header)).commit();
    for await (const batch of batches) {
      for (const r of batch) sheet.addRow(EXPORT_COLUMNS.map((c) => c.value(r, timeZone))).commit();
    }
    sheet.commit();
    await workbook.commit();
  };
  write().catch((err: unknown) => out.destroy(err instanceof Error ? err : new Error(String(err))));
  return out;
}
