/**
 * One dashboard chart as a figure: its title, the chart (ChartCanvas), a summary in words and the numbers as a table
 * (visually hidden under a chart, shown where there is no chart), and a button that downloads the series as CSV.
 */
import { useState, type ReactNode } from 'react';
import { useLanguage } from '../../i18n/language';
import { ChartCanvas, type ChartSpec } from './ChartCanvas';

export interface DataTable {
  columns: string[];
  rows: (string | number)[][];
}

interface Props {
  id: string;
  title: string;
  summary: string;
  table: DataTable;
  chart?: ChartSpec;
  /** below the table (a note on what is counted) */
  note?: ReactNode;
  onDownload: () => Promise<void>;
}

export function ChartFigure({ id, title, summary, table, chart, note, onDownload }: Props) {
  const { t } = useLanguage();
  const [failure, setFailure] = useState<string | undefined>();
  const download = () => {
    setFailure(undefined);
    onDownload().catch((err: unknown) => setFailure(t('downloadFailed', { why: err instanceof Error ? err.message : String(err) })));
  };
  return (
    <figure className="dashboard-figure" data-testid={`dashboard-${id}`} aria-labelledby={`dashboard-${id}-title`}>
      <figcaption className="dashboard-figure-head">
        <h2 id={`dashboard-${id}-title`}>{title}</h2>
        <button type="button" onClick={download} data-testid={`dashboard-${id}-csv`}>
          {t('downloadCsv')}
          <span className="visually-hidden">: {title}</span>
        </button>
      </figcaption>
      {chart && <ChartCanvas spec={chart} />}
      <p className="dashboard-summary">{summary}</p>
      {table.rows.length > 0 && (
        <table className={chart ? 'visually-hidden' : 'dashboard-table'}>
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              {table.columns.map((c) => (
                <th key={c} scope="col">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((r, row) => (
              <tr key={`${row}-${String(r[0])}`}>
                {r.map((cell, i) =>
                  i === 0 ? (
                    <th key={i} scope="row">
                      {cell}
                    </th>
                  ) : (
                    <td key={i}>{cell}</td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {note}
      {failure && (
        <p className="form-error" role="alert">
          {failure}
        </p>
      )}
    </figure>
  );
}
