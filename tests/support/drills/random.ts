/** A drill's random choices, repeatable from a seed (PASSDESK_DRILL_SEED runs a failed drill again). */

/** the seed given in PASSDESK_DRILL_SEED, or a new one (put it in the test's name) */
export function drillSeed(): number {
  return Number(process.env.PASSDESK_DRILL_SEED ?? Math.floor(Math.random() * 1_000_000));
}

/** mulberry32: uniform in [0, 1), the same sequence for the same seed */
export function drillRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
