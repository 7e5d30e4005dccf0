/** Card on the reader → the walk-in form prefilled with the last visit found, on a kiosk holding 1,000,000 visits. */
import type { Bench } from './types';
import { walkInBenchKiosk } from './walkIns';

const VISITS = Number(process.env.PASSDESK_BENCH_VISITS ?? 1_000_000);

const bench: Bench = {
  name: 'walkin-lookup',
  description: `walk-in form on a card read: walkin.lookup (last visit by the ID number key) + walkin.options, ${VISITS} visits held`,
  async run(options) {
    const { samples = 500, log } = options;
    const kiosk = await walkInBenchKiosk(VISITS, options);
    try {
      const times: number[] = [];
      let found = 0;
      for (let i = 0; i < samples + 20; i++) {
        const cardRef = kiosk.card((i * 7919) % Math.max(1, Math.floor(VISITS / 3)));
        const t0 = performance.now();
        const last = kiosk.desk.lookup.lastVisit({ cardRef });
        kiosk.desk.lookup.options();
        if (i >= 20) times.push(performance.now() - t0);
        if (last) found++;
      }
      log(`  ${found} of ${samples + 20} cards had a last visit`);
      return {
        name: bench.name,
        metric: 'walkin.lookup + walkin.options in the core (the reader time excluded)',
        unit: 'ms',
        samples: times,
        target: { stat: 'p95', max: 300 },
        notes: { visits: VISITS, withLastVisit: found },
      };
    } finally {
      kiosk.close();
    }
  },
};
export default bench;
