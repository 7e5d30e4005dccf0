/**
 * Kiosk sync: cursor pull (bookings in the kiosk's window, hosts, blacklist; the site, settings, policy and pass keys
 * only when their version moved past the kiosk's) and the signed-command push. A pull never sweeps (sweepJob.ts). A push is checked whole first (shape, kiosk id, every signature); only then is each
 * command applied, once per id.
 */
import { kioskOnly } from '../access';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Host } from '../../shared/domain';
import { verifyEd25519 } from '../../platform/ed25519';
import { decodeBase64UrlStrict } from '../../shared/strictEncoding';
import { commandSigningText, PullQuery, PullResponse, PushRequest, PushResponse, type BlacklistEntry, type RevokedPass } from '../../shared/sync';
import { PUSH_BODY_LIMIT } from '../../shared/visitorPhoto';
import type { KioskPrincipal } from '../auth';
import type { BlacklistTable, BookingsTable, HostsTable, RevokedPassesTable } from '../db/schema';
import { badRequest, HttpError, notFound, unauthorized } from '../errors';
import { toKioskBooking } from '../services/bookingRecords';
import { toBlacklistEntry } from '../services/blacklist';
import { toHost } from '../services/hosts';
import { CommandBatches } from '../services/commandBatches';
import { toRevokedPass } from '../services/revocation';
import { listSitePassKeys } from '../services/passKeys';
import { kioskSettingsOf, toSite } from '../services/sites';
import { configVersionOf } from '../services/siteConfig';
import { findSiteAndChangeSeq } from '../repositories/sites';
import { cloudPolicyFor } from '../services/policy';
import { KIOSK_SEEN_PRECISION_MS, saveKioskStatus } from '../repositories/policies';
import { dayRange } from '../../shared/siteDay';
import { listBlacklistChanges } from '../repositories/blacklist';
import { CHANGES_READ_BY_SEQUENCE, listBookingChanges, listWindowBookings, type WindowPosition } from '../repositories/bookings';
import { listHostChanges } from '../repositories/hosts';
import { listRevokedPassChanges } from '../repositories/revokedPasses';
import { builtReply, errorReplies, type RouteOptions } from './common';

/** Days around today a kiosk holds bookings for. */
export const PULL_DAYS_BEFORE = 1;
export const PULL_DAYS_AFTER = 7;

interface Cursor {
  /** last change_seq delivered */
  s: number;
  /** the site-local day the cursor was made on: a new day resends the (moved) window from the start */
  d: string;
  /**
   * a window snapshot taken (a first pull, a new day, or a kiosk far behind): every booking changed at or before this
   * number was sent as it stood, so bookings are read by change only after it (other kinds still after `s`)
   */
  b?: number;
  /** a window snapshot under way: the last booking it sent, by (window_end, id) */
  w?: WindowPosition;
}

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c), 'utf8').toString('base64url');
}

const isSeq = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
const isPosition = (v: unknown): v is WindowPosition => Array.isArray(v) && v.length === 2 && v.every((x) => typeof x === 'string');

export function decodeCursor(text: string | undefined): Cursor | undefined {
  if (text === undefined || text === '') return undefined;
  try {
    const v: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (typeof v === 'object' && v !== null && 's' in v && 'd' in v && isSeq(v.s) && typeof v.d === 'string') {
      const b = 'b' in v ? v.b : undefined;
      const w = 'w' in v ? v.w : undefined;
      if ((b === undefined || isSeq(b)) && (w === undefined || (isPosition(w) && b !== undefined))) {
        return { s: v.s, d: v.d, ...(b !== undefined ? { b } : {}), ...(w !== undefined ? { w } : {}) };
      }
    }
  } catch {
    // fall through
  }
  throw badRequest('cursor_invalid', 'the cursor is not one this server made');
}

/** A command's signature as bytes; a malformed one as no bytes (it then verifies as false). */
function signatureBytes(sig: string): Uint8Array {
  try {
    return decodeBase64UrlStrict(sig, 64);
  } catch {
    return new Uint8Array(0);
  }
}

type Change =
  | { seq: number; kind: 'booking'; row: BookingsTable }
  | { seq: number; kind: 'host'; row: HostsTable }
  | { seq: number; kind: 'blacklist'; row: BlacklistTable }
  | { seq: number; kind: 'revokedPass'; row: RevokedPassesTable };

