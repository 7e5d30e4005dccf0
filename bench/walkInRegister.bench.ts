/** Submit → passes: a walk-in (lead from a card + one typed companion) registered with desk approval, 1,000,000 visits held. */
import type { Bench } from './types';
import { personId, walkInBenchKiosk } from './walkIns';

const VISITS = Number(process.env.PASSDESK_BENCH_VISITS ?? 1_000_000);

const bench: Bench = {
  name: 'walkin-register',
  description: `walkin.register with desk approval (two passes, one command, one transaction), ${VISITS} visits held`,
  async run(options) {
    const { samples = 200, log } = options;
    const kiosk = await walkInBenchKiosk(VISITS, options);
    try {
      const times: number[] = [];
      for (let i = 0; i < samples + 10; i++) {
        const cardRef = kiosk.card(2_000_000 + i);
        const t0 = performance.now();
        await kiosk.desk.registrar.register({
          lead: { identity: { source: 'card', cardRef }, phone: '13812345678', company: '天山贸易' },
          companions: [{ identity: { source: 'typed', name: '张伟', idType: 'resident_id', idNumber: personId(3_000_000 + i) } }],
          hostId: 'host_bench',
          reason: '洽谈合作',
          selfDrive: true,
          plate: '粤B12345',
        });
        if (i >= 10) times.push(performance.now() - t0);
        if ((i + 1) % 50 === 0) log(`  ${i + 1} walk-ins`);
      }
      return {
        name: bench.name,
        metric: 'walkin.register in the core, desk approval (sign 2 passes + command, write 2 bookings + 2 visits + outbox)',
        unit: 'ms',
        samples: times,
        target: { stat: 'p95', max: 300 },
        notes: { visits: VISITS, synchronous: String(kiosk.db.pragma('synchronous', { simple: true })) },
      };
    } finally {
      kiosk.close();
    }
  },
};
export default bench;
