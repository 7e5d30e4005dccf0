/**
 * SAM_V frame codec (device-protocols.md §1.2–§1.6).
 *
 *   host → reader : AA AA AA 96 69 | LEN_H LEN_L | CMD PARA [DATA…]      | CHK
 *   reader → host : AA AA AA 96 69 | LEN_H LEN_L | SW1 SW2 SW3 [DATA…]   | CHK
 *
 * LEN is big-endian and counts every byte after LEN up to and including CHK; CHK is the XOR of LEN_H … the byte
 * before CHK. Pure: no I/O, no timers.
 *
 * The codec is split by what it holds; every name stays importable from here:
 *   protocolCodes.ts — preamble, LEN, command / SW3 / host codes and their meanings
 *   hex.ts           — hex formatting and parsing
 *   frameBuilder.ts  — checksum and frame building (commands, replies)
 *   frame.ts         — frame types, command / reply views, whole-buffer validation, frame errors
 *   frameParser.ts   — the streaming frame parser
 *   payloads.ts      — read-card payload and SAM ID
 */
export { Cmd, DEFAULT_MAX_LEN, HEADER_LENGTH, HostCode, PREAMBLE, statusMeaning, Sw3 } from './protocolCodes';
export type { CmdCode } from './protocolCodes';
export { fromHex, toHex } from './hex';
export { buildCommand, buildFrame, buildReply, xorChecksum } from './frameBuilder';
export { decodeFrame, isFrameError, isSuccess, parseCommand, parseReply } from './frame';
export type { CommandFrame, Frame, FrameError, FrameErrorCode, ReplyFrame } from './frame';
export { FrameParser } from './frameParser';
export type { FrameParserOptions, FrameParserStats } from './frameParser';
export { buildReadPayload, buildSamId, parseReadPayload, parseSamId } from './payloads';
export type { ReadPayload, SamId } from './payloads';
