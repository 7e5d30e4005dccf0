/**
 * The sweep job (src/cloud/services/sweepJob.ts) purges expired sessions (visitors', hosts', staff's) and one-time
 * sign-in codes a day after they expired, on SQLite and PostgreSQL: before, they went only when somebody signed in
 * again. Live sessions and codes, and those expired less than a day ago, stay.
 */
import { describe, expect, it } from 'vitest';
import { runSweepJob } from '../../../../src/cloud/services/sweepJob';
import { staffSession } from '../../../support/cloud/accounts';
import { CloudTestEnv, DIALECTS, freshEnvPerTest, T0 } from '../../../support/cloud/harness';

const HOUR = 3_600_000;

describe.each(DIALECTS)('the sweep job purges expired sessions and sign-in codes (%s)', (dialect) => {
  let env: CloudTestEnv;
  freshEnvPerTest(dialect, (e) => (env = e));

  const sessions = async () => (await env.kysely.selectFrom('sessions').select(['kind', 'expires_at']).orderBy('expires_at').execute()).map((s) => s.kind);
  const codes = async () => (await env.kysely.selectFrom('sign_in_codes').select('expires_at').orderBy('expires_at').execute()).map((c) => c.expires_at);
  const sweepAt = async (at: number) => expect(await runSweepJob(env.kysely, env.db.dialect, new Date(at))).toMatchObject({ ran: true });

  it('sessions of every kind and codes go a day after they expired, in the job; the rest stay', async () => {
    const host = await env.createHost();
    await env.signIn('13912340001'); // a visitor's session and code, both at T0
    await env.signIn(host.phone, 'host');
    await staffSession(env, { phone: '13700000051', roles: ['records_viewer'] });
    env.clock = new Date(T0.getTime() + 13 * HOUR);
    await env.signIn('13912340002'); // live until T0 + 25 h; its code until T0 + 13 h 5 min
    expect(await sessions()).toEqual(['visitor', 'host', 'staff', 'visitor']);
    expect(await codes()).toHaveLength(3);

    // expired less than a day ago: kept (a bearer presented then still hears that its session expired)
    await sweepAt(T0.getTime() + 35 * HOUR);
    expect(await sessions()).toEqual(['visitor', 'host', 'staff', 'visitor']);
    expect(await codes()).toHaveLength(1); // the first two codes expired at T0 + 5 min: more than a day ago

    // a day and a second after the first three expired (T0 + 12 h), nobody signing in meanwhile
    await sweepAt(T0.getTime() + 36 * HOUR + 1000);
    expect(await sessions()).toEqual(['visitor']);
    expect(await codes()).toEqual([new Date(T0.getTime() + 13 * HOUR + 300_000).toISOString()]);

    await sweepAt(T0.getTime() + 50 * HOUR);
    expect(await sessions()).toEqual([]);
    expect(await codes()).toEqual([]);
  });
});
