/**
 * Companion links, the companion's side (转发同伴填写, issue 13 item 2): the companion opens the link without an
 * account, sees the site, the host (masked), the window and what to fill in, and gives their own name, phone and ID.
 * That makes a sub-bill under the main bill (one person per link, once), after the rules every companion passes (ID
 * numbers, the blacklist, the site's companion limit). An expired, revoked or used link answers 410 in words, an
 * unknown token 404, and a refusal stores nothing.
 *
 * Its decision, as seed 004 has it: while the main bill is pending (or returned) the sub-bill is pending and follows it
 * (approved with it, cancelled when it is rejected or cancelled). Once the main bill is approved, a sub-bill of an
 * invitation's booking is approved at once (邀约: 子单据无需受访人审核, 会自动根据主单据状态进行审核), and one of a
 * visitor's own booking waits for the host to approve it alone (1.7: 通过批量转发同伴填写生成的子单据需要受访人单独审核),
 * in the host's 待处理 like any application.
 */
import type { z } from 'zod';
import { bookingStatusLabel, INITIAL_STATUS } from '../../shared/bookingStates';
import type { CompanionFill, CompanionFillReceipt, PublicCompanionLink } from '../../shared/companionLinks';
import { checkIdNumber } from '../../shared/idNumber';
import { maskName } from '../../shared/mask';
import type { CloudContext } from '../context';
import { nextChangeSeq } from '../db/changeSeq';
import type { BookingsTable, CompanionLinksTable } from '../db/schema';
import { badRequest, HttpError, notFound } from '../errors';
import { newId, sha256Hex } from '../../platform/secrets';
import { writeAudit } from '../repositories/audit';
import { insertBookingRow } from '../repositories/bookings';
import { findCompanionLinkByTokenHash, useOpenCompanionLink } from '../repositories/companionLinks';
import { getHostName } from '../repositories/hosts';
import { notifyHostOfApplication } from '../notifications/events';
import { approveInTransaction } from './bookingLifecycle';
import { bookingAsOf, getBookingRow, NOT_A_WALK_IN, NOT_YET_DECIDED_OR_VISITED, toBooking, uniqueBookingCode } from './bookingRecords';
import { blacklistedPeople, enforceBlacklist, ID_PROBLEM_TEXT } from './bookingRules';
import { recordingRefusedHits } from './blacklistHits';
import { companionLinkStatusOf, companionsCounted, maxCompanionsOf, refuseUnlessTakesCompanions } from './companionLinks';
import { getSiteRow } from './sites';

export const FOLLOWS_MAIN_REASON = '跟随主单据（邀约）/ follows its main booking (an invitation’s)';

const gone = (code: string, zh: string, en: string) => new HttpError(410, code, `${zh} / ${en}`);

/** The link of a token and its main bill, both still open: otherwise 404 (no such link) or 410 in words. */
async function openLink(db: CloudContext['db'], token: string, now: Date): Promise<{ link: CompanionLinksTable; main: BookingsTable }> {
  const link = await findCompanionLinkByTokenHash(db, sha256Hex(token));
  if (!link) throw notFound('companion_link_unknown', '链接无效 / no such companion link');
  const status = companionLinkStatusOf(link, now);
  if (status === 'used')
    throw gone('companion_link_used', '此链接已填写过，一个链接只能填写一位同伴', 'this link has already been used: one link is for one companion');
  if (status === 'revoked') throw gone('companion_link_revoked', '此链接已被申请人撤销', 'the applicant revoked this link');
  if (status === 'expired') throw gone('companion_link_expired', '此链接已过期', 'this link has expired');
  const main = bookingAsOf(await getBookingRow(db, link.booking_id), now);
  try {
    refuseUnlessTakesCompanions(main, now);
  } catch {
    throw gone('companion_link_closed', '预约已取消或已结束，此链接失效', 'the booking was cancelled, decided against or is over: this link no longer works');
  }
  return { link, main };
}

export async function readPublicCompanionLink(ctx: CloudContext, token: string): Promise<PublicCompanionLink> {
  const { link, main } = await openLink(ctx.db, token, ctx.now());
  const [hostName, site] = await Promise.all([getHostName(ctx.db, main.host_id), getSiteRow(ctx.db, main.site_id)]);
  return {
    siteName: site.name,
    hostNameMasked: maskName(hostName),
    applicantNameMasked: maskName(toBooking(main).visitor.name),
    windowStart: main.window_start,
    windowEnd: main.window_end,
    expiresAt: link.expires_at,
    fields: ['name', 'phone', 'idType', 'idNumber'],
  };
}

