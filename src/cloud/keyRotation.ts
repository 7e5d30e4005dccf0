/**
 * `npm run cloud -- rotate-key-encryption-key`: re-encrypts the cloud's stored private pass keys under a new
 * key-encryption key (the signing keys themselves stay: passes they signed keep verifying).
 * - Key file (the default, or PASSDESK_KEY_FILE): a new key is written to `<file>.next` (0600), every stored key is
 *   re-sealed under it in one transaction, then `<file>.next` replaces `<file>`. Stopped half-way, the next start
 *   (or run) reads `<file>.next` too and nothing is lost.
 * - PASSDESK_KEY_ENCRYPTION_KEY: give the new key as PASSDESK_NEW_KEY_ENCRYPTION_KEY; afterwards start the cloud
 *   with it as PASSDESK_KEY_ENCRYPTION_KEY. (Or, without this command: start the cloud with the new key and the old
 *   one as PASSDESK_KEY_ENCRYPTION_KEY_PREVIOUS once, then drop the old one.)
 */
import { existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import type { Kysely } from 'kysely';
import type { CloudSchema } from './db/schema';
import { KEK_ENV, NEXT_KEY_FILE_SUFFIX, newKeyEncryptionKeyText, parseKeyEncryptionKey, type KeyEncryptionKeys } from './keyEncryption';
import { protectStoredPrivateKeys } from './services/passKeyStorage';

export const NEW_KEK_ENV = 'PASSDESK_NEW_KEY_ENCRYPTION_KEY';

export interface RotationResult {
  /** how many stored private keys were re-sealed */
  resealed: number;
  /** the new key's id */
  newKeyId: string;
  /** what the operator does next, if anything */
  notes: string[];
}

export async function rotateKeyEncryptionKey(
  db: Kysely<CloudSchema>,
  keys: KeyEncryptionKeys,
  env: Readonly<Record<string, string | undefined>>,
): Promise<RotationResult> {
  const newKeyText = env[NEW_KEK_ENV]?.trim();
  const file = keys.current.file;
  if (file === undefined) {
    if (!newKeyText) {
      throw new Error(
        keys.current.source.startsWith(KEK_ENV.key)
          ? `the key comes from ${KEK_ENV.key}: give the new one as ${NEW_KEK_ENV} (e.g. \`openssl rand -base64 32\`)`
          : `nothing to rotate: the database is in memory`,
      );
    }
    const next = parseKeyEncryptionKey(newKeyText, NEW_KEK_ENV);
    const { resealed, sealed } = await protectStoredPrivateKeys(db, { current: next, previous: [keys.current, ...keys.previous] });
    return {
      resealed: resealed + sealed,
      newKeyId: next.id,
      notes: [`start the cloud with ${KEK_ENV.key} set to the new key (id ${next.id}); the old key decrypts nothing any more`],
    };
  }
  // first everything under the current file's key (finishes an earlier run that stopped half-way)
  await protectStoredPrivateKeys(db, keys);
  const nextFile = `${file}${NEXT_KEY_FILE_SUFFIX}`;
  rmSync(nextFile, { force: true });
  const text = newKeyText || newKeyEncryptionKeyText();
  const next = parseKeyEncryptionKey(text, nextFile, nextFile);
  writeFileSync(nextFile, `${text}\n`, { mode: 0o600, flag: 'wx' });
  const { resealed, sealed } = await protectStoredPrivateKeys(db, { current: next, previous: [keys.current] }).catch((err: unknown) => {
    rmSync(nextFile, { force: true });
    throw err;
  });
  if (existsSync(nextFile)) renameSync(nextFile, file);
  return { resealed: resealed + sealed, newKeyId: next.id, notes: [`${file} holds the new key (id ${next.id}); back it up apart from the database`] };
}
