/**
 * How the cloud's private pass signing keys are stored: sealed under the key-encryption key (keyEncryption.ts), bound
 * to their key id. Older clouds stored them in plaintext: those are sealed in place at start.
 */
import { rmSync } from 'node:fs';
import type { Kysely } from 'kysely';
import type { CloudSchema } from '../db/schema';
import { listPrivateKeys, replacePrivateKey } from '../repositories/passKeys';
import { isSealed, NEXT_KEY_FILE_SUFFIX, seal, unseal, type KeyEncryptionKeys } from '../keyEncryption';

const what = (kid: string) => `the cloud's private pass key ${kid}`;

export function sealPrivateKey(kid: string, privateKey: string, keys: KeyEncryptionKeys): string {
  return seal(privateKey, keys.current, `pass_keys.private_key:${kid}`);
}

/** The plaintext of a stored private key; KeyEncryptionError when the keys of this start cannot decrypt it. */
export function openPrivateKey(kid: string, stored: string, keys: KeyEncryptionKeys): string {
  if (!isSealed(stored)) return stored; // only before protectStoredPrivateKeys ran
  return unseal(stored, keys, `pass_keys.private_key:${kid}`, what(kid)).plaintext;
}

export interface ProtectResult {
  /** plaintext keys (from before encryption at rest) now sealed */
  sealed: number;
  /** keys sealed under a previous key-encryption key now sealed under the current one */
  resealed: number;
}

/**
 * Brings every stored private key under `keys.current`: plaintext ones are sealed in place, ones under a previous
 * key-encryption key re-sealed, all checked to decrypt first. When any does not (a wrong or missing key), throws
 * KeyEncryptionError and changes nothing: the cloud must not start, nor make itself a new key.
 * An unfinished rotation's `<key file>.next` among the previous keys is deleted once nothing needs it.
 */
export async function protectStoredPrivateKeys(db: Kysely<CloudSchema>, keys: KeyEncryptionKeys): Promise<ProtectResult> {
  const rows = await listPrivateKeys(db);
  const updates: { kid: string; from: string; to: string; plaintext: boolean }[] = [];
  for (const { kid, private_key: stored } of rows) {
    if (stored === null) continue;
    if (!isSealed(stored)) {
      updates.push({ kid, from: stored, to: sealPrivateKey(kid, stored, keys), plaintext: true });
      continue;
    }
    const { plaintext, kek } = unseal(stored, keys, `pass_keys.private_key:${kid}`, what(kid));
    if (kek.id !== keys.current.id) updates.push({ kid, from: stored, to: sealPrivateKey(kid, plaintext, keys), plaintext: false });
  }
  if (updates.length > 0) {
    await db.transaction().execute(async (trx) => {
      for (const u of updates) {
        // only the value read: another instance sealing the same row at once leaves its own (equivalent) value
        await replacePrivateKey(trx, u.kid, u.from, u.to);
      }
    });
  }
  for (const k of keys.previous) {
    if (k.file !== undefined && k.file.endsWith(NEXT_KEY_FILE_SUFFIX) && k.file !== keys.current.file) rmSync(k.file, { force: true });
  }
  return { sealed: updates.filter((u) => u.plaintext).length, resealed: updates.filter((u) => !u.plaintext).length };
}
