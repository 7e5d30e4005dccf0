/**
 * The privacy screen's calls (src/cloud/routes/retention.ts) and the site texts screen's (the site's policy layer,
 * src/cloud/routes/policy.ts, and the texts visitors read, GET /sites/{id}/texts).
 */
import { z } from 'zod';
import { SiteTexts } from '../../../shared/peopleAdmin';
import { PersonDataExport, PersonDeleteResult, RetentionSettings, type PersonDelete, type PersonLookup, type RetentionUpdate } from '../../../shared/retention';
import { call } from '../../api/client';

const sitePath = (siteId: string) => `/admin/sites/${encodeURIComponent(siteId)}`;

export const readRetention = (token: string, siteId: string) => call(RetentionSettings, 'GET', `${sitePath(siteId)}/retention`, { token });
export const saveRetention = (token: string, siteId: string, update: RetentionUpdate) =>
  call(RetentionSettings, 'POST', `${sitePath(siteId)}/retention`, { token, body: update });

/** A person's export: the file as the cloud sent it (saved as is) and what it holds, read by its contract. */
export interface PersonExportFile {
  json: string;
  data: PersonDataExport;
}

export async function exportPerson(token: string, lookup: PersonLookup): Promise<PersonExportFile> {
  const raw: unknown = await call(z.unknown(), 'POST', '/admin/people/export', { token, body: lookup });
  return { json: JSON.stringify(raw, null, 2), data: PersonDataExport.parse(raw) };
}

export const deletePerson = (token: string, request: PersonDelete) => call(PersonDeleteResult, 'POST', '/admin/people/delete', { token, body: request });

export const readSiteTexts = (siteId: string) => call(SiteTexts, 'GET', `/sites/${encodeURIComponent(siteId)}/texts`);
