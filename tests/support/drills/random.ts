/** A drill's random choices, repeatable from a seed (PASSDESK_DRILL_SEED runs a failed drill again). */
export { seededRandom as drillRandom } from '../../../src/main/devices/sim/seededRandom';

/** the seed given in PASSDESK_DRILL_SEED, or a new one (put it in the test's name) */
export function drillSeed(): number {
  return Number(process.env.PASSDESK_DRILL_SEED ?? Math.floor(Math.random() * 1_000_000));
}
