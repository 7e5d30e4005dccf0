/**
 * SAM_V protocol constants (device-protocols.md §1.2–§1.4): the frame preamble and header length, command codes,
 * SW3 status codes, host-side codes and what each code means.
 */
import { hex2 } from './hex';

export const PREAMBLE: readonly number[] = [0xaa, 0xaa, 0xaa, 0x96, 0x69];
/** preamble + LEN */
export const HEADER_LENGTH = 7;
/** The longest legitimate reply is the 2321-byte fingerprint read (LEN 0x090A); leave head-room. */
export const DEFAULT_MAX_LEN = 4096;

/** Command class + parameter, as one 16-bit number (`0x2001` = find card). */
export const Cmd = {
  resetSam: 0x10ff,
  samStatus: 0x11ff,
  samId: 0x12ff,
  findCard: 0x2001,
  selectCard: 0x2002,
  readBase: 0x3001,
  readBaseFp: 0x3010,
  readAppendedAddress: 0x3003,
  setMaxRfByte: 0x61ff,
} as const;
export type CmdCode = (typeof Cmd)[keyof typeof Cmd];

/** SW3 codes that travel on the wire (§1.4). */
export const Sw3 = {
  success: 0x90,
  noSuchItem: 0x91,
  findOk: 0x9f,
  checksumError: 0x10,
  lengthError: 0x11,
  commandError: 0x21,
  notPermitted: 0x23,
  unknownError: 0x24,
  cardAuthSamFailed: 0x31,
  samAuthCardFailed: 0x32,
  verifyFailed: 0x33,
  fingerprintError: 0x37,
  infoLengthError: 0x3f,
  unknownCardType: 0x40,
  readFailed: 0x41,
  randomFailed: 0x47,
  samSelfTestFailed: 0x60,
  samNotAuthorised: 0x66,
  findFailed: 0x80,
  selectFailed: 0x81,
} as const;

/** Host-side codes (the "host DLL only" rows of §1.4), reused as the driver's own error codes. */
export const HostCode = {
  portOpenFailed: 0x01,
  timeout: 0x02,
  transmissionError: 0x03,
  portUnusable: 0x05,
} as const;

const STATUS_MEANING: ReadonlyMap<number, string> = new Map([
  [0x90, 'success'],
  [0x91, 'the card has no such item (e.g. no appended address)'],
  [0x9f, 'find card succeeded'],
  [0x10, 'checksum error in data received from the terminal'],
  [0x11, 'length error in data received from the terminal'],
  [0x21, 'command error: bad values or an invalid combination'],
  [0x23, 'operation not permitted'],
  [0x24, 'unrecognised error'],
  [0x31, 'card failed to authenticate the SAM'],
  [0x32, 'SAM failed to authenticate the card'],
  [0x33, 'information verification failed'],
  [0x37, 'fingerprint verification error'],
  [0x3f, 'information length error'],
  [0x40, 'unrecognised card type'],
  [0x41, 'read card failed'],
  [0x47, 'get-random failed'],
  [0x60, 'SAM self-test failed; cannot accept commands'],
  [0x66, 'SAM not authorised'],
  [0x80, 'find card failed (no card present)'],
  [0x81, 'select card failed'],
  [0x01, 'port open failed / invalid port'],
  [0x02, 'receive timeout'],
  [0x03, 'data transmission error'],
  [0x05, 'SAM serial port unusable'],
  [0x09, 'file open failed'],
]);

/** "60: SAM self-test failed; cannot accept commands"; unknown codes are "unknown status XX". */
export function statusMeaning(code: number): string {
  return STATUS_MEANING.get(code) ?? `unknown status ${hex2(code)}`;
}
