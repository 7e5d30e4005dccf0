/**
 * `npm run cloud -- create-admin --site <id> --name <name> --phone <phone> [--password-stdin]`: the first site
 * administrator (`--all-sites` instead of --site: a super administrator of every site). Without --password-stdin a
 * random password is made and printed once (it is stored only as its argon2id hash); with it, the password is the
 * first line read from stdin. The site must exist (POST /api/v1/admin/sites with the admin token makes one).
 */
import { parseArgs } from 'node:util';
import { createInterface } from 'node:readline';
import { AccountCreate } from '../shared/accounts';
import { randomCrockford } from '../platform/secrets';
import { migrateToLatest, openCloudDatabase, type OpenCloudDatabaseOptions } from './db/database';
import { createAccount } from './services/accounts';

export const CREATE_ADMIN = 'create-admin';

async function firstLineOfStdin(): Promise<string> {
  const rl = createInterface({ input: process.stdin, terminal: false });
  for await (const line of rl) {
    rl.close();
    return line;
  }
  throw new Error('--password-stdin: stdin ended before a password was read');
}

/** Creates the administrator; returns the lines to print. */
export async function createAdmin(dbOptions: OpenCloudDatabaseOptions, args: string[], readPassword = firstLineOfStdin): Promise<string[]> {
  const { values } = parseArgs({
    args,
    options: {
      site: { type: 'string' },
      'all-sites': { type: 'boolean', default: false },
      name: { type: 'string' },
      phone: { type: 'string' },
      'password-stdin': { type: 'boolean', default: false },
    },
    strict: true,
  });
  if ((values.site === undefined) === !values['all-sites']) throw new Error('name the site: --site <id> (or --all-sites for a super administrator)');
  const generated = values['password-stdin'] ? undefined : randomCrockford(16);
  const password = generated ?? (await readPassword());
  const parsed = AccountCreate.safeParse({
    ...(values.site !== undefined ? { siteId: values.site } : {}),
    name: values.name,
    phone: values.phone,
    roles: ['site_admin'],
    password,
  });
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  const db = await openCloudDatabase(dbOptions);
  try {
    await migrateToLatest(db);
    const account = await createAccount({ db: db.kysely, now: () => new Date() }, undefined, parsed.data);
    const lines = [`created administrator ${account.id} (${account.name}, ${account.phoneMasked}) of ${account.siteId ?? 'every site'}`];
    if (generated !== undefined) lines.push(`one-time password (shown once; sign in at /app/admin and keep it safe): ${generated}`);
    return lines;
  } finally {
    await db.close();
  }
}
