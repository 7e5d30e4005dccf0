/** Baud rate detection: the default probe order and the one-shot probe used by serial port auto-detection. */
import type { ByteTransport } from '../transport/transport';
import { buildCommand, Cmd, FrameParser, parseReply, statusMeaning, type ReplyFrame } from './codec';
import { closeWithin1s } from './readerLink';

/** The probe order when none is given (§1.1). */
export const DEFAULT_BAUD_RATES: readonly number[] = [115200, 9600];

export interface ProbeResult {
  baudRate: number;
  /** SW3 of the SAM-status reply: 90 healthy, 60 self-test failed, … */
  samStatus: number;
  samStatusMeaning: string;
}

/**
 * One-shot detection (for port auto-detection): opens the transport at each baud rate, sends SAM status (11 FF) and
 * waits up to `timeoutMs` for any well-formed reply. Closes the port before returning. undefined = not a reader
 * (or the port cannot be opened).
 */
export async function probeIdCardReader(
  transport: (baudRate: number) => ByteTransport,
  options: { baudRates?: number[]; timeoutMs?: number } = {},
): Promise<ProbeResult | undefined> {
  const timeoutMs = options.timeoutMs ?? 500;
  for (const baud of options.baudRates?.length ? options.baudRates : DEFAULT_BAUD_RATES) {
    const t = transport(baud);
    try {
      await t.open();
    } catch {
      return undefined;
    }
    const parser = new FrameParser();
    const offs: (() => void)[] = [];
    try {
      const reply = await new Promise<ReplyFrame | undefined>((resolve) => {
        const timer = setTimeout(() => resolve(undefined), timeoutMs);
        offs.push(() => clearTimeout(timer));
        offs.push(t.onData((c) => parser.push(c)));
        offs.push(t.onClose(() => resolve(undefined)));
        offs.push(
          parser.onFrame((f) => {
            const r = parseReply(f);
            if (r && r.data.length === 0) resolve(r);
          }),
        );
        t.write(buildCommand(Cmd.samStatus)).catch(() => resolve(undefined));
      });
      if (reply) return { baudRate: baud, samStatus: reply.sw3, samStatusMeaning: statusMeaning(reply.sw3) };
    } finally {
      for (const off of offs) off();
      await closeWithin1s(t);
    }
  }
  return undefined;
}
