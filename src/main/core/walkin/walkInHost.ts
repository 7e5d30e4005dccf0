/**
 * The host a walk-in is for (issue 9): the kiosk's own record, or — a host the cloud's directory showed (hosts.search,
 * origin cloud) that no pull has brought here yet, or one whose visit permission changed since — the cloud's record,
 * asked for by id at registration (the cloud is the authority: its answer, not what the screen showed, is stored).
 * Unknown or without visit permission: host_not_found (无此受访人), nothing stored; offline, the kiosk's own directory
 * answers (as the search did). Online but the cloud does not answer now: walkin_host_unconfirmed, nothing stored.
 */
import type { Host } from '../../../shared/domain';
import { IpcCallError } from '../../../shared/ipc';
import { getHost, upsertHost } from '../db/referenceStore';
import type { KioskDb } from '../db/openDb';
import type { KioskDirectoryClient } from '../sync/directoryClient';

/** how long a registration waits for the cloud to confirm a host it does not hold */
export const HOST_CONFIRM_TIMEOUT_MS = 3_000;

export interface WalkInHostDeps {
  db: KioskDb;
  online: () => boolean;
  directory: () => KioskDirectoryClient | undefined;
}

export interface WalkInHost {
  host: Host;
  /** stores the cloud's record here, as a pull would (call inside the registration's transaction); nothing for a local host */
  store: () => void;
}

export async function resolveWalkInHost(deps: WalkInHostDeps, hostId: string): Promise<WalkInHost> {
  const local = getHost(deps.db, hostId);
  if (local?.canReceiveVisitors) return { host: local, store: () => undefined };
  const notFound = () => new IpcCallError('host_not_found', 'no such host (unknown, or not receiving visitors)');
  const client = deps.online() ? deps.directory() : undefined;
  // offline: the kiosk's own directory is the answer (as the search's was)
  if (!client) throw notFound();
  let cloud: Host | null;
  try {
    cloud = await client.host(hostId, HOST_CONFIRM_TIMEOUT_MS);
  } catch {
    if (local) throw notFound();
    throw new IpcCallError('walkin_host_unconfirmed', 'this host is known only to the cloud, which did not answer now');
  }
  if (!cloud?.canReceiveVisitors) throw notFound();
  const confirmed = cloud;
  return { host: confirmed, store: () => upsertHost(deps.db, confirmed) };
}
