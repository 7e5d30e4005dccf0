/** The passes feature's calls (src/shared/contract/passes.ts): verifying a pass, printing one. */
import type { passesCalls } from '../../../shared/contract/passes';
import type { HandlerTable } from './handler';

export const passesHandlers: HandlerTable<typeof passesCalls> = {
  'pass.verify': async (core, { token }) => core.checkIn.checkPass(token),
  'pass.print': async (core, { visitId }) => ({ printed: true, ...(await core.printPass(visitId)) }),
};
