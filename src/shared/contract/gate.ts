/**
 * The contract's gate feature (gate mode, seed 000's entry and exit scans): a pass scanned at the gate is judged
 * offline (signature, key, site, validity window, revocation and its booking's standing: one rule with pass.verify)
 * and answered 通过 / 未通过 with the reason; a pass let through is recorded as an entry or exit (a signed
 * `passage` command, synced). The kiosk may start on the gate screen (settings.startScreen).
 */
import { z } from 'zod';
import { Instant, KioskSettingsPublic, plainText, StartScreen, Uuid } from '../domain';
import { GateErrorCode, PassesErrorCode } from '../errorCodes';
import { PassageDirection } from '../sync';
import { call } from './define';

/** Why the gate said no: the pass's own error, or its standing. Each has words (`error.<code>`). */
export const GateDenial = z.enum([...PassesErrorCode.options, ...GateErrorCode.options]);
export type GateDenial = z.infer<typeof GateDenial>;

export const GateVerdict = z.object({
  passed: z.boolean(),
  direction: PassageDirection,
  /** why not, when not passed */
  reason: GateDenial.optional(),
  /** the holder's name, masked, when the kiosk knows it */
  name: z.string().max(40).optional(),
  /** the entry or exit recorded (its command id), when passed */
  passageId: Uuid.optional(),
  at: Instant,
});
export type GateVerdict = z.infer<typeof GateVerdict>;

export const gateCalls = {
  'gate.scan': call(
    z.object({ text: plainText(z.string().min(1).max(4096)), direction: PassageDirection }).strict(),
    GateVerdict,
    'judge a scanned pass at the gate, offline: entry needs a pass valid now (window, revocation, booking standing); exit lets out any pass of this site with a good signature, even expired; a pass let through is recorded (passage command) and synced',
  ),
  'gate.setStartScreen': call(z.object({ startScreen: StartScreen }).strict(), KioskSettingsPublic, 'the screen the kiosk opens on: home or the gate'),
} as const;

export const gateEvents = {} as const;

export const gateContract = { calls: gateCalls, events: gateEvents, errors: GateErrorCode } as const;
