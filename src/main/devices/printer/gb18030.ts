/**
 * A GB18030 encoder derived from the platform's decoder (Node has full ICU, so `new TextDecoder('gb18030')`
 * decodes but nothing encodes). At first use every two-byte code (lead 81–FE, trail 40–7E / 80–FE) is decoded
 * once into a map char → bytes; BMP characters outside that set use the four-byte form, whose table is built
 * the same way (pointers 0–39419, `81 30 81 30` … `84 31 A4 39`); characters above U+FFFF use the four-byte
 * form computed arithmetically (`90 30 81 30` = U+10000). Pure (no Node imports), ~64k decodes on first use.
 */

let twoByte: Map<number, number> | undefined;
let fourByteBmp: Map<number, number> | undefined;

function buildTables(): { two: Map<number, number>; four: Map<number, number> } {
  if (twoByte && fourByteBmp) return { two: twoByte, four: fourByteBmp };
  const dec = new TextDecoder('gb18030');
  const two = new Map<number, number>();
  const pair = new Uint8Array(2);
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      pair[0] = lead;
      pair[1] = trail;
      const s = dec.decode(pair);
      if (s.length !== 1) continue;
      const cp = s.charCodeAt(0);
      if (cp === 0xfffd || cp < 0x80) continue;
      if (!two.has(cp)) two.set(cp, (lead << 8) | trail);
    }
  }
  const four = new Map<number, number>();
  const quad = new Uint8Array(4);
  for (let ptr = 0; ptr < 39420; ptr++) {
    quad[0] = 0x81 + Math.floor(ptr / 12600);
    quad[1] = 0x30 + (Math.floor(ptr / 1260) % 10);
    quad[2] = 0x81 + (Math.floor(ptr / 10) % 126);
    quad[3] = 0x30 + (ptr % 10);
    const s = dec.decode(quad);
    if (s.length !== 1) continue;
    const cp = s.charCodeAt(0);
    if (cp === 0xfffd || cp < 0x80 || two.has(cp) || four.has(cp)) continue;
    four.set(cp, ptr);
  }
  twoByte = two;
  fourByteBmp = four;
  return { two, four };
}

function pushFour(out: number[], ptr: number): void {
  out.push(0x81 + Math.floor(ptr / 12600), 0x30 + (Math.floor(ptr / 1260) % 10), 0x81 + (Math.floor(ptr / 10) % 126), 0x30 + (ptr % 10));
}

/** Encodes text as GB18030. Characters that cannot be encoded (lone surrogates) become `?`. */
export function encodeGb18030(text: string): Uint8Array {
  const out: number[] = [];
  let tables: ReturnType<typeof buildTables> | undefined;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0x3f;
    if (cp < 0x80) {
      out.push(cp);
      continue;
    }
    if (cp > 0xffff) {
      pushFour(out, cp - 0x10000 + 189000);
      continue;
    }
    tables ??= buildTables();
    const two = tables.two.get(cp);
    if (two !== undefined) {
      out.push(two >> 8, two & 0xff);
      continue;
    }
    const four = tables.four.get(cp);
    if (four !== undefined) pushFour(out, four);
    else out.push(0x3f);
  }
  return Uint8Array.from(out);
}

/** Whether every character is in the two-byte (GBK) range, which common printer fonts cover. */
export function isGbkText(text: string): boolean {
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp < 0x80) continue;
    if (cp > 0xffff || !buildTables().two.has(cp)) return false;
  }
  return true;
}

/** Decodes GB18030 bytes (the printer simulator's side). */
export function decodeGb18030(bytes: Uint8Array): string {
  return new TextDecoder('gb18030').decode(bytes);
}

/** Printed width in columns: ASCII 1, everything else (CJK) 2. */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += (ch.codePointAt(0) ?? 0) < 0x80 ? 1 : 2;
  return w;
}
