/** The sign-out feature's calls (src/shared/contract/signout.ts): today's visits, recording an exit. */
import type { signoutCalls } from '../../../shared/contract/signout';
import type { HandlerTable } from './handler';

export const signoutHandlers: HandlerTable<typeof signoutCalls> = {
  'visits.today': (core) => ({ visits: core.checkIn.visitsToday() }),
  'visits.checkout': async (core, input) => ({ visit: await core.checkIn.checkOut(input) }),
};
