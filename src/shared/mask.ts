/**
 * Masking of people's names and numbers wherever a person sees them or a log holds them: one rule for the cloud,
 * the kiosk core, the printer, the renderer and the log redactor. Pure functions.
 */

/** 张三 → 张*; 欧阳娜娜 → 欧**娜; John Smith → J*** S****. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (/^[\p{Script=Han}·]+$/u.test(name.trim())) {
    if (chars.length <= 2) return `${chars[0] ?? ''}*`;
    return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
  }
  return name
    .trim()
    .split(/\s+/)
    .map((w) => (w.length <= 1 ? w : `${w[0]}${'*'.repeat(w.length - 1)}`))
    .join(' ');
}

/** maskName's shape (张*, 张**三, J*** S****): each word a first character then stars, a Han name's last after them. */
const MASKED_NAME = /^(?:\S\*+\S?|\S)(?: (?:\S\*+|\S))*$/u;

/** A name as maskName leaves it: kept as it is; anything else is masked (a name from elsewhere that claims to be masked). */
export function maskedName(name: string): string {
  return MASKED_NAME.test(name) ? name : maskName(name);
}

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
/** first-generation resident ID: 15 digits (6 area + 6 birth date yymmdd + 3 sequence) */
const ID15 = /(?<![\w+])(\d{3})(\d{8})(\d{4})(?![\w])/g;
const MOBILE = /(?<![\d+])(1[3-9]\d)(\d{4})(\d{4})(?!\d)/g;
/**
 * An international number: "+" and 8 to 15 digits (E.164), single spaces, hyphens or brackets between them
 * (+852 9123 4567, +853-6612-3456, +886 912 345 678, +1 (415) 555-0100, +8613912345678).
 */
const INTERNATIONAL = /(?<![\w+])\+\d(?:[ \-()]{0,2}\d){7,14}(?!\d)/g;

/** +85291234567 → +852****4567 (as maskPhone): "+", 3 digits, stars, the last 4; shorter numbers keep 2 and 2. */
function maskInternational(match: string): string {
  const digits = match.replace(/\D/g, '');
  const [head, tail] = digits.length >= 11 ? [3, 4] : [2, 2];
  return `+${digits.slice(0, head)}${'*'.repeat(digits.length - head - tail)}${digits.slice(-tail)}`;
}

/**
 * Redacts ID and phone numbers inside free text (log lines, error messages): 18- and 15-digit resident ID
 * numbers, mainland mobile numbers and international numbers written with their +country code.
 */
export function redactText(text: string): string {
  return text
    .replace(INTERNATIONAL, maskInternational)
    .replace(ID18, (_m, a: string, _b: string, c: string) => `${a.slice(0, 3)}${'*'.repeat(11)}${c}`)
    .replace(ID15, (_m, a: string, _b: string, c: string) => `${a}${'*'.repeat(8)}${c}`)
    .replace(MOBILE, (_m, a: string, _b: string, c: string) => `${a}****${c}`);
}
