/** The passes feature (src/shared/contract/passes.ts): verifying a pass offline, printing one. */
import type { passesCalls } from '../../../shared/contract/passes';
import type { CheckInDesk } from '../checkin';
import type { PassPrintRequest } from '../devices';
import type { HandlerTable } from './feature';

export interface PassesFeatureDeps {
  /** the check-in desk's passes (the check-in feature's desk) */
  passes: Pick<CheckInDesk, 'checkPass' | 'passToPrint'>;
  /** the devices feature's pass printer */
  print: (pass: PassPrintRequest) => Promise<{ printer: string }>;
}

export interface PassesFeature {
  readonly handlers: HandlerTable<typeof passesCalls>;
  /** prints the pass of a visit checked in here; answers the printer's address */
  printPass(visitId: string): Promise<{ printer: string }>;
}

export function createPassesFeature(deps: PassesFeatureDeps): PassesFeature {
  const printPass = async (visitId: string) => deps.print(await deps.passes.passToPrint(visitId));
  return {
    printPass,
    handlers: {
      'pass.verify': ({ token }) => deps.passes.checkPass(token),
      'pass.print': async ({ visitId }) => ({ printed: true, ...(await printPass(visitId)) }),
    },
  };
}
