/** SAM_V reply payloads (device-protocols.md §1.5–§1.6): the card read (text, photo, fingerprint) and the SAM ID. */
import { Cmd } from './protocolCodes';

export interface ReadPayload {
  text: Uint8Array;
  photo: Uint8Array;
  /** only for `30 10`; 0, 512 or 1024 bytes */
  fingerprint?: Uint8Array;
}

/**
 * Splits the data of a successful `30 01` / `30 10` reply (after SW1–SW3): big-endian TL, PL (and FL for `30 10`),
 * then the blocks. Returns an error string when the lengths do not add up.
 */
export function parseReadPayload(cmd: number, data: Uint8Array): ReadPayload | string {
  const withFp = cmd === Cmd.readBaseFp;
  const head = withFp ? 6 : 4;
  if (data.length < head) return `read reply too short (${data.length} bytes)`;
  const tl = (data[0]! << 8) | data[1]!;
  const pl = (data[2]! << 8) | data[3]!;
  const fl = withFp ? (data[4]! << 8) | data[5]! : 0;
  if (head + tl + pl + fl !== data.length) {
    return `read reply lengths TL=${tl} PL=${pl}${withFp ? ` FL=${fl}` : ''} do not match ${data.length - head} data bytes`;
  }
  const text = data.slice(head, head + tl);
  const photo = data.slice(head + tl, head + tl + pl);
  return withFp ? { text, photo, fingerprint: data.slice(head + tl + pl) } : { text, photo };
}

/** Builds the data of a `30 01` / `30 10` reply (the simulator's side of parseReadPayload). */
export function buildReadPayload(cmd: number, p: ReadPayload): Uint8Array {
  const withFp = cmd === Cmd.readBaseFp;
  const fp = withFp ? (p.fingerprint ?? new Uint8Array(0)) : new Uint8Array(0);
  const head = withFp ? 6 : 4;
  const out = new Uint8Array(head + p.text.length + p.photo.length + fp.length);
  out[0] = p.text.length >> 8;
  out[1] = p.text.length & 0xff;
  out[2] = p.photo.length >> 8;
  out[3] = p.photo.length & 0xff;
  if (withFp) {
    out[4] = fp.length >> 8;
    out[5] = fp.length & 0xff;
  }
  out.set(p.text, head);
  out.set(p.photo, head + p.text.length);
  out.set(fp, head + p.text.length + p.photo.length);
  return out;
}

/** The 16-byte SAM ID (§1.5): five little-endian fields. Keep `raw`; `display` is for logs only. */
export interface SamId {
  raw: Uint8Array;
  fields: [number, number, number, number, number];
  /** aa.bb-cccccccc-dddddddddd-eeeeeeeeee, zero-padded decimal */
  display: string;
}

export function parseSamId(data: Uint8Array): SamId | undefined {
  if (data.length !== 16) return undefined;
  const v = new DataView(data.buffer, data.byteOffset, 16);
  const fields: SamId['fields'] = [v.getUint16(0, true), v.getUint16(2, true), v.getUint32(4, true), v.getUint32(8, true), v.getUint32(12, true)];
  const [a, b, c, d, e] = fields;
  const display = `${String(a).padStart(2, '0')}.${String(b).padStart(2, '0')}-${String(c).padStart(8, '0')}-${String(d).padStart(10, '0')}-${String(e).padStart(10, '0')}`;
  return { raw: data.slice(), fields, display };
}

export function buildSamId(fields: readonly [number, number, number, number, number]): Uint8Array {
  const out = new Uint8Array(16);
  const v = new DataView(out.buffer);
  v.setUint16(0, fields[0], true);
  v.setUint16(2, fields[1], true);
  v.setUint32(4, fields[2], true);
  v.setUint32(8, fields[3], true);
  v.setUint32(12, fields[4], true);
  return out;
}
