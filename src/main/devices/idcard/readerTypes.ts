/** The ID card reader driver's public types: its states, events, options and request error. */
import type { ByteTransport } from '../transport/transport';
import type { PhotoDecoder } from './photo';
import type { IdCard } from './textBlock';

export type ReaderStatus = 'disconnected' | 'connecting' | 'ready' | 'busy' | 'error';

export interface ReaderState {
  status: ReaderStatus;
  /** person-readable: "card present", the status code's meaning, "retrying in 2 s" */
  detail?: string;
}

/** Fine-grained events, for logs and the device manager. */
export type ReaderEvent =
  | { type: 'connected'; address: string; baudRate: number; samId?: string }
  | { type: 'cardPresent' }
  | { type: 'reading' }
  | { type: 'read'; card: IdCard }
  /**
   * find-card failed after a card had been found: the card was taken away. With readers that "consume" a card
   * after a read (most do, §1.10) this also fires right after a read while the card still lies on the reader.
   */
  | { type: 'cardRemoved' }
  /** `code` is an SW3 code from the reader or a host code (01 port, 02 timeout, 03 transmission, 05 unusable) */
  | { type: 'error'; code: number; meaning: string; during: string }
  | { type: 'disconnected'; reason: string };

export interface DriverEvents {
  card: [IdCard];
  state: [ReaderState];
  status: [ReaderEvent];
}

export interface IdCardReaderTimeouts {
  /** SAM-status probe per baud rate (default 500 ms) */
  probeMs: number;
  /** find and select (spec: 100–800 ms; default 800) */
  findMs: number;
  selectMs: number;
  /** text + photo read (spec: 1–2 s, 3 s with fingerprints; default 3000) */
  readMs: number;
  /** SAM ID, appended address, others (default 1500) */
  otherMs: number;
}

export interface IdCardReaderOptions {
  /** makes a closed transport for a baud rate (non-serial transports ignore the rate) */
  transport: (baudRate: number) => ByteTransport;
  /** probe order (default [115200, 9600], §1.1); pass one entry for USB/TCP */
  baudRates?: number[];
  /** pause between find-card polls (default 250 ms) */
  pollIntervalMs?: number;
  timeouts?: Partial<IdCardReaderTimeouts>;
  /** reopen backoff: first delay, cap and factor (default 250 ms → 5 s, ×2) */
  reconnect?: { initialMs?: number; maxMs?: number; factor?: number };
  /** while the SAM reports a fault (60), re-check its status this often (default 3000 ms) */
  samRecheckMs?: number;
  /** consecutive request timeouts that mean the reader is gone (default 3) */
  maxConsecutiveTimeouts?: number;
  /** consecutive "no card" answers before the last card counts as removed (default 1) */
  removalPolls?: number;
  /** read fingerprints too (`30 10` instead of `30 01`) */
  readFingerprint?: boolean;
  /** ask for the appended address (`30 03`) after each read */
  readAppendedAddress?: boolean;
  /** vendor WLT decoder; without one the card keeps only `photoWlt` */
  photoDecoder?: PhotoDecoder;
  /** log sink; lines are redacted again before they get here */
  log?: (line: string) => void;
}

/** A failed request: `code` is an SW3 or host code (see ReaderEvent.error). */
export class ReaderError extends Error {
  override name = 'ReaderError';
  constructor(
    readonly code: number,
    message: string,
    readonly kind: 'timeout' | 'transmission' | 'disconnected' | 'stopped' | 'status' = 'status',
  ) {
    super(message);
  }
}
