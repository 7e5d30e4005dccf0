/** The contract's passes feature: verifying a pass offline, and printing one. */
import { z } from 'zod';
import { plainText, Uuid } from '../domain';
import { PassesErrorCode } from '../errorCodes';
import { PassPayload } from '../pass';
import { PassRefusal } from '../passStanding';
import { call } from './define';

export const passesCalls = {
  'pass.verify': call(
    z.object({ token: plainText(z.string().min(1).max(4096)) }).strict(),
    z.object({ payload: PassPayload, valid: z.boolean(), reason: PassRefusal.optional() }),
    'verify a pass (version 1 or 2) offline with the keys the kiosk knows; valid says whether it lets its holder through now (not revoked, booking not cancelled/rejected/left), reason why not; a version 2 pass gets its names from the visit or booking this kiosk has (absent when it has none)',
  ),
  'pass.print': call(
    z.object({ visitId: Uuid }).strict(),
    z.object({ printed: z.literal(true), printer: z.string() }),
    'print the pass of a visit checked in at this kiosk on the ESC/POS printer (masked name only); errors not_found, already_left, pass_expired, printer_unavailable (none ready, or a system printer: the renderer prints), paper_out, printer_failed',
  ),
} as const;

export const passesEvents = {} as const;

export const passesContract = { calls: passesCalls, events: passesEvents, errors: PassesErrorCode } as const;
