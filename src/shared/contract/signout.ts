/** The contract's sign-out feature: today's visits at this kiosk, and recording an exit. */
import { z } from 'zod';
import { plainText, Uuid, Visit } from '../domain';
import { SignOutErrorCode } from '../errorCodes';
import { call, Empty } from './define';

export const signoutCalls = {
  'visits.today': call(Empty, z.object({ visits: z.array(Visit) }), "today's visits at this kiosk"),
  'visits.checkout': call(
    z
      .object({ visitId: Uuid.optional(), passToken: plainText(z.string().max(4096)).optional(), endVisit: z.literal(true).optional() })
      .strict()
      .refine((v) => v.visitId !== undefined || v.passToken !== undefined, 'visitId or passToken'),
    z.object({ visit: Visit }),
    'record an exit: it ends a one-day visit; on a multi-day visit it is one exit while the window lasts, unless endVisit (staff end the visit)',
  ),
} as const;

export const signoutEvents = {} as const;

export const signoutContract = { calls: signoutCalls, events: signoutEvents, errors: SignOutErrorCode } as const;
