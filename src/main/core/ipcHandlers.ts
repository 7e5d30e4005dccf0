/**
 * One handler per call of the IPC contract (src/shared/ipc.ts), and dispatchIpcCall: validate the input
 * with the contract, run the handler, check the output against the contract, turn errors into
 * { code, message } with numbers redacted. Both hosts (Electron, browser) go through dispatchIpcCall.
 */
import type { z } from 'zod';
import { ipcCalls, IpcCallError, isIpcCallName, type IpcCallName, type IpcError, type IpcOutput } from '../../shared/ipc';
import { redactText } from '../../shared/mask';
import type { KioskCore } from './kioskCore';
import { createLogger } from './log';
import { messageOf } from '../../shared/errorText';

const log = createLogger('ipc');

type ParsedInput<N extends IpcCallName> = z.infer<(typeof ipcCalls)[N]['input']>;
type Handler<N extends IpcCallName> = (core: KioskCore, input: ParsedInput<N>) => Promise<IpcOutput<N>> | IpcOutput<N>;

export const ipcHandlers: { [N in IpcCallName]: Handler<N> } = {
  'app.info': (core) => core.info(),
  'settings.get': (core) => core.publicSettings(),
  'settings.setLanguage': (core, { language }) => core.setLanguage(language),
  'sync.status': (core) => core.sync.state(),
  'sync.now': (core) => core.sync.now(),
  'sync.conflicts': (core) => ({ conflicts: core.sync.conflicts() }),
  'sync.acknowledgeConflict': (core, { commandId }) => core.sync.acknowledgeConflict(commandId),
  'bookings.find': async (core, { query }) => ({ bookings: await core.checkIn.findBookings(query) }),
  'bookings.findByCard': (core, { cardRef }) => {
    const held = core.heldCard(cardRef);
    return { card: held.read, bookings: core.checkIn.findBookingsByIdNumber(held.card.idNumber) };
  },
  'bookings.get': (core, { bookingId }) => core.checkIn.getBookingView(bookingId),
  'checkin.confirm': (core, input) => core.checkIn.confirmCheckIn(input),
  'visits.today': (core) => ({ visits: core.checkIn.visitsToday() }),
  'visits.checkout': async (core, input) => ({ visit: await core.checkIn.checkOut(input) }),
  'pass.verify': async (core, { token }) => core.checkIn.checkPass(token),
  'pass.print': async (core, { visitId }) => ({ printed: true, ...(await core.printPass(visitId)) }),
  'devices.list': (core) => ({ devices: core.devices() }),
  'devices.readTemperature': (core) => core.readTemperature(),
};

export type IpcCallResult = { ok: true; output: unknown } | { ok: false; error: IpcError };

function toIpcError(err: unknown, name: string): IpcError {
  if (err instanceof IpcCallError) return { code: err.code, message: redactText(err.message) };
  log.error(`call ${name} failed`, err);
  return { code: 'internal', message: redactText(messageOf(err)) };
}

async function run<N extends IpcCallName>(core: KioskCore, name: N, rawInput: unknown): Promise<IpcCallResult> {
  const contract = ipcCalls[name];
  const input = contract.input.safeParse(rawInput ?? {});
  if (!input.success) {
    const detail = input.error.issues.map((i) => `${i.path.join('.') || '(input)'}: ${i.message}`).join('; ');
    return { ok: false, error: { code: 'bad_input', message: redactText(`${name}: ${detail}`) } };
  }
  const handler = ipcHandlers[name] as Handler<N>;
  const output = await handler(core, input.data as ParsedInput<N>);
  const checked = contract.output.safeParse(output);
  if (!checked.success) {
    log.error(`call ${name} produced output outside the contract`, checked.error.message);
    return { ok: false, error: { code: 'internal', message: `${name}: output does not match the contract` } };
  }
  return { ok: true, output: checked.data };
}

/** Runs one call by name. Never throws: every failure is an { ok: false, error }. */
export async function dispatchIpcCall(core: KioskCore, name: string, rawInput: unknown): Promise<IpcCallResult> {
  if (!isIpcCallName(name)) return { ok: false, error: { code: 'unknown_call', message: `no such call: ${redactText(name.slice(0, 64))}` } };
  try {
    return await run(core, name, rawInput);
  } catch (err) {
    return { ok: false, error: toIpcError(err, name) };
  }
}
