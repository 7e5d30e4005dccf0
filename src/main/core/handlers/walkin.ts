/** The walk-in feature's calls (src/shared/contract/walkin.ts): the form's look-ups and the registration. */
import type { walkinCalls } from '../../../shared/contract/walkin';
import type { HandlerTable } from './handler';

export const walkinHandlers: HandlerTable<typeof walkinCalls> = {
  'walkin.options': (core) => core.walkIn.lookup.options(),
  'walkin.lookup': (core, by) => ({ lastVisit: core.walkIn.lookup.lastVisit(by) }),
  'walkin.today': (core) => ({ visitors: core.walkIn.lookup.today() }),
  'hosts.search': (core, { query }) => core.walkIn.lookup.searchHosts(query),
  'walkin.register': (core, input) => core.walkIn.registrar.register(input),
};
