/**
 * The walk-in feature (src/shared/contract/walkin.ts): the form's look-ups (site lists, the person's last visit,
 * today's visitors, the host directory) and the registration, through the walk-in desk (../walkin/) built from its
 * own dependencies.
 */
import type { walkinCalls } from '../../../shared/contract/walkin';
import { localDate, startOfLocalDay } from '../../../shared/siteDay';
import { IpcCallError } from '../../../shared/ipc';
import { facePhotoOf } from '../walkin/facePhotos';
import { createWalkInDesk, type WalkInDeps, type WalkInDesk } from '../walkin';
import type { HandlerTable } from './feature';

export interface WalkinFeatureDeps extends WalkInDeps {
  /** whether `token` names an unlocked admin or staff session (the admin feature's) */
  staffSession: (token: string) => boolean;
}

export interface WalkinFeature {
  readonly desk: WalkInDesk;
  readonly handlers: HandlerTable<typeof walkinCalls>;
}

export function createWalkinFeature(deps: WalkinFeatureDeps): WalkinFeature {
  const desk = createWalkInDesk(deps);
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
      'walkin.facePhoto': ({ session, bookingId }) => {
        if (!deps.staffSession(session)) throw new IpcCallError('walkin_staff_only', 'face photos are shown to staff only: unlock first');
        return { face: facePhotoOf(deps.db, deps.facePhotoDir, bookingId) };
      },
      'walkin.cancelWait': async ({ registrationId }) => {
        await desk.hostApprovals.cancel(registrationId.toLowerCase());
        return { cancelled: true as const };
      },
      'walkin.waits': () => ({ waits: desk.hostApprovals.list(startOfLocalDay(localDate(deps.now(), deps.timeZone()), deps.timeZone()).toISOString()) }),
      'walkin.applyOfflineRule': ({ registrationId }) => desk.hostApprovals.applyOfflineRule(registrationId.toLowerCase()),
    },
  };
}
