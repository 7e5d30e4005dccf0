/**
 * Gate mode (seed 000: 进校 / 离校 scans): a scanned pass judged offline and, when let through, recorded as an entry
 * or exit (a signed `passage` command in the outbox, applied once by the cloud). The same rule as pass.verify: the
 * token verifies with the keys this kiosk knows (key, signature, this site, the validity window) and its standing
 * (revocation, its booking's status) lets its holder through. An exit lets out any pass of this site with a good
 * signature, even expired, revoked or of a visit already ended (nobody is kept in); a denial is answered, not recorded.
 */
import { GateDenial, type GateVerdict } from '../../shared/contract/gate';
import { Uuid } from '../../shared/domain';
import { IpcCallError } from '../../shared/errorCodes';
import type { PassPayload } from '../../shared/pass';
import { passStanding } from '../../shared/passStanding';
import type { PassageDirection } from '../../shared/sync';
import { PASS_IN_TEXT, type CheckInDesk, type KioskSigner } from './checkin';
import { getBooking } from './db/bookingsStore';
import type { KioskDb } from './db/openDb';
import { enqueueCommand } from './db/outboxStore';
import { isPassRevoked } from './db/referenceStore';
import { signCommand } from './sync/commands';

export interface GateDeps {
  db: KioskDb;
  now: () => Date;
  signer: () => KioskSigner | undefined;
  /** the check-in desk's offline pass verification (names filled from the visit or booking this kiosk has) */
  passes: Pick<CheckInDesk, 'verifyPassToken'>;
  /** asks the sync engine to push soon (not awaited) */
  requestSync: () => void;
}

export class GateDesk {
  constructor(private readonly deps: GateDeps) {}

  async scan(text: string, direction: PassageDirection): Promise<GateVerdict> {
    const signer = this.deps.signer();
    if (!signer) throw new IpcCallError('not_enrolled', 'this kiosk is not enrolled with the cloud yet');
    const at = this.deps.now();
    const denied = (reason: GateDenial, name?: string): GateVerdict => ({
      passed: false,
      direction,
      reason,
      ...(name !== undefined ? { name } : {}),
      at: at.toISOString(),
    });
    const token = PASS_IN_TEXT.exec(text.trim())?.[0];
    if (token === undefined) return denied('gate_not_a_pass');
    let payload: PassPayload;
    try {
      payload = await this.deps.passes.verifyPassToken(token, at.getTime(), direction === 'exit' ? { ignoreValidityWindow: true } : {});
    } catch (err) {
      const reason = err instanceof IpcCallError ? GateDenial.safeParse(err.code) : undefined;
      if (reason?.success) return denied(reason.data);
      throw err;
    }
    const name = payload.name;
    if (direction === 'entry') {
      const booking = payload.bid !== undefined ? getBooking(this.deps.db, payload.bid) : undefined;
      const standing = passStanding({ revoked: isPassRevoked(this.deps.db, payload.pid), bookingStatus: booking?.status });
      if (!standing.valid) return denied(standing.reason, name);
    }
    const visitId = payload.iss.startsWith('kiosk:') && Uuid.safeParse(payload.pid).success ? payload.pid : undefined;
    const command = await signCommand(
      {
        kind: 'passage',
        payload: {
          direction,
          passId: payload.pid,
          ...(payload.bid !== undefined ? { bookingId: payload.bid } : {}),
          ...(visitId !== undefined ? { visitId } : {}),
        },
      },
      { kioskId: signer.identity.kioskId, privateKey: signer.privateKey },
      at,
    );
    enqueueCommand(this.deps.db, command);
    this.deps.requestSync();
    return { passed: true, direction, ...(name !== undefined ? { name } : {}), passageId: command.id, at: at.toISOString() };
  }
}
