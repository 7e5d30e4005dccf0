/**
 * Device setup at the admin screen (issue 11, devices; issue 10, the camera's choice): what an installer may choose
 * for each device (enabled, port, baud, model), checked here once for the core and the renderer alike, and how a
 * port or HID device the machine lists is matched against the models we know (docs/specs/device-protocols.md).
 * Bad input is refused with a message that says what is allowed; nothing is saved then.
 */
import { z } from 'zod';
import { CONTROL_OR_BIDI } from './plainText';

/** The serial line rates the SAM_V reader, the GY/LU thermometers and the ESC/POS printers are set to (spec §1.1, §2). */
export const BAUD_RATES = [9600, 19200, 38400, 57600, 115200] as const;
export const BaudRate = z.union(
  BAUD_RATES.map((b) => z.literal(b)),
  { error: `the baud rate must be one of ${BAUD_RATES.join(', ')}` },
);
export type BaudRate = z.infer<typeof BaudRate>;

/** a device under /dev, or a link to one in the temp folder (the simulators' ptys: PASSDESK_SIMULATE_DEVICES) */
const UNIX_DEVICE = /^\/(?:dev|tmp|var\/folders)\/[A-Za-z0-9][A-Za-z0-9._-]{0,63}(?:\/[A-Za-z0-9][A-Za-z0-9._-]{0,63}){0,4}$/;
const WINDOWS_COM = /^(?:\\\\\.\\)?COM[1-9]\d{0,2}$/;
const HID_ADDRESS = /^hid:[0-9A-Fa-f]{4}:[0-9A-Fa-f]{4}$/;
const USB_ADDRESS = /^[0-9A-Fa-f]{4}:[0-9A-Fa-f]{4}$/;

/**
 * A device's port: a serial device under /dev (/dev/ttyUSB0, /dev/pts/3, /dev/serial/by-id/…) or a link to one in
 * the temp folder (simulated devices), a Windows COM port, or (scanner) `hid:VID:PID`. No `..`, no control characters, nothing else: a port string is opened by the kiosk.
 */
export const DevicePort = z
  .string({ error: 'the port must be text' })
  .trim()
  .min(1, 'the port is empty')
  .max(160, 'the port is longer than 160 characters')
  .refine((p) => !/[\u0000-\u001f\u007f]/.test(p), 'the port holds control characters')
  .refine((p) => !p.split(/[\\/]/).includes('..'), 'the port may not climb folders (..)')
  .refine(
    (p) => UNIX_DEVICE.test(p) || WINDOWS_COM.test(p) || HID_ADDRESS.test(p),
    'the port must be a device under /dev (like /dev/ttyUSB0), a COM port (COM3) or hid:VID:PID',
  );

/** The printer's USB address (VID:PID) or network address (host or host:port). */
const PrinterUsbAddress = z.string().trim().regex(USB_ADDRESS, 'a USB printer is named by VID:PID, like 0416:5011');
const PrinterHost = z
  .string()
  .trim()
  .max(120)
  .regex(/^[A-Za-z0-9](?:[A-Za-z0-9.-]{0,100}[A-Za-z0-9])?(?::\d{1,5})?$/, 'the printer host must be a host name or IP address, optionally :port')
  .refine((h) => {
    const port = /:(\d+)$/.exec(h)?.[1];
    return port === undefined || (Number(port) >= 1 && Number(port) <= 65535);
  }, 'the printer port must be 1 to 65535');

/** A camera as the page's enumerateDevices names it (a per-origin opaque id and the label). */
const CameraText = (max: number) =>
  z
    .string()
    .max(max)
    .refine((t) => !CONTROL_OR_BIDI.test(t) && !/[<>]/.test(t), 'control, bidirectional-override characters and < > are not allowed');

/** The kiosk settings of the camera (face capture): the camera chosen, else the browser's default. */
export const CameraSettings = z.object({ deviceId: CameraText(256).min(1).optional(), label: CameraText(120).optional() }).strict();
export type CameraSettings = z.infer<typeof CameraSettings>;

