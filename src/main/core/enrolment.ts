/**
 * Enrolling a kiosk with the cloud: make an Ed25519 key pair, present the one-time enrolment code and the
 * public key, store what the cloud answers. Nothing is stored unless the cloud accepted the code.
 */
import { generatePassKeyPair } from '../../shared/pass';
import { EnrolRequest } from '../../shared/sync';
import { writeIdentity, type KioskIdentity } from './db/identityStore';
import { kioskDbPath, openKioskDb, type KioskDb } from './db/openDb';
import { upsertPassKey } from './db/referenceStore';
import { countByState, discardPendingCommands } from './db/outboxStore';
import { existsSync, rmSync } from 'node:fs';
import { resetSyncState } from './db/syncStateStore';
import { createLogger } from './log';
import { loadSettings, saveSecrets, saveSettings, secretsPath } from './settings';
import { requestEnrolment } from './sync/cloudClient';

const log = createLogger('enrolment');

export interface EnrolKioskOptions {
  dataDir: string;
  cloudUrl: string;
  code: string;
  name: string;
  /** an open kiosk database to write to (the running core's); otherwise the data dir's is opened and closed */
  db?: KioskDb;
  now?: () => Date;
  /** staff confirmed: commands of the current enrolment still pending are given up once the cloud accepted the code */
  discardPending?: boolean;
}

export class EnrolmentRefused extends Error {
  constructor(
    readonly code: 'pending_commands',
    message: string,
  ) {
    super(message);
    this.name = 'EnrolmentRefused';
  }
}

/** Commands signed as the current kiosk that the cloud has not had yet (re-enrolling would orphan them). */
function pendingUnderCurrentIdentity(options: EnrolKioskOptions): number {
  const path = kioskDbPath(options.dataDir);
  if (!options.db && !existsSync(path)) return 0;
  const db = options.db ?? openKioskDb(path);
  try {
    return countByState(db).pending;
  } finally {
    if (!options.db) db.close();
  }
}

/**
 * Throws CloudRequestError (kind refused + the cloud's error code, e.g. a wrong code) when the cloud says no,
 * and EnrolmentRefused while commands of the current enrolment still wait to be pushed.
 */
export async function enrolKiosk(options: EnrolKioskOptions): Promise<KioskIdentity> {
  const request = EnrolRequest.pick({ code: true, name: true }).parse({ code: options.code, name: options.name });
  const pending = pendingUnderCurrentIdentity(options);
  if (pending > 0 && options.discardPending !== true) {
    throw new EnrolmentRefused('pending_commands', `${pending} check-in/out records of the current enrolment are not synced yet; sync before enrolling again`);
  }
  const pair = await generatePassKeyPair();
  const reply = await requestEnrolment(options.cloudUrl, { ...request, publicKey: pair.publicKey });

  const identity: KioskIdentity = {
    kioskId: reply.kioskId,
    siteId: reply.siteId,
    keyId: reply.keyId,
    publicKey: pair.publicKey,
    name: request.name,
    cloudUrl: options.cloudUrl.replace(/\/+$/, ''),
    enrolledAt: (options.now?.() ?? new Date()).toISOString(),
  };
  saveSecrets(options.dataDir, { version: 1, privateKey: pair.privateKey, credential: reply.credential });
  const db = options.db ?? openKioskDb(kioskDbPath(options.dataDir));
  try {
    db.transaction(() => {
      if (options.discardPending === true) {
        const n = discardPendingCommands(db, `discarded when the kiosk enrolled again as ${reply.kioskId}`);
        if (n > 0) log.warn(`${n} commands of the previous enrolment were discarded, as staff confirmed`);
      }
      writeIdentity(db, identity);
      resetSyncState(db);
      for (const key of reply.passKeys) upsertPassKey(db, key);
      upsertPassKey(db, { kid: reply.keyId, issuer: `kiosk:${reply.kioskId}`, publicKey: pair.publicKey, revoked: false, site: reply.siteId });
    })();
  } finally {
    if (!options.db) db.close();
  }
  const { settings } = loadSettings(options.dataDir, identity.cloudUrl);
  saveSettings(options.dataDir, { ...settings, cloudUrl: identity.cloudUrl, kioskName: request.name });
  log.info(`enrolled as kiosk ${identity.kioskId} of site ${identity.siteId}`);
  return identity;
}

/** Leaving: pending commands given up, the identity and its secrets forgotten, the site's data dropped (sync stops). */
export function forgetEnrolment(dataDir: string, db: KioskDb): void {
  db.transaction(() => {
    discardPendingCommands(db, 'discarded when the kiosk left its enrolment');
    db.prepare('DELETE FROM kiosk_identity').run();
    resetSyncState(db);
  })();
  rmSync(secretsPath(dataDir), { force: true });
  log.info('the kiosk left its enrolment: identity and secrets forgotten');
}
