/** The sign-out feature (src/shared/contract/signout.ts): today's visits, recording an exit. */
import type { signoutCalls } from '../../../shared/contract/signout';
import type { CheckInDesk } from '../checkin';
import type { HandlerTable } from './feature';

export interface SignoutFeatureDeps {
  /** the check-in desk's visits (the check-in feature's desk) */
  visits: Pick<CheckInDesk, 'visitsToday' | 'checkOut'>;
}

export function createSignoutFeature(deps: SignoutFeatureDeps): { readonly handlers: HandlerTable<typeof signoutCalls> } {
  const { visits } = deps;
  return {
    handlers: {
      'visits.today': () => ({ visits: visits.visitsToday() }),
      'visits.checkout': async (input) => ({ visit: await visits.checkOut(input) }),
    },
  };
}
