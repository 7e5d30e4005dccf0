/**
 * SAM_V frames once received: the checksum-verified `Frame`, its command / reply views, whole-buffer validation
 * (`decodeFrame`) and the frame error type the streaming parser reports.
 */
import { xorChecksum } from './frameBuilder';
import { hex2 } from './hex';
import { DEFAULT_MAX_LEN, HEADER_LENGTH, PREAMBLE, Sw3 } from './protocolCodes';

/** A checksum-verified frame: `body` is everything between LEN and CHK. */
export interface Frame {
  bytes: Uint8Array;
  body: Uint8Array;
}

export interface CommandFrame {
  cmd: number;
  data: Uint8Array;
}
export interface ReplyFrame {
  sw1: number;
  sw2: number;
  sw3: number;
  data: Uint8Array;
}

/** undefined when the body is too short to be a command (e.g. a Bluetooth 1-byte sleep frame). */
export function parseCommand(frame: Frame): CommandFrame | undefined {
  if (frame.body.length < 2) return undefined;
  return { cmd: (frame.body[0]! << 8) | frame.body[1]!, data: frame.body.subarray(2) };
}

export function parseReply(frame: Frame): ReplyFrame | undefined {
  if (frame.body.length < 3) return undefined;
  return { sw1: frame.body[0]!, sw2: frame.body[1]!, sw3: frame.body[2]!, data: frame.body.subarray(3) };
}

export const isSuccess = (r: ReplyFrame, sw3: number = Sw3.success): boolean => r.sw1 === 0 && r.sw2 === 0 && r.sw3 === sw3;

/**
 * Validates a complete buffer as exactly one frame (used by tests and the CLI). Returns the frame or the reason.
 */
export function decodeFrame(bytes: Uint8Array, maxLen = DEFAULT_MAX_LEN): Frame | FrameError {
  for (let i = 0; i < PREAMBLE.length; i++) {
    if (bytes[i] !== PREAMBLE[i]) return { code: 'preamble', message: 'no SAM_V preamble', discarded: bytes.length };
  }
  if (bytes.length < HEADER_LENGTH) return { code: 'length', message: 'truncated header', discarded: bytes.length };
  const len = (bytes[5]! << 8) | bytes[6]!;
  if (len < 2 || len > maxLen) return { code: 'length', message: `LEN ${len} out of range`, discarded: bytes.length };
  if (bytes.length !== HEADER_LENGTH + len) {
    return { code: 'length', message: `LEN ${len} but ${bytes.length - HEADER_LENGTH} bytes follow`, discarded: bytes.length };
  }
  const want = xorChecksum(bytes, 5, bytes.length - 1);
  const got = bytes[bytes.length - 1]!;
  if (want !== got) {
    return { code: 'checksum', message: `checksum ${hex2(got)}, expected ${hex2(want)}`, discarded: bytes.length };
  }
  return { bytes, body: bytes.subarray(HEADER_LENGTH, bytes.length - 1) };
}

export type FrameErrorCode = 'checksum' | 'length' | 'preamble' | 'listener';
export interface FrameError {
  code: FrameErrorCode;
  message: string;
  /** bytes dropped because of this error */
  discarded: number;
}
export const isFrameError = (x: Frame | FrameError): x is FrameError => 'code' in x;
