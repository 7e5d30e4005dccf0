/**
 * Record exports (issue 14 §5) on SQLite and PostgreSQL: CSV parsed back (UTF-8 BOM, masked numbers, the list's
 * filters and order), XLSX opened back with exceljs, full numbers only for an administrator who asks (and the audit
 * log keeping who and with what filter), and the row limit refused with a clear error before anything is written.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCloudApp } from '../../../../src/cloud/app';
import { API_PREFIX } from '../../../../src/shared/sync';
import { ADMIN_TOKEN, CloudTestEnv, DIALECTS, TEST_KEY_ENCRYPTION } from '../../../support/cloud/harness';
import { idNumberOf, phoneOf, seedRecords, type RecordWorld } from '../../../support/cloud/recordFixtures';

/** RFC 4180 rows of a CSV text (quoted fields, doubled quotes, CRLF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === ',') {
      row.push(field);
      field = '';
    } else if (!quoted && c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else {
      field += c;
    }
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

describe.each(DIALECTS)('record exports (%s)', (dialect) => {
  let env: CloudTestEnv;
  let w: RecordWorld;
  beforeAll(async () => {
    env = await CloudTestEnv.create(dialect);
    w = await seedRecords(env);
  });
  afterAll(async () => env.dispose());

  const exportOf = (params: Record<string, string>, token = ADMIN_TOKEN) =>
    env.request('GET', `/admin/records/visits/export?${new URLSearchParams({ siteId: 'site_test', ...params }).toString()}`, { token });
  const leftCodes = () =>
    w.seeds
      .map((s, i) => ({ s, code: `R${String(i).padStart(7, '0')}` }))
      .filter(({ s }) => s.siteId === 'site_test' && s.status === 'left')
      .sort((a, b) => (a.s.arrivedAt === b.s.arrivedAt ? (a.s.id < b.s.id ? 1 : -1) : a.s.arrivedAt! < b.s.arrivedAt! ? 1 : -1))
      .map(({ code }) => code);
  const unmaskedAudits = () => env.kysely.selectFrom('audit_log').selectAll().where('action', '=', 'records.export_unmasked').execute();

  it('exports the filtered visits as CSV with a BOM, masked, in the list’s order, times in the site’s zone', async () => {
    const res = await exportOf({ status: 'left' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="visits-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect([...res.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(res.rawPayload.subarray(3).toString('utf8'));
    const [header, ...data] = rows;
    expect(header).toEqual(
      expect.arrayContaining(['访客姓名', '证件号码', '手机号码', '体温(°C)', '进入时间', '离开时间', '访客机', '已拍照', '受访人', '状态', '来源']),
    );
    expect(data.map((r) => r[0])).toEqual(leftCodes());
    const col = (name: string) => header!.indexOf(name);
    const first = data.find((r) => r[0] === 'R0000000')!;
    expect(first[col('手机号码')]).toBe('139****0000');
    expect(first[col('证件号码')]).toBe(`110***********${idNumberOf(0).slice(-4)}`);
    expect(first[col('体温(°C)')]).toBe('36.5');
    // 2026-11-19T16:30Z is 00:30 on the 20th in Shanghai
    expect(first[col('进入时间')]).toBe('2026-11-20 00:30:00');
    expect(first[col('状态')]).toBe('已离开');
    const text = res.rawPayload.toString('utf8');
    for (let i = 0; i < 38; i++) expect(text).not.toContain(phoneOf(i));
    expect(await unmaskedAudits()).toHaveLength(0);
  });

  it('exports XLSX that exceljs opens back: the header, the rows, masked numbers, the photo flag', async () => {
    const res = await exportOf({ format: 'xlsx', kioskId: w.kiosks[0].kioskId });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('来访记录')!;
    const values = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1);
    const header = values(1) as string[];
    expect(sheet.rowCount).toBe(1 + 15);
    const rows = Array.from({ length: 15 }, (_, i) => values(i + 2));
    const photo = rows.find((r) => r[0] === 'R0000004')!;
    expect(photo[header.indexOf('手机号码')]).toBe('139****0004');
    expect(photo[header.indexOf('已拍照')]).toBe('是');
    expect(photo[header.indexOf('访客机')]).toBe('前台一号');
    expect(JSON.stringify(rows)).not.toContain(phoneOf(4));
  });

  it('gives full numbers only to an administrator who asks, and logs who asked with the filter (a number in it masked)', async () => {
    const hostToken = await env.hostToken(w.hosts.admin.id);
    expect((await exportOf({ unmasked: 'true' }, hostToken)).statusCode).toBe(403);
    expect((await exportOf({}, hostToken)).statusCode).toBe(403);
    expect(await unmaskedAudits()).toHaveLength(0);

    const res = await exportOf({ unmasked: 'true', keyword: phoneOf(8) });
    expect(res.statusCode, res.body).toBe(200);
    const [header, row, ...rest] = parseCsv(res.rawPayload.subarray(3).toString('utf8'));
    expect(rest).toEqual([]);
    expect(row![header!.indexOf('手机号码')]).toBe(phoneOf(8));
    // kept as text: Excel would show an 18-digit number as 1.1E+17
    expect(row![header!.indexOf('证件号码')]).toBe(`\t${idNumberOf(8)}`);
    const audits = await unmaskedAudits();
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actor: 'admin', subject: 'visits:site_test' });
    const detail = JSON.parse(audits[0]!.detail) as Record<string, unknown>;
    expect(detail).toEqual({ format: 'csv', rows: 1, filter: { siteId: 'site_test', keyword: '139****0008' } });
    expect(audits[0]!.detail).not.toContain(phoneOf(8));
  });

  it('refuses an export over the limit with 422 export_too_large before writing anything; a narrower one passes', async () => {
    const small = await buildCloudApp({ db: env.db, adminToken: ADMIN_TOKEN, keyEncryption: TEST_KEY_ENCRYPTION, recordsExportMax: 5 });
    try {
      const url = (q: string) => `${API_PREFIX}/admin/records/visits/export?siteId=site_test&${q}`;
      const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };
      const over = await small.inject({ method: 'GET', url: url('unmasked=true'), headers: auth });
      expect(over.statusCode).toBe(422);
      expect(over.json()).toMatchObject({ error: 'export_too_large', details: { limit: 5 } });
      expect(over.json<{ message: string }>().message).toContain('more than 5 rows');
      expect(await unmaskedAudits()).toHaveLength(1); // the test before's only
      const narrow = await small.inject({
        method: 'GET',
        url: url('department=%E8%A1%8C%E6%94%BF%E9%83%A8&from=2026-11-20&to=2026-11-20&format=xlsx'),
        headers: auth,
      });
      expect(narrow.statusCode, narrow.body).toBe(200);
    } finally {
      await small.close();
    }
  });
});