/** One device's choice as the admin screen sends it: validated, then written into `KioskSettings.devices`. */
export const DeviceChoice = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('idReader'), enabled: z.boolean(), port: DevicePort.optional(), baudRate: BaudRate.optional() }).strict(),
  z
    .object({ kind: z.literal('thermometer'), enabled: z.boolean(), port: DevicePort.optional(), baudRate: BaudRate.optional(), model: z.enum(['gy', 'lu']) })
    .strict(),
  z
    .object({
      kind: z.literal('printer'),
      printerKind: z.enum(['none', 'escpos-serial', 'escpos-tcp', 'escpos-usb', 'system']),
      port: z.union([DevicePort, PrinterUsbAddress]).optional(),
      host: PrinterHost.optional(),
      baudRate: BaudRate.optional(),
      paperWidthMm: z.union([z.literal(58), z.literal(80)], { error: 'the paper is 58 or 80 mm wide' }),
    })
    .strict(),
  z.object({ kind: z.literal('scanner'), enabled: z.boolean(), port: DevicePort.optional(), baudRate: BaudRate.optional() }).strict(),
  z.object({ kind: z.literal('camera'), deviceId: CameraSettings.shape.deviceId, label: CameraSettings.shape.label }).strict(),
]);
export type DeviceChoice = z.infer<typeof DeviceChoice>;
export type DeviceChoiceKind = DeviceChoice['kind'];

// ---- what the machine has ---------------------------------------------------------------------------------

/** The device kinds a listed port or HID device may be. */
export const SetupKind = z.enum(['idReader', 'thermometer', 'printer', 'scanner']);
export type SetupKind = z.infer<typeof SetupKind>;

/** What a known VID:PID (or HID usage page) says about a device. */
export interface KnownMatch {
  /** the device kinds it is likely to be */
  kinds: SetupKind[];
  /** what it is, in a few words (a model or a USB-serial bridge) */
  note: string;
}

const hex4 = (v: number | string | undefined): string | undefined => {
  if (v === undefined || v === '') return undefined;
  const n = typeof v === 'number' ? v : parseInt(v, 16);
  return Number.isInteger(n) && n >= 0 && n <= 0xffff ? n.toString(16).padStart(4, '0') : undefined;
};

/** VID:PID lower-case hex (`0400:c35a`), or undefined when either is missing or not a 16-bit number. */
export function vidPidOf(vendorId: number | string | undefined, productId: number | string | undefined): string | undefined {
  const v = hex4(vendorId);
  const p = hex4(productId);
  return v && p ? `${v}:${p}` : undefined;
}

/**
 * The USB ids of our models and of the USB-serial bridges they are sold with. The SAM_V reader's vendor bulk device
 * is 0400:C35A (spec §1.12); the GY/LU thermometer modules and most ESC/POS kiosk printers reach the machine through a
 * CH340, CP210x, FTDI or PL2303 bridge, which says "a serial device" and not which one (auto-detection probes it).
 */
const KNOWN_IDS: ReadonlyMap<string, KnownMatch> = new Map([
  ['0400:c35a', { kinds: ['idReader'], note: 'SAM_V ID card reader (USB)' }],
  ['1a86:7523', { kinds: ['idReader', 'thermometer', 'printer', 'scanner'], note: 'CH340 USB-serial' }],
  ['1a86:55d4', { kinds: ['idReader', 'thermometer', 'printer', 'scanner'], note: 'CH9102 USB-serial' }],
  ['10c4:ea60', { kinds: ['idReader', 'thermometer', 'printer', 'scanner'], note: 'CP210x USB-serial' }],
  ['0403:6001', { kinds: ['idReader', 'thermometer', 'printer', 'scanner'], note: 'FTDI USB-serial' }],
  ['067b:2303', { kinds: ['idReader', 'thermometer', 'printer', 'scanner'], note: 'PL2303 USB-serial' }],
]);

/** HID-POS bar-code scanners declare usage page 0x8C (spec §4). */
export const HID_POS_USAGE_PAGE = 0x8c;

/** What a listed device looks like to us, from its USB ids and (HID) usage page; undefined when nothing is known. */
export function matchKnownDevice(info: { vendorId?: number | string; productId?: number | string; usagePage?: number }): KnownMatch | undefined {
  if (info.usagePage === HID_POS_USAGE_PAGE) return { kinds: ['scanner'], note: 'HID-POS scanner' };
  const id = vidPidOf(info.vendorId, info.productId);
  return id === undefined ? undefined : KNOWN_IDS.get(id);
}

export const DetectedSerialPort = z.object({
  path: z.string(),
  manufacturer: z.string().optional(),
  vendorId: z.string().optional(),
  productId: z.string().optional(),
  serialNumber: z.string().optional(),
  /** the kinds it may be and why (a known model or bridge) */
  likely: z.array(SetupKind),
  note: z.string().optional(),
});
export type DetectedSerialPort = z.infer<typeof DetectedSerialPort>;

