/**
 * The kiosk's time, set by the cloud's (issue 12's clock-skew drill). A kiosk's own clock may be minutes off (no NTP
 * at a front desk, a dead RTC battery), and every time rule it applies — check-in opens at the visit window's start
 * less the site's allowance and closes at its end, a pass is valid over its window, gate scans, the check-in time the
 * cloud judges the command by — would then be off by as much. So each pull measures the offset between the cloud's
 * clock (`serverTime` in the pull reply) and the kiosk's, as NTP does: offset = serverTime − (sent + received) / 2,
 * its error at most half the round trip (a reply slower than MAX_ROUND_TRIP_MS is not used). From then on the core's
 * `now` is the kiosk's clock plus that offset, kept in the database (`keep`, kiosk migration 0017): a kiosk restarted
 * offline goes on following the cloud's time with the last offset measured. A correction backwards never stamps an
 * exit before its check-in (`notBefore`). Tolerance: the round trip's half plus the cloud's millisecond rounding (tens of milliseconds on a LAN), and
 * clocks within AGREEING_MS of each other are taken to agree (the kiosk's own time, uncorrected).
 */
import { createLogger } from '../log';

const log = createLogger('clock');

/** a pull slower than this says too little about when the cloud read its clock */
export const MAX_ROUND_TRIP_MS = 2_000;
/** clocks closer than this agree: the kiosk's own time is used as it is (windows are minutes; no jitter from pull to pull) */
export const AGREEING_MS = 1_000;
/** an offset at least this large is said in the log (once per change of a minute or more) */
const WORTH_SAYING_MS = 60_000;

export interface CloudClock {
  /** the kiosk's clock corrected by the last offset measured (the kiosk's own until one is) */
  now: () => Date;
  /** cloud minus kiosk, in ms, as last measured; undefined before the first measurement (or when not following) */
  offsetMs: () => number | undefined;
  /** call before a request: answers what to call with the reply's `serverTime` once it arrives */
  probe: () => (serverTime: string) => void;
  /** where the offset is kept across restarts: the kept one is followed at once (when following), each new one saved */
  keep: (store: OffsetStore) => void;
}

export interface OffsetStore {
  load(): number | undefined;
  save(offsetMs: number): void;
}

/** The time an exit is stamped with: never before its check-in, whatever correction set the clock back since. */
export const notBefore = (at: Date, earliest: string): Date => (at.getTime() < Date.parse(earliest) ? new Date(earliest) : at);

/** `follow` false: the kiosk's own clock, never corrected (a test's injected clock is its time). */
export function createCloudClock(own: () => Date, follow: boolean): CloudClock {
  let offset: number | undefined;
  let said = 0;
  let store: OffsetStore | undefined;
  let saved: number | undefined;
  return {
    keep(given) {
      store = given;
      saved = given.load();
      if (follow && saved !== undefined && offset === undefined) offset = saved;
    },
    now: () => (offset === undefined ? own() : new Date(own().getTime() + offset)),
    offsetMs: () => offset,
    probe() {
      const sent = own().getTime();
      return (serverTime) => {
        const received = own().getTime();
        const server = Date.parse(serverTime);
        if (!follow || !Number.isFinite(server) || received - sent > MAX_ROUND_TRIP_MS || received < sent) return;
        const measured = Math.round(server - (sent + received) / 2);
        offset = Math.abs(measured) < AGREEING_MS ? 0 : measured;
        // kept when it moved by a second or more (not a write at every pull for a few milliseconds of round trip)
        if (store && (saved === undefined || Math.abs(offset - saved) >= AGREEING_MS || (offset === 0) !== (saved === 0))) {
          store.save(offset);
          saved = offset;
        }
        if (Math.abs(offset) >= WORTH_SAYING_MS && Math.abs(offset - said) >= WORTH_SAYING_MS) {
          said = offset;
          log.warn(`the kiosk's clock is ${Math.round(offset / 1000)} s behind the cloud's (negative: ahead); time rules use the cloud's time`);
        }
      };
    },
  };
}
