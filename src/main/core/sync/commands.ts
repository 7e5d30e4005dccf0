/** Making outbox commands: a client-made UUID, the kiosk's id and clock, signed with the kiosk's key. */
import { randomUUID } from 'node:crypto';
import { signBytes } from '../../../shared/pass';
import { commandSigningText, SignedCommand, type CommandBody, type UnsignedCommand } from '../../../shared/sync';

export async function signCommand(
  body: CommandBody,
  signer: { kioskId: string; privateKey: string },
  at: Date,
  id: string = randomUUID(),
): Promise<SignedCommand> {
  const unsigned: UnsignedCommand = { id, kioskId: signer.kioskId, at: at.toISOString(), ...body };
  const sig = await signBytes(signer.privateKey, new TextEncoder().encode(commandSigningText(unsigned)));
  return SignedCommand.parse({ ...unsigned, sig });
}
