/**
 * dispatchIpcCall: validate the input with the contract (src/shared/ipc.ts), run the call's handler from the core's
 * table (the features' tables, composed once by the composition root, ./kioskCore.ts), check the output against the
 * contract, turn errors into { code, message } with numbers redacted (a full disk: storage_full). Both hosts (Electron, browser) go through
 * dispatchIpcCall.
 */
import { ipcCalls, IpcCallError, isIpcCallName, type IpcCallName, type IpcError } from '../../shared/ipc';
import { redactText } from '../../shared/mask';
import type { KioskCore } from './kioskCore';
import { createLogger } from './log';
import { messageOf } from '../../shared/errorText';
import type { IpcHandlerTable, ParsedInput } from './features';
import { isStorageFull, storageFullError } from './db/storageErrors';

const log = createLogger('ipc');

export type IpcCallResult = { ok: true; output: unknown } | { ok: false; error: IpcError };

function toIpcError(err: unknown, name: string): IpcError {
  if (err instanceof IpcCallError) {
    // instanceof narrows to the class with `any` for its code parameter: every instance's code is an IpcErrorCode
    const coded: IpcCallError = err as IpcCallError;
    return { code: coded.code, message: redactText(coded.message) };
  }
  log.error(`call ${name} failed`, err);
  if (isStorageFull(err)) return { code: 'storage_full', message: storageFullError().message };
  return { code: 'internal', message: redactText(messageOf(err)) };
}

/** What dispatching needs of the core: its composed handler table. */
export type Dispatcher = Pick<KioskCore, 'handlers'>;

async function run(handlers: IpcHandlerTable, name: IpcCallName, rawInput: unknown): Promise<IpcCallResult> {
  const contract = ipcCalls[name];
  const input = contract.input.safeParse(rawInput ?? {});
  if (!input.success) {
    const detail = input.error.issues.map((i) => `${i.path.join('.') || '(input)'}: ${i.message}`).join('; ');
    return { ok: false, error: { code: 'bad_input', message: redactText(`${name}: ${detail}`) } };
  }
  // the contract parsed the input with this call's own schema: it is what this call's handler takes
  const handler = handlers[name] as (input: ParsedInput<IpcCallName>) => unknown;
  const output: unknown = await handler(input.data);
  const checked = contract.output.safeParse(output);
  if (!checked.success) {
    log.error(`call ${name} produced output outside the contract`, checked.error.message);
    return { ok: false, error: { code: 'internal', message: `${name}: output does not match the contract` } };
  }
  return { ok: true, output: checked.data };
}

/** Runs one call by name. Never throws: every failure is an { ok: false, error }. */
export async function dispatchIpcCall(core: Dispatcher, name: string, rawInput: unknown): Promise<IpcCallResult> {
  if (!isIpcCallName(name)) return { ok: false, error: { code: 'unknown_call', message: `no such call: ${redactText(name.slice(0, 64))}` } };
  try {
    return await run(core.handlers, name, rawInput);
  } catch (err) {
    return { ok: false, error: toIpcError(err, name) };
  }
}
