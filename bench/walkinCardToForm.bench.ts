/** Card on the reader → the walk-in form on screen, prefilled, with "访客最后来访" found, on a kiosk holding 1,000,000 visits. */
import type { Bench } from './types';
import { SCREEN_VISITS, walkInScreenTimings } from './walkInScreen';

const bench: Bench = {
  name: 'walkin-card-to-form',
  description: `last reply byte of the simulated reader → walk-in form rendered in Chromium with the last visit found, ${SCREEN_VISITS} visits held`,
  async run(options) {
    const t = await walkInScreenTimings(options);
    return {
      name: bench.name,
      metric: 'last read-reply byte → first frame with the prefilled form and its last visit (Chromium, browser shell)',
      unit: 'ms',
      samples: t.cardToForm,
      target: { stat: 'p95', max: 300 },
      notes: t.notes,
    };
  },
};
export default bench;
