import { toPlainJson, toPlainText } from '../../../../shared/domain';
import type { Migration } from './migration';

export const migration: Migration = {
  version: 9,
  name: 'text stored before the plain-text rules made to pass them (no control, format or bidi characters)',
  up(db) {
    const cleanJson = (text: string): string => JSON.stringify(toPlainJson(JSON.parse(text)));
    for (const table of ['bookings', 'hosts', 'blacklist']) {
      const update = db.prepare(`UPDATE ${table} SET json = ? WHERE id = ?`);
      for (const row of db.prepare(`SELECT id, json FROM ${table}`).all() as { id: string; json: string }[]) {
        const next = cleanJson(row.json);
        if (next !== row.json) update.run(next, row.id);
      }
    }
    const visit = db.prepare('UPDATE visits SET visitor_name = ?, host_name = ? WHERE id = ?');
    for (const v of db.prepare('SELECT id, visitor_name, host_name FROM visits').all() as { id: string; visitor_name: string; host_name: string }[]) {
      const [visitor, host] = [toPlainText(v.visitor_name, 'name'), toPlainText(v.host_name, 'name')];
      if (visitor !== v.visitor_name || host !== v.host_name) visit.run(visitor, host, v.id);
    }
    const site = db.prepare('SELECT site_json FROM sync_state').get() as { site_json: string | null } | undefined;
    if (site?.site_json) db.prepare('UPDATE sync_state SET site_json = ?').run(cleanJson(site.site_json));
    const identity = db.prepare('SELECT name FROM kiosk_identity WHERE id = 1').get() as { name: string } | undefined;
    if (identity) db.prepare('UPDATE kiosk_identity SET name = ? WHERE id = 1').run(toPlainText(identity.name, 'name'));
  },
};
