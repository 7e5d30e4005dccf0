/** confirmCheckIn on the kiosk database with WAL + synchronous=NORMAL (before issue 7.9), to price FULL against. */
import { benchCheckinWrites } from './checkinWrites';
import type { Bench } from './types';

const bench: Bench = {
  name: 'checkin-write-normal',
  description: 'confirmCheckIn on the kiosk SQLite file, WAL + synchronous=NORMAL (the setting before FULL, for comparison)',
  run: (options) => benchCheckinWrites(bench.name, 'NORMAL', options),
};
export default bench;
