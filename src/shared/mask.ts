/**
 * Masking of people's numbers wherever a person sees them or a log holds them.
 * Pure functions: used by the cloud, the kiosk core, the renderer and the log redactor.
 */

/** 13812345678 → 138****5678; +85291234567 → +852****4567. */
export function maskPhone(phone: string): string {
  const p = phone.trim();
  if (p.length <= 7) return '*'.repeat(p.length);
  const head = p.startsWith('+') ? p.slice(0, 4) : p.slice(0, 3);
  const tail = p.slice(-4);
  return `${head}${'*'.repeat(Math.max(4, p.length - head.length - 4))}${tail}`;
}

/** 11010519491231002X → 110***********002X (first 3, last 4). Short numbers are fully masked. */
export function maskIdNumber(id: string): string {
  const s = id.trim();
  if (s.length <= 8) return '*'.repeat(s.length);
  return `${s.slice(0, 3)}${'*'.repeat(s.length - 7)}${s.slice(-4)}`;
}

const ID18 = /\b(\d{6})(\d{8})(\d{3}[\dXx])\b/g;
const MOBILE = /(?<![\d+])(1[3-9]\d)(\d{4})(\d{4})(?!\d)/g;

/** Redacts ID and mobile numbers inside free text (log lines, error messages). */
export function redactText(text: string): string {
  return text
    .replace(ID18, (_m, a: string, _b: string, c: string) => `${a.slice(0, 3)}${'*'.repeat(11)}${c}`)
    .replace(MOBILE, (_m, a: string, _b: string, c: string) => `${a}****${c}`);
}
