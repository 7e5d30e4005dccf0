/** The walk-in desk (issue 9): the form's look-ups and the registration, built from explicit deps. */
import { HostApprovals } from './hostApproval';
import { WalkInLookup } from './lookup';
import { WalkInRegistrar, type WalkInRegisterDeps } from './register';

export type WalkInDeps = WalkInRegisterDeps;

export interface WalkInDesk {
  readonly lookup: WalkInLookup;
  readonly registrar: WalkInRegistrar;
  /** walk-ins waiting for their host (approval `host`) */
  readonly hostApprovals: HostApprovals;
}

export function createWalkInDesk(deps: WalkInDeps): WalkInDesk {
  const lookup = new WalkInLookup(deps);
  const hostApprovals = new HostApprovals(deps);
  return { lookup, registrar: new WalkInRegistrar(deps, lookup, hostApprovals), hostApprovals };
}
