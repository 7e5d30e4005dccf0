import { describe, expect, it } from 'vitest';
import { AGREEING_MS, createCloudClock, MAX_ROUND_TRIP_MS } from '../../../../../src/main/core/sync/cloudClock';

/** a kiosk clock the test moves */
function ownClock(start: number) {
  let t = start;
  return { now: () => new Date(t), advance: (ms: number) => (t += ms) };
}

describe('cloudClock: the kiosk follows the cloud’s time measured at each pull', () => {
  const T = Date.parse('2026-11-27T08:00:00.000Z');

  it('own time until measured; then own time plus the offset to the midpoint of the round trip', () => {
    const own = ownClock(T);
    const clock = createCloudClock(own.now, true);
    expect(clock.now().getTime()).toBe(T);
    expect(clock.offsetMs()).toBeUndefined();
    const heard = clock.probe();
    own.advance(200); // the reply came 200 ms later; the cloud read its clock 10 minutes behind the kiosk's midpoint
    heard(new Date(T + 100 - 600_000).toISOString());
    expect(clock.offsetMs()).toBe(-600_000);
    expect(clock.now().getTime()).toBe(T + 200 - 600_000);
    own.advance(1_000);
    expect(clock.now().getTime()).toBe(T + 1_200 - 600_000);
  });

  it('a reply slower than the limit, an unreadable time or a clock that went back changes nothing', () => {
    const own = ownClock(T);
    const clock = createCloudClock(own.now, true);
    let heard = clock.probe();
    own.advance(MAX_ROUND_TRIP_MS + 1);
    heard(new Date(T + 600_000).toISOString());
    heard = clock.probe();
    heard('not a time');
    heard = clock.probe();
    own.advance(-5_000);
    heard(new Date(T + 600_000).toISOString());
    expect(clock.offsetMs()).toBeUndefined();
  });

  it('clocks within a second of each other agree: the own time, uncorrected (also after an offset was measured)', () => {
    const own = ownClock(T);
    const clock = createCloudClock(own.now, true);
    clock.probe()(new Date(T + 600_000).toISOString());
    expect(clock.offsetMs()).toBe(600_000);
    clock.probe()(new Date(T + AGREEING_MS - 1).toISOString()); // the kiosk's clock was set right meanwhile
    expect(clock.offsetMs()).toBe(0);
    expect(clock.now().getTime()).toBe(T);
  });

  it('not following: the own clock, uncorrected', () => {
    const own = ownClock(T);
    const clock = createCloudClock(own.now, false);
    clock.probe()(new Date(T + 600_000).toISOString());
    expect(clock.offsetMs()).toBeUndefined();
    expect(clock.now().getTime()).toBe(T);
  });
});
