/**
 * The walk-in feature (src/shared/contract/walkin.ts): the form's look-ups (site lists, the person's last visit,
 * today's visitors, the host directory) and the registration, through the walk-in desk (../walkin/) built from its
 * own dependencies.
 */
import type { walkinCalls } from '../../../shared/contract/walkin';
import { localDate, startOfLocalDay } from '../../../shared/siteDay';
import { IpcCallError } from '../../../shared/ipc';
import type { AdminRole } from '../../../shared/adminPin';
import type { AdminAudit } from '../admin/audit';
import { facePhotoOf } from '../face/facePhotos';
import { registeredPhotoOf, replaceRegisteredPhoto, type RegisteredPhotoDeps } from '../walkin/registeredPhotos';
import { createWalkInDesk, type WalkInDeps, type WalkInDesk } from '../walkin';
import type { HandlerTable } from './feature';

export interface WalkinFeatureDeps extends WalkInDeps {
  /** the role of the unlocked admin or staff session `token` names (the admin feature's), else undefined */
  staffSession: (token: string) => AdminRole | undefined;
  /** the admin audit trail (a registered photo replaced) */
  audit: AdminAudit;
}

export interface WalkinFeature {
  readonly desk: WalkInDesk;
  readonly handlers: HandlerTable<typeof walkinCalls>;
}

export function createWalkinFeature(deps: WalkinFeatureDeps): WalkinFeature {
  const desk = createWalkInDesk(deps);
  const photos: RegisteredPhotoDeps = {
    db: deps.db,
    dir: deps.facePhotoDir,
    now: deps.now,
    kioskId: () => deps.signer()?.identity.kioskId ?? 'unenrolled',
    heldCard: deps.heldCard,
    audit: deps.audit,
    upload: { faceUploadAllowed: deps.faceUploadAllowed, signer: deps.signer },
    requestSync: deps.requestSync,
  };
  const staff = (session: string): AdminRole => {
    const role = deps.staffSession(session);
    if (role === undefined) throw new IpcCallError('walkin_staff_only', 'face photos are for staff only: unlock first');
    return role;
  };
  return {
    desk,
    handlers: {
      'walkin.options': () => desk.lookup.options(),
      'walkin.lookup': async (by) => ({ lastVisit: await desk.lookup.lastVisitOnline(by) }),
      'walkin.today': async () => ({ visitors: await desk.lookup.todayOnline() }),
      'hosts.search': ({ query }) => desk.lookup.searchHostsOnline(query),
      'walkin.screen': (input) => desk.registrar.screen(input),
      'walkin.companionCard': () => {
        deps.keepCardsForNextRead?.();
        return {};
      },
      'walkin.register': (input) => desk.registrar.register(input),
      'walkin.facePhoto': ({ session, bookingId, visitId }) => {
        if (!deps.staffSession(session)) throw new IpcCallError('walkin_staff_only', 'face photos are shown to staff only: unlock first');
        const by = bookingId !== undefined ? { bookingId } : { visitId: (visitId ?? '').toLowerCase() };
        return { face: facePhotoOf(deps.db, deps.facePhotoDir, by) };
      },
      'walkin.registeredPhoto': ({ session, ...by }) => {
        staff(session);
        return registeredPhotoOf(photos, by);
      },
      'walkin.replacePhoto': async ({ session, face, ...by }) => replaceRegisteredPhoto(photos, { ...by, face }, staff(session)),
      'walkin.cancelWait': async ({ registrationId }) => {
        await desk.hostApprovals.cancel(registrationId.toLowerCase());
        return { cancelled: true as const };
      },
      'walkin.waits': () => ({ waits: desk.hostApprovals.list(startOfLocalDay(localDate(deps.now(), deps.timeZone()), deps.timeZone()).toISOString()) }),
      'walkin.applyOfflineRule': ({ registrationId }) => desk.hostApprovals.applyOfflineRule(registrationId.toLowerCase()),
    },
  };
}
