/**
 * The visitor pass as an ESC/POS job (spec §3.6): title, site, a full-width rule (raster), the masked visitor
 * name, host, unit, plate and reason (as the policy's passShows says), party size and validity window in GB18030,
 * the optional photo (dithered raster, only when the printer has raster: `PassLayout.raster`), the pass token as a
 * native QR code, feed and cut. Layouts for 58 mm (384 dots, 32 columns) and 80 mm (576 dots, 48 columns). Pure (no I/O).
 */
import QRCode from 'qrcode';
import { dateTimeFormat } from '../../../shared/dateTimeFormats';
import { maskName } from '../../../shared/mask';
import type { PassDetails } from '../../../shared/pass';
import type { PassShows } from '../../../shared/visitPolicy';
import { EscPosBuilder, EscPosError, type CutKind, type QrErrorLevel } from './escpos';
import { displayWidth } from './gb18030';
import { monoFromGrid, scalePixels, toMono, type MonoImage, type PixelImage } from './raster';

export interface PassLayout {
  paperWidthMm: 58 | 80;
  /** printable width in dots */
  widthDots: number;
  /** Font A columns (12-dot characters); CJK characters take two */
  columns: number;
  /** width the photo is scaled to */
  photoWidthDots: number;
  /**
   * the printer prints `GS v 0` raster images: the photo and the rule under the title; without it the pass has no
   * photo and a rule of dashes (default true: every ESC/POS printer the spec lists does, §3.3)
   */
  raster: boolean;
  /** largest QR module size to use; the size is reduced until the symbol fits */
  maxQrModuleSize: number;
  qrErrorLevel: QrErrorLevel;
  /** 'none' for printers without a cutter */
  cut: CutKind | 'none';
  /** lines fed before the cut so the last line clears the blade */
  feedBeforeCut: number;
  language: 'zh-CN' | 'en';
}

export function passLayout(paperWidthMm: 58 | 80, overrides: Partial<Omit<PassLayout, 'paperWidthMm'>> = {}): PassLayout {
  const narrow = paperWidthMm === 58;
  return {
    paperWidthMm,
    widthDots: narrow ? 384 : 576,
    columns: narrow ? 32 : 48,
    photoWidthDots: narrow ? 104 : 152,
    raster: true,
    maxQrModuleSize: narrow ? 6 : 8,
    qrErrorLevel: 'M',
    cut: 'partial',
    feedBeforeCut: 4,
    language: 'zh-CN',
    ...overrides,
  };
}

export interface PassPrintData {
  /** the signed pass token: the QR payload (ASCII) */
  token: string;
  siteName: string;
  /** the visitor's name; masked (张*三) before printing unless it already contains '*' */
  visitorName: string;
  hostName: string;
  validFrom: Date;
  validUntil: Date;
  partySize: number;
  reason?: string;
  /** the visitor's unit (单位) and vehicle plate, printed when `shows` asks for them */
  company?: string;
  plate?: string;
  /**
   * what the pass shows (the kiosk policy's passShows): the host, unit, plate and reason each only when on; absent:
   * the host, and the reason when given
   */
  shows?: PassShows;
  photo?: PixelImage;
  /** IANA zone of the site, default Asia/Shanghai */
  timeZone?: string;
}

/** Pass data from a signed token and its details (the name in them is already masked). */
export function passPrintFromPayload(token: string, payload: PassDetails, siteName: string = payload.site): PassPrintData {
  return {
    token,
    siteName,
    visitorName: payload.name,
    hostName: payload.host,
    validFrom: new Date(payload.nbf * 1000),
    validUntil: new Date(payload.exp * 1000),
    partySize: payload.n,
  };
}

const LABELS = {
  'zh-CN': {
    title: '访客证',
    visitor: '访客',
    host: '被访人',
    company: '单位',
    plate: '车牌',
    reason: '事由',
    party: '人数',
    from: '生效',
    until: '失效',
    keep: '请妥善保管，离开时出示',
  },
  en: {
    title: 'VISITOR',
    visitor: 'Visitor',
    host: 'Host',
    company: 'Unit',
    plate: 'Plate',
    reason: 'Reason',
    party: 'Party',
    from: 'From',
    until: 'Until',
    keep: 'Show this pass when leaving',
  },
} as const;

