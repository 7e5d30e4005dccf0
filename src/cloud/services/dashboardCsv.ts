/**
 * The dashboard's series as CSV files (issue 14 §7): UTF-8 with a BOM (Excel in China opens it as UTF-8), CRLF lines,
 * a header line in Chinese and English, times in the site's zone. Fields are written as the record exports write
 * them (services/recordsExport.ts: quoted, never run as a formula).
 */
import type { Dashboard, DashboardSeries, SafetyKind } from '../../shared/dashboard';
import { dateTimeFormat } from '../../shared/dateTimeFormats';
import type { BookingSource } from '../../shared/domain';
import { csvLine } from './recordsExport';

const SOURCE_WORDS: Record<BookingSource, string> = {
  self: '自助预约 / self-booked',
  invited: '受邀 / invited',
  staff: '员工代约 / booked by staff',
  group: '团体 / group',
  walk_in: '现场登记 / walk-in',
};

const SAFETY_WORDS: Record<SafetyKind, string> = {
  temperature_refused: '体温异常拒绝 / refused for temperature',
  blacklist_refused: '黑名单拒绝 / refused by the blacklist',
  blacklist_warned: '黑名单警告 / blacklist warning',
  application_refused: '预约申请被黑名单拒绝 / application refused by the blacklist',
};

type Cell = string | number;

function localTime(iso: string, timeZone: string): string {
  const f = dateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  return f.format(new Date(iso));
}

/** The header and rows of a series. */
export function seriesTable(d: Dashboard, series: DashboardSeries): { header: Cell[]; rows: Cell[][] } {
  switch (series) {
    case 'hours':
      return { header: ['时段 / hour', '到访 / arrivals'], rows: d.hours.map((h) => [`${d.today} ${h.hour}`, h.visits]) };
    case 'days':
      return { header: ['日期 / day', '来访 / visits'], rows: d.days.map((x) => [x.day, x.visits]) };
    case 'departments':
      return { header: ['部门 / department', '来访 / visits'], rows: d.departments.map((x) => [x.department, x.visits]) };
    case 'sources':
      return { header: ['来源 / source', '名称 / name', '来访 / visits'], rows: d.sources.map((x) => [x.source, SOURCE_WORDS[x.source], x.visits]) };
    case 'safety':
      return { header: ['类别 / kind', '名称 / name', '次数 / count'], rows: d.safety.map((x) => [x.kind, SAFETY_WORDS[x.kind], x.count]) };
    case 'kiosks':
      return {
        header: ['访客机 / kiosk', '最后在线 / last seen', '状态 / state'],
        rows: d.kiosks.map((k) => [
          k.name,
          k.lastSeenAt !== undefined ? localTime(k.lastSeenAt, d.timezone) : '',
          k.online ? '在线 / online' : '离线 / offline',
        ]),
      };
  }
}

/** A series as a CSV file's text, the BOM first. */
export function dashboardCsv(d: Dashboard, series: DashboardSeries): string {
  const { header, rows } = seriesTable(d, series);
  return `\uFEFF${csvLine(header)}${rows.map(csvLine).join('')}`;
}