// eslint-disable-next-line @typescript-eslint/require-await -- a Fastify plugin is an async function by contract; registering routes awaits nothing
export const syncRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  // the access hook has authenticated the kiosk before the body was read (a stranger learns nothing of the schema)
  /** what this process last wrote of each kiosk's heartbeat (a hint to skip a write; the database stays the truth) */
  const toldStatus = new Map<string, { at: number; version: string | null; pending: number | null }>();
  /** the pushes of this app, committed in batches (group commit; services/commandBatches.ts) */
  const batches = new CommandBatches(ctx.db, () => ctx.now());
  const kioskOf = (req: FastifyRequest): KioskPrincipal => {
    if (req.principal?.kind !== 'kiosk') throw unauthorized('a kiosk credential is required');
    return req.principal;
  };

  app.get(
    '/sync/pull',
    {
      // built from the contract's converters (toKioskBooking…); tests/cloud/cloud/routes/sync.test.ts checks that the
      // schema would change nothing of it
      ...builtReply,
      config: { access: kioskOnly },
      schema: { summary: 'Pull what changed for this kiosk’s site since a cursor', querystring: PullQuery, response: { 200: PullResponse, ...errorReplies } },
    },
    async (req) => {
      const kiosk = kioskOf(req);
      const now = ctx.now();
      // one indexed read: the site (zone, config version) and the change counter, read before the rows: every change
      // numbered ≤ it is committed and visible below
      const head = await findSiteAndChangeSeq(ctx.db, kiosk.siteId);
      if (!head) throw notFound('site_unknown', `no site ${kiosk.siteId}`);
      const { committed: committedText, ...site } = head;
      const committed = Number(committedText);
      const configVersion = configVersionOf(site);
      const configCurrent = req.query.config === configVersion;
      const range = dayRange(now, site.timezone, PULL_DAYS_BEFORE, PULL_DAYS_AFTER);
      const given = decodeCursor(req.query.cursor);
      // a cursor of today and of this history: one numbered past the counter (the database restored from an older
      // backup) would wait, silently, until the counter caught up: it starts again from a snapshot instead
      const sameDay = given !== undefined && given.d === range.today && given.s <= committed && (given.b ?? 0) <= committed;
      const after = sameDay ? given.s : 0;
      const limit = req.query.limit;
      const status = { at: now.getTime(), version: req.query.version ?? null, pending: req.query.pending ?? null };
      const told = toldStatus.get(kiosk.kioskId);
      // this process wrote the same a moment ago: the statement would change nothing (saveKioskStatus), skip it
      if (told === undefined || status.at - told.at >= KIOSK_SEEN_PRECISION_MS || told.version !== status.version || told.pending !== status.pending) {
        await saveKioskStatus(ctx.db, { kiosk_id: kiosk.kioskId, last_seen_at: now.toISOString(), version: status.version, pending_commands: status.pending });
        toldStatus.set(kiosk.kioskId, status);
      }
      const reply = async (page: readonly Change[], hasMore: boolean, cursor: Cursor) => {
        const out = {
          bookings: [] as ReturnType<typeof toKioskBooking>[],
          hosts: [] as Host[],
          blacklist: [] as BlacklistEntry[],
          revokedPasses: [] as RevokedPass[],
        };
        for (const c of page) {
          if (c.kind === 'booking') out.bookings.push(toKioskBooking(c.row));
          else if (c.kind === 'host') out.hosts.push(toHost(c.row));
          else if (c.kind === 'blacklist') out.blacklist.push(toBlacklistEntry(c.row));
          else out.revokedPasses.push(toRevokedPass(c.row));
        }
        return {
          cursor: encodeCursor(cursor),
          hasMore,
          serverTime: now.toISOString(),
          configVersion,
          ...out,
          // read after the version: what is sent is at least as new as the version it goes with
          ...(configCurrent
            ? {}
            : {
                site: toSite(site),
                settings: kioskSettingsOf(site),
                policy: await cloudPolicyFor(ctx.db, site, kiosk.kioskId),
                passKeys: await listSitePassKeys(ctx.db, site.id, now),
              }),
        };
      };
      const changes: Change[] = [];
      /** bookings changed at or before it were sent by a window snapshot (this page's, or an earlier one) */
      let floor = sameDay ? (given.b ?? 0) : 0;
      const snapshotUnderWay = sameDay && given.w !== undefined;
      if (snapshotUnderWay || Math.max(after, floor) === 0 || committed - Math.max(after, floor) > CHANGES_READ_BY_SEQUENCE) {
        // a first pull, a new day or a kiosk far behind: the window as it stands, page by page in (window_end, id)
        // order; then the changes numbered after the counter read when the snapshot began
        const snapshotAt = snapshotUnderWay ? floor : committed;
        const rows = await listWindowBookings(ctx.db, site.id, range, snapshotUnderWay ? given.w : undefined, limit + 1);
        const last = rows[limit - 1];
        if (rows.length > limit && last) {
          for (const row of rows.slice(0, limit)) changes.push({ seq: row.change_seq, kind: 'booking', row });
          return reply(changes, true, { s: after, d: range.today, b: snapshotAt, w: [last.window_end, last.id] });
        }
        for (const row of rows) changes.push({ seq: row.change_seq, kind: 'booking', row });
        floor = snapshotAt;
      }
      // the changes after the cursor, in the room the page has left
      const room = limit - changes.length;
      const bookingsAfter = Math.max(after, floor);
      // nothing numbered since the cursor (the pull of every kiosk every 15 s, most of the day): no change to read
      const nothingNew = after > 0 && after >= committed;
      const [bookings, hosts, blacklist, revokedPasses] = nothingNew
        ? [[], [], [], []]
        : await Promise.all([
            listBookingChanges(ctx.db, site.id, bookingsAfter, range, room + 1, committed),
            listHostChanges(ctx.db, site.id, after, room + 1),
            listBlacklistChanges(ctx.db, site.id, after, room + 1),
            listRevokedPassChanges(ctx.db, site.id, after, room + 1),
          ]);
      const changed: Change[] = [
        ...bookings.map((row): Change => ({ seq: row.change_seq, kind: 'booking', row })),
        ...hosts.map((row): Change => ({ seq: row.change_seq, kind: 'host', row })),
        ...blacklist.map((row): Change => ({ seq: row.change_seq, kind: 'blacklist', row })),
        ...revokedPasses.map((row): Change => ({ seq: row.change_seq, kind: 'revokedPass', row })),
      ].sort((a, b) => a.seq - b.seq);
      const hasMore = changed.length > room;
      changes.push(...changed.slice(0, room));
      const lastSeq = room > 0 && changed.length > 0 ? changed[Math.min(room, changed.length) - 1]!.seq : after;
      const nextSeq = hasMore ? lastSeq : Math.max(committed, lastSeq, after);
      return reply(changes, hasMore, { s: nextSeq, d: range.today, ...(floor > nextSeq ? { b: floor } : {}) });
    },
  );
  app.post(
    '/sync/push',
    {
      ...builtReply,
      config: { access: kioskOnly, validationErrorCode: 'command_malformed' },
      // a push of photos stays under it (the kiosk batches by size): a larger body is refused, unread, with 413 body_too_large
      bodyLimit: PUSH_BODY_LIMIT,
      schema: {
        summary: 'Push signed kiosk commands (check-ins, check-outs, walk-ins, registered photos…), each applied once',
        body: PushRequest,
        response: { 200: PushResponse, ...errorReplies },
      },
    },
    async (req) => {
      const kiosk = kioskOf(req);
      const { commands } = req.body;
      for (const cmd of commands) {
        if (cmd.kioskId !== kiosk.kioskId) {
          throw new HttpError(403, 'command_wrong_kiosk', `command ${cmd.id} names another kiosk; nothing was applied`, { id: cmd.id });
        }
      }
      const encoder = new TextEncoder();
      for (const cmd of commands) {
        // on this thread (platform/ed25519.ts): a push of one check-in waited longer on WebCrypto's thread pool than on the check
        const ok = verifyEd25519(kiosk.publicKey, encoder.encode(commandSigningText(cmd)), signatureBytes(cmd.sig));
        if (!ok) {
          throw new HttpError(401, 'command_bad_signature', `command ${cmd.id} is not signed by this kiosk’s key; nothing was applied`, { id: cmd.id });
        }
      }
      // with the other pushes of this moment, in one transaction (one commit); answered once committed
      return { results: await batches.apply(kiosk, commands) };
    },
  );
};
