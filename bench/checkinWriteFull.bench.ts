/** confirmCheckIn on the kiosk database as it runs: WAL, synchronous=FULL. Compare with checkin-write-normal. */
import { benchCheckinWrites } from './checkinWrites';
import type { Bench } from './types';

const bench: Bench = {
  name: 'checkin-write-full',
  description: 'confirmCheckIn on the kiosk SQLite file, WAL + synchronous=FULL (what the kiosk runs)',
  run: (options) => benchCheckinWrites(bench.name, 'FULL', options),
};
export default bench;