/** A resident ID number's check digit and birth date, as for every companion. */
function checkResidentId(input: z.output<typeof CompanionFill>): void {
  if (input.idType !== 'resident_id') return;
  const problem = checkIdNumber(input.idNumber);
  if (problem !== null) throw badRequest('id_number_invalid', ID_PROBLEM_TEXT[problem], { who: 'companion', problem });
}

function subBillRow(main: BookingsTable, companion: z.output<typeof CompanionFill>, code: string, nowIso: string, seq: number): BookingsTable {
  return {
    id: newId('bk'),
    code,
    site_id: main.site_id,
    host_id: main.host_id,
    source: main.source,
    status: INITIAL_STATUS.apply,
    visitor: JSON.stringify({ name: companion.name, phone: companion.phone, idType: companion.idType, idNumber: companion.idNumber }),
    companions: '[]',
    group_size: 1,
    reason: main.reason,
    area: main.area,
    window_start: main.window_start,
    window_end: main.window_end,
    ...NOT_YET_DECIDED_OR_VISITED,
    ...NOT_A_WALK_IN,
    main_booking_id: main.id,
    details: null,
    created_at: nowIso,
    updated_at: nowIso,
    change_seq: seq,
  };
}

export async function fillCompanionLink(ctx: CloudContext, token: string, input: z.output<typeof CompanionFill>): Promise<CompanionFillReceipt> {
  const now = ctx.now();
  const nowIso = now.toISOString();
  checkResidentId(input);
  const sub = await recordingRefusedHits(ctx.db, () =>
    ctx.db.transaction().execute(async (trx) => {
      // the change number first: it orders writers (the counter row stays locked on PostgreSQL), so the main bill read
      // next is as a decision made meanwhile left it (approved a moment ago: the companion waits for the host, not pending)
      const seq = await nextChangeSeq(trx);
      const { link, main } = await openLink(trx, token, now);
      const limit = await maxCompanionsOf(trx, main);
      // this link's own place is among the open links: count the others' and the companions already there
      if ((await companionsCounted(trx, main, now, true)) > limit) {
        throw new HttpError(409, 'companion_limit_reached', `同行人数已达上限（${limit}人）/ the booking already has its ${limit} companions`, {
          maxCompanions: limit,
        });
      }
      const person = { name: input.name, phone: input.phone, idType: input.idType, idNumber: input.idNumber };
      const check = { siteId: main.site_id, now, source: 'application' as const, subject: main.id };
      await enforceBlacklist(trx, check, await blacklistedPeople(trx, main.site_id, { visitor: person, companions: [] }, now));
      const row = subBillRow(main, input, await uniqueBookingCode(trx), nowIso, seq);
      await insertBookingRow(trx, row);
      // used once: a second submission racing this one finds it used and stores nothing
      if ((await useOpenCompanionLink(trx, link.id, row.id, nowIso)) !== 1) {
        throw gone('companion_link_used', '此链接已填写过，一个链接只能填写一位同伴', 'this link has already been used: one link is for one companion');
      }
      await writeAudit(trx, {
        at: now,
        actor: `companion-link:${link.id}`,
        action: 'booking.create',
        subject: row.id,
        detail: { source: 'companion_link', mainBookingId: main.id },
      });
      if (main.status !== 'approved') return toBooking(row); // pending: follows the main bill's decision
      if (main.source === 'invited') return approveInTransaction(trx, `companion-link:${link.id}`, row.id, now, FOLLOWS_MAIN_REASON);
      await notifyHostOfApplication(trx, row, now); // the host approves it alone
      return toBooking(row);
    }),
  );
  const label = { 'zh-CN': bookingStatusLabel(sub.status, 'applicant', 'zh-CN'), en: bookingStatusLabel(sub.status, 'applicant', 'en') };
  return {
    code: sub.code,
    status: sub.status,
    statusLabel: label,
    windowStart: sub.windowStart,
    windowEnd: sub.windowEnd,
    message:
      sub.status === 'approved' ? '已提交，随主预约通过 / submitted: confirmed with the booking' : '已提交，等待受访人审核 / submitted: the host will decide',
  };
}
