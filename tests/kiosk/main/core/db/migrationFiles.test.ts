/**
 * The kiosk's migrations are one file each (src/main/core/db/migrations/NNNN_<name>.ts) listed by hand in its
 * index: the list runs 1..N without a gap, every file is listed, and each file's number is its version.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION, migrations, type Migration } from '../../../../../src/main/core/db/migrations';

const folder = fileURLToPath(new URL('../../../../../src/main/core/db/migrations/', import.meta.url));
const MIGRATION_FILE = /^(\d{4})_[a-z0-9]+(?:_[a-z0-9]+)*\.ts$/;

describe('kiosk migration files', () => {
  const files = readdirSync(folder).sort();

  it('versions run 1..N, contiguous, ending at LATEST_SCHEMA_VERSION', () => {
    expect(migrations.length).toBeGreaterThan(0);
    expect(migrations.map((m) => m.version)).toEqual(Array.from({ length: migrations.length }, (_, i) => i + 1));
    expect(LATEST_SCHEMA_VERSION).toBe(migrations.length);
  });

  it('the folder holds only the index, the Migration type and NNNN_<name>.ts files', () => {
    expect(files.filter((f) => f !== 'index.ts' && f !== 'migration.ts' && !MIGRATION_FILE.test(f))).toEqual([]);
  });

  it("each file's number is its version, and the index lists every file in order", async () => {
    const numbered = files.filter((f) => MIGRATION_FILE.test(f));
    const loaded: Migration[] = [];
    for (const file of numbered) {
      const { migration } = (await import(`../../../../../src/main/core/db/migrations/${file.replace(/\.ts$/, '')}`)) as { migration: Migration };
      expect(migration.version, file).toBe(Number(MIGRATION_FILE.exec(file)?.[1]));
      expect(migration.name.length, file).toBeGreaterThan(0);
      loaded.push(migration);
    }
    expect(loaded).toEqual(migrations);
    loaded.forEach((m, i) => expect(migrations[i], numbered[i]).toBe(m));
  });
});
