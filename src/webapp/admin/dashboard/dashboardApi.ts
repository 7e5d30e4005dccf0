/**
 * The dashboard's calls to the cloud (same origin, the admin's bearer): the site list, a site's dashboard (parsed with
 * its zod contract), and a series' CSV as a Blob, saved through a blob: URL (the page's CSP allows nothing but this
 * origin, and the bearer cannot ride on a plain link). Refusals are ApiFailure, an unreachable cloud NetworkFailure,
 * as in api/client.ts.
 */
import type { z } from 'zod';
import { Dashboard, type DashboardSeries } from '../../../shared/dashboard';
import { SiteList } from '../../../shared/adminApi';
import { API_PREFIX, ApiError } from '../../../shared/sync';
import { ApiFailure, NetworkFailure } from '../../api/client';

async function fetchOk(path: string, token: string, accept: string): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(`${API_PREFIX}${path}`, { headers: { accept, authorization: `Bearer ${token}` } });
  } catch (err) {
    throw new NetworkFailure(err);
  }
  if (!res.ok) {
    const body: unknown = await res.json().catch(() => undefined);
    const parsed = ApiError.safeParse(body);
    throw new ApiFailure(res.status, parsed.success ? parsed.data : { error: 'unexpected_reply', message: `HTTP ${res.status}` });
  }
  return res;
}

async function getJson<S extends z.ZodType>(schema: S, path: string, token: string): Promise<z.output<S>> {
  const res = await fetchOk(path, token, 'application/json');
  try {
    return schema.parse(await res.json());
  } catch (err) {
    throw new NetworkFailure(err);
  }
}

export const listSites = (token: string) => getJson(SiteList, '/admin/sites', token);

export const loadDashboard = (token: string, siteId: string) => getJson(Dashboard, `/admin/sites/${encodeURIComponent(siteId)}/dashboard`, token);

/** Fetches a series' CSV and hands it to the browser as a download named as the cloud names it. */
export async function downloadSeriesCsv(token: string, siteId: string, series: DashboardSeries): Promise<void> {
  const res = await fetchOk(`/admin/sites/${encodeURIComponent(siteId)}/dashboard.csv?series=${series}`, token, 'text/csv');
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? `dashboard-${series}.csv`;
  const url = URL.createObjectURL(await res.blob());
  try {
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    a.hidden = true;
    document.body.append(a);
    a.click();
    a.remove();
  } finally {
    // the click has handed the file over; the URL is not needed after this turn
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }
}
