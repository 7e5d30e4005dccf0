/** Building SAM_V frames (device-protocols.md §1.2): command frames (host side) and reply frames (simulator side). */
import { HEADER_LENGTH, PREAMBLE } from './protocolCodes';

/** XOR of bytes[start, end). */
export function xorChecksum(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let x = 0;
  for (let i = start; i < end; i++) x ^= bytes[i]!;
  return x;
}

/** Wraps a body (CMD PARA DATA, or SW1 SW2 SW3 DATA) into a full frame. */
export function buildFrame(body: Uint8Array): Uint8Array {
  const len = body.length + 1;
  if (len > 0xffff) throw new RangeError(`frame body too long (${body.length})`);
  const f = new Uint8Array(HEADER_LENGTH + len);
  f.set(PREAMBLE, 0);
  f[5] = len >> 8;
  f[6] = len & 0xff;
  f.set(body, HEADER_LENGTH);
  f[f.length - 1] = xorChecksum(f, 5, f.length - 1);
  return f;
}

export function buildCommand(cmd: number, data: Uint8Array = new Uint8Array(0)): Uint8Array {
  const body = new Uint8Array(2 + data.length);
  body[0] = (cmd >> 8) & 0xff;
  body[1] = cmd & 0xff;
  body.set(data, 2);
  return buildFrame(body);
}

export function buildReply(sw3: number, data: Uint8Array = new Uint8Array(0), sw1 = 0, sw2 = 0): Uint8Array {
  const body = new Uint8Array(3 + data.length);
  body[0] = sw1;
  body[1] = sw2;
  body[2] = sw3;
  body.set(data, 3);
  return buildFrame(body);
}
