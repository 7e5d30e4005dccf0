/** Making outbox commands: a client-made UUID, the kiosk's id and clock, signed with the kiosk's key (over the parsed body). */
import { randomUUID } from 'node:crypto';
import { signEd25519 } from '../../../platform/ed25519';
import { CommandBody, commandSigningText, SignedCommand, type UnsignedCommand } from '../../../shared/sync';

export function signCommand(body: CommandBody, signer: { kioskId: string; privateKey: string }, at: Date, id: string = randomUUID()): Promise<SignedCommand> {
  // signed as the cloud will read it: parsing normalises (phones, ID numbers, plates) and fills defaults, and the
  // cloud checks the signature over its parsed command
  const unsigned: UnsignedCommand = { id, kioskId: signer.kioskId, at: at.toISOString(), ...CommandBody.parse(body) };
  // Node's Ed25519, synchronous (the same signature as WebCrypto's, without the thread pool's round trip: issue 12)
  const sig = signEd25519(signer.privateKey, new TextEncoder().encode(commandSigningText(unsigned)));
  return Promise.resolve(SignedCommand.parse({ ...unsigned, sig }));
}