/** "2026-11-22 09:00" in the given zone. */
export function formatLocal(d: Date, timeZone: string): string {
  const parts = dateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(d);
  const p = (t: Intl.DateTimeFormatPartTypes) => parts.find((x) => x.type === t)?.value ?? '';
  return `${p('year')}-${p('month')}-${p('day')} ${p('hour')}:${p('minute')}`;
}

/** Splits text into lines of at most `columns` display columns (CJK = 2). */
export function wrapColumns(text: string, columns: number, indent = ''): string[] {
  const lines: string[] = [];
  let cur = '';
  for (const ch of text) {
    if (displayWidth(cur + ch) > columns) {
      lines.push(cur);
      cur = indent + ch;
    } else cur += ch;
  }
  if (cur !== '' || lines.length === 0) lines.push(cur);
  return lines;
}

/** QR module count for a payload (the smallest version holding it at the EC level). */
export function qrModules(payload: string, errorLevel: QrErrorLevel): number {
  return QRCode.create(payload, { errorCorrectionLevel: errorLevel }).modules.size;
}

/** The largest module size ≤ max whose symbol (with its 4-module quiet zone) fits the width. */
export function qrModuleSizeFor(payload: string, layout: PassLayout): number {
  const modules = qrModules(payload, layout.qrErrorLevel) + 8;
  const size = Math.min(layout.maxQrModuleSize, Math.floor(layout.widthDots / modules));
  if (size < 1) throw new EscPosError(`QR payload too long for ${layout.paperWidthMm} mm paper`);
  return size;
}

/** A full-width rule, `rows` dots high. */
export function ruleImage(widthDots: number, rows = 3): MonoImage {
  return monoFromGrid({ width: widthDots, height: rows }, () => true);
}

export function renderPassJob(pass: PassPrintData, layout: PassLayout): Uint8Array {
  const L = LABELS[layout.language];
  const tz = pass.timeZone ?? 'Asia/Shanghai';
  if (!Number.isInteger(pass.partySize) || pass.partySize < 1) throw new RangeError('partySize must be a positive integer');
  const b = new EscPosBuilder().init().chineseMode(true);

  b.align('center').size(2, 2).line(L.title).size(1, 1);
  b.bold(true);
  for (const l of wrapColumns(pass.siteName, layout.columns)) b.line(l);
  b.bold(false);
  if (layout.raster) b.raster(ruleImage(layout.widthDots));
  else b.line('-'.repeat(layout.columns));

  b.align('left');
  const field = (label: string, value: string) => {
    for (const l of wrapColumns(`${label}: ${value}`, layout.columns, '  ')) b.line(l);
  };
  b.bold(true);
  field(L.visitor, pass.visitorName.includes('*') ? pass.visitorName : maskName(pass.visitorName));
  b.bold(false);
  const shows = pass.shows ?? { hostName: true, company: false, plate: false, reason: true };
  if (shows.hostName) field(L.host, pass.hostName);
  if (shows.company && pass.company) field(L.company, pass.company);
  if (shows.plate && pass.plate) field(L.plate, pass.plate);
  if (shows.reason && pass.reason) field(L.reason, pass.reason);
  field(L.party, String(pass.partySize));
  field(L.from, formatLocal(pass.validFrom, tz));
  field(L.until, formatLocal(pass.validUntil, tz));

  b.align('center');
  if (pass.photo && layout.raster) {
    const w = Math.min(layout.photoWidthDots, layout.widthDots);
    b.raster(toMono(scalePixels(pass.photo, w), { dither: 'floyd-steinberg' }));
    b.line();
  }
  b.qr(pass.token, { model: 2, size: qrModuleSizeFor(pass.token, layout), errorLevel: layout.qrErrorLevel });
  b.line();
  for (const l of wrapColumns(L.keep, layout.columns)) b.line(l);
  b.align('left');
  b.feed(layout.feedBeforeCut);
  if (layout.cut !== 'none') b.cut(layout.cut);
  return b.bytes();
}
