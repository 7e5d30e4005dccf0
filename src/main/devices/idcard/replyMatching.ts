/**
 * How the driver reads replies: command names for logs and errors, which SW3 codes mean the SAM itself is faulty,
 * and whether a reply plausibly answers the pending command.
 */
import { Cmd, Sw3, type ReplyFrame } from './codec';

const CMD_NAME: ReadonlyMap<number, string> = new Map([
  [Cmd.resetSam, 'reset SAM'],
  [Cmd.samStatus, 'SAM status'],
  [Cmd.samId, 'SAM ID'],
  [Cmd.findCard, 'find card'],
  [Cmd.selectCard, 'select card'],
  [Cmd.readBase, 'read card'],
  [Cmd.readBaseFp, 'read card + fingerprint'],
  [Cmd.readAppendedAddress, 'read appended address'],
]);
export const cmdName = (cmd: number): string => CMD_NAME.get(cmd) ?? `command ${cmd.toString(16)}`;

/** SW3 codes meaning the SAM itself is unusable: the driver stays in `error` and re-checks the SAM status. */
export const isSamFault = (sw3: number): boolean => sw3 === Sw3.samSelfTestFailed || sw3 === Sw3.samNotAuthorised;

/**
 * Is `r` a plausible answer to `cmd`? Rejects stale replies to an earlier, timed-out request (a late 1295-byte
 * read reply must not be taken as the answer to find-card).
 */
export function fitsCommand(cmd: number, r: ReplyFrame): boolean {
  if (r.sw1 !== 0 || r.sw2 !== 0) return r.data.length === 0;
  switch (r.sw3) {
    case Sw3.findOk:
      return cmd === Cmd.findCard && r.data.length <= 8;
    case Sw3.success:
      switch (cmd) {
        case Cmd.findCard:
          return false;
        case Cmd.selectCard:
          return r.data.length <= 16;
        case Cmd.readBase:
        case Cmd.readBaseFp:
          return r.data.length >= 4;
        case Cmd.samId:
          return r.data.length === 16;
        case Cmd.readAppendedAddress:
          return r.data.length <= 72;
        default:
          return r.data.length === 0;
      }
    default:
      return r.data.length === 0;
  }
}
