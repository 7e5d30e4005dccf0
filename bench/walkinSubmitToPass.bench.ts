/** 提交 on the walk-in form → the pass on screen, desk approval, on a kiosk holding 1,000,000 visits. */
import type { Bench } from './types';
import { SCREEN_VISITS, walkInScreenTimings } from './walkInScreen';

const bench: Bench = {
  name: 'walkin-submit-to-pass',
  description: `tap on 提交 → the pass QR rendered in Chromium (desk approval), ${SCREEN_VISITS} visits held`,
  async run(options) {
    const t = await walkInScreenTimings(options);
    return {
      name: bench.name,
      metric: 'tap on submit → first frame with the pass QR (Chromium, browser shell, desk approval)',
      unit: 'ms',
      samples: t.submitToPass,
      target: { stat: 'p95', max: 300 },
      notes: t.notes,
    };
  },
};
export default bench;
