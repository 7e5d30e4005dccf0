/** Hex formatting and parsing for SAM_V bytes (logs, test vectors, the CLI). */

export const hex2 = (n: number): string => n.toString(16).toUpperCase().padStart(2, '0');

export function toHex(bytes: Uint8Array, max = 64): string {
  const parts: string[] = [];
  for (let i = 0; i < Math.min(bytes.length, max); i++) parts.push(hex2(bytes[i]!));
  return parts.join(' ') + (bytes.length > max ? ` …(+${bytes.length - max})` : '');
}

/** "AA AA 96" / "aaaa96" → bytes (test vectors, CLI). */
export function fromHex(text: string): Uint8Array {
  const clean = text.replace(/[^0-9a-fA-F]/g, '');
  if (clean.length % 2) throw new RangeError('odd number of hex digits');
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.slice(i * 2, i * 2 + 2), 16);
  return out;
}
