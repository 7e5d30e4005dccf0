/** One page of records as a table (numbers as the route gives them: masked). */
import { bookingStatusLabel } from '../../../shared/bookingStates';
import type { RecordRow } from '../../../shared/records';
import { formatWindow } from '../../format';
import { useLanguage } from '../../i18n/language';
import { absoluteTime } from '../kiosks/kioskState';
import { SOURCE_WORDS } from './messages';

const COLUMNS = [
  'recordColVisitor',
  'recordColPhone',
  'recordColIdNumber',
  'recordColHost',
  'recordColSource',
  'recordColStatus',
  'recordColWindow',
  'recordColArrived',
  'recordColLeft',
  'recordColKiosk',
] as const;

export function RecordTable({ rows, caption }: { rows: RecordRow[]; caption: string }) {
  const { t, language } = useLanguage();
  const when = (iso: string | undefined) => (iso === undefined ? '—' : absoluteTime(iso, language));
  return (
    <div className="table-scroll">
      <table className="admin-table" data-testid="records-table">
        <caption id="records-caption" tabIndex={-1}>
          {caption}
        </caption>
        <thead>
          <tr>
            {COLUMNS.map((c) => (
              <th key={c} scope="col">
                {t(c)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.bookingId} data-testid="record-row" data-booking-id={r.bookingId} data-host-id={r.hostId}>
              <th scope="row">{r.visitorName}</th>
              <td data-testid="record-phone">{r.phone}</td>
              <td>{r.idNumber ?? '—'}</td>
              <td>
                {r.hostName}
                <span className="muted"> · {r.department}</span>
              </td>
              <td>{SOURCE_WORDS[r.source][language]}</td>
              <td>{bookingStatusLabel(r.status, 'staff', language)}</td>
              <td>{formatWindow(r.windowStart, r.windowEnd, language)}</td>
              <td>{when(r.arrivedAt)}</td>
              <td>{when(r.leftAt)}</td>
              <td>{r.kioskName ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