export const DetectedHidDevice = z.object({
  /** what a scanner's port setting names it by: hid:VID:PID */
  address: z.string(),
  vidPid: z.string(),
  product: z.string().optional(),
  manufacturer: z.string().optional(),
  usagePage: z.number().int().optional(),
  likely: z.array(SetupKind),
  note: z.string().optional(),
});
export type DetectedHidDevice = z.infer<typeof DetectedHidDevice>;

/** A lister's answer: what it found, or why it could not look (node-hid missing, no /sys in a container). */
export const DetectionListing = <T extends z.ZodType>(item: T) =>
  z.discriminatedUnion('ok', [z.object({ ok: z.literal(true), items: z.array(item) }), z.object({ ok: z.literal(false), error: z.string().max(400) })]);

/** One printer of the operating system as CUPS lists it (`lpstat`), the default marked. */
export const SystemPrinter = z.object({
  name: z.string().max(200),
  /** idle, printing a job, disabled (paused or failing: its message says why), or only found on the network */
  state: z.enum(['idle', 'printing', 'disabled', 'unknown']),
  /** what CUPS says about it now (a reason it is disabled, a printing error) */
  message: z.string().max(200).optional(),
  isDefault: z.boolean(),
});
export type SystemPrinter = z.infer<typeof SystemPrinter>;

/**
 * The system printers: an empty list is no failure, and says why when it can (no `lpstat` on this machine, the CUPS
 * scheduler not running, no printer set up).
 */
export const SystemPrinterListing = z.object({ items: z.array(SystemPrinter), reason: z.string().max(400).optional() });
export type SystemPrinterListing = z.infer<typeof SystemPrinterListing>;

export const DeviceDetection = z.object({
  serialPorts: DetectionListing(DetectedSerialPort),
  hidDevices: DetectionListing(DetectedHidDevice),
  /** the operating system's printers (CUPS), which a `system` printer's print dialog offers */
  systemPrinters: SystemPrinterListing,
});
export type DeviceDetection = z.infer<typeof DeviceDetection>;

/** The shaping of one serial port as SerialPort.list() gives it (absent fields left out, the match added). */
export function shapeSerialPort(p: { path: string; manufacturer?: string; vendorId?: string; productId?: string; serialNumber?: string }): DetectedSerialPort {
  const match = matchKnownDevice(p);
  return {
    path: p.path,
    ...(p.manufacturer ? { manufacturer: p.manufacturer } : {}),
    ...(p.vendorId ? { vendorId: p.vendorId } : {}),
    ...(p.productId ? { productId: p.productId } : {}),
    ...(p.serialNumber ? { serialNumber: p.serialNumber } : {}),
    likely: match?.kinds ?? [],
    ...(match ? { note: match.note } : {}),
  };
}

/** The shaping of one HID device as node-hid lists it. */
export function shapeHidDevice(d: { vendorId: number; productId: number; product?: string; manufacturer?: string; usagePage?: number }): DetectedHidDevice {
  const vidPid = vidPidOf(d.vendorId, d.productId) ?? '0000:0000';
  const match = matchKnownDevice(d);
  return {
    address: `hid:${vidPid}`,
    vidPid,
    ...(d.product ? { product: d.product } : {}),
    ...(d.manufacturer ? { manufacturer: d.manufacturer } : {}),
    ...(d.usagePage !== undefined ? { usagePage: d.usagePage } : {}),
    likely: match?.kinds ?? [],
    ...(match ? { note: match.note } : {}),
  };
}

/** The listed ports a device kind may use, the likely ones first (a stable order otherwise). */
export function portsFor(kind: SetupKind, detection: DeviceDetection): { address: string; label: string; likely: boolean }[] {
  const serial = detection.serialPorts.ok ? detection.serialPorts.items : [];
  const hid = kind === 'scanner' && detection.hidDevices.ok ? detection.hidDevices.items : [];
  const all = [
    ...serial.map((p) => ({ address: p.path, label: [p.path, p.manufacturer, p.note].filter(Boolean).join(' · '), likely: p.likely.includes(kind) })),
    ...hid.map((d) => ({ address: d.address, label: [d.address, d.product, d.note].filter(Boolean).join(' · '), likely: d.likely.includes(kind) })),
  ];
  return [...all.filter((p) => p.likely), ...all.filter((p) => !p.likely)];
}
