/**
 * What the commands of one transaction read again and again and no kiosk command changes: a site's row, a kiosk's
 * early-arrival allowance (its site's and its own policy layers), a kiosk's name and a site's time zone for the host's
 * arrival message. A batch of pushes (commandBatches.ts) applies up to 200 commands in one transaction; each check-in
 * read these five times over (issue 12: five of a check-in's nineteen statements, on PostgreSQL each a round trip).
 * Read once per transaction now. Lives exactly as long as its transaction: an administrator's change to a policy, a
 * kiosk's name or a site commits apart and is read by the next batch, as a command applied alone would.
 */
import type { Transaction } from 'kysely';
import { siteTimeZone } from '../../shared/siteDay';
import type { CloudSchema, SitesTable } from '../db/schema';
import type { ArrivalReads } from '../notifications/events';
import { findKioskNameForMessage } from '../repositories/notificationOutbox';
import { findSiteRow } from '../repositories/sites';
import { earlyArrivalMinutesFor } from './policy';

export class CommandReads implements ArrivalReads {
  private readonly memo = new Map<string, Promise<unknown>>();

  constructor(private readonly trx: Transaction<CloudSchema>) {}

  /** A site's row (undefined when there is none). */
  site(siteId: string): Promise<SitesTable | undefined> {
    return this.once(`site:${siteId}`, () => findSiteRow(this.trx, siteId));
  }

  /** The allowance a kiosk's check-in is judged by (commands of one transaction may come from several kiosks). */
  earlyArrivalMinutes(site: SitesTable, kioskId: string): Promise<number> {
    return this.once(`early:${site.id}:${kioskId}`, () => earlyArrivalMinutesFor(this.trx, site, kioskId));
  }

  kioskName(kioskId: string): Promise<string | null> {
    return this.once(`kiosk:${kioskId}`, () => findKioskNameForMessage(this.trx, kioskId));
  }

  async zone(siteId: string): Promise<string> {
    return siteTimeZone(await this.site(siteId));
  }

  private once<T>(key: string, read: () => Promise<T>): Promise<T> {
    const known = this.memo.get(key) as Promise<T> | undefined;
    if (known) return known;
    const reading = read();
    this.memo.set(key, reading);
    // a failed read is not kept: under a savepoint (commandBatches.ts) the next command reads again
    reading.catch(() => this.memo.delete(key));
    return reading;
  }
}
