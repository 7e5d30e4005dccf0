/**
 * Issue 13 §4: the notification dispatcher. Retries what the provider calls retryable after a doubling backoff, gives
 * up after maxAttempts (recorded: failed, the error masked, the number dropped, audited, listed for admins), gives up
 * at once on a final refusal, takes back a message whose sender's claim ran out; and on PostgreSQL two dispatchers
 * (two connection pools, as two processes) never send one message twice. The provider is a scripted one (the outside
 * world) or Alibaba Cloud SMS against its local stand-in (tests/support/cloud/aliyunSmsStandIn.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aliyunSmsProvider } from '../../../../src/cloud/notifications/aliyunSms';
import { openCloudDatabase, migrateToLatest, type CloudDatabase } from '../../../../src/cloud/db/database';
import { DISPATCH_POLICY, retryDelayMs, runNotificationDispatch } from '../../../../src/cloud/notifications/dispatcher';
import { queueMessage } from '../../../../src/cloud/notifications/events';
import type { NotificationProvider, NotificationSettings, SendOutcome, SmsMessage } from '../../../../src/cloud/notifications/provider';
import type { NotificationList } from '../../../../src/shared/notifications';
import { AliyunSmsStandIn } from '../../../support/cloud/aliyunSmsStandIn';
import { ADMIN_TOKEN, CloudTestEnv, DIALECTS, openTestDatabase, PG_URL, T0 } from '../../../support/cloud/harness';

const PHONE = '13800138001';
const THROTTLED = '13800000002';
const ILLEGAL = '13800000003';

let standIn: AliyunSmsStandIn;
beforeAll(async () => {
  standIn = await AliyunSmsStandIn.start('LTAI5tStandIn', 'secret', () => T0);
});
afterAll(() => standIn.close());

function scripted(answers: (m: SmsMessage) => SendOutcome | Promise<SendOutcome>): NotificationProvider & { sent: SmsMessage[] } {
  const sent: SmsMessage[] = [];
  return {
    name: 'scripted',
    sent,
    async send(m) {
      sent.push(m);
      return answers(m);
    },
  };
}
const settingsOf = (provider: NotificationProvider): NotificationSettings => ({ provider, language: 'zh-CN', publicUrl: 'https://visits.example.com' });

async function queue(db: CloudDatabase, keys: (string | [string, string])[], at: Date): Promise<void> {
  await db.kysely.transaction().execute(async (trx) => {
    for (const entry of keys) {
      const [key, phone] = typeof entry === 'string' ? [entry, PHONE] : entry;
      await queueMessage(
        trx,
        {
          kind: 'decision',
          template: 'visitorApproved',
          params: { host: '李明', window: '11-22 09:00–17:00', code: 'AB12CD34' },
          phone,
          idempotencyKey: key,
          siteId: null,
          bookingId: null,
        },
        at,
      );
    }
  });
}

const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

describe('the backoff', () => {
  it('doubles from 30 s and stops growing at an hour', () => {
    expect([1, 2, 3, 4, 8, 20].map((n) => retryDelayMs(n) / 1000)).toEqual([30, 60, 120, 240, 3600, 3600]);
  });
});

describe.each(DIALECTS)('notification dispatcher (%s)', (dialect) => {
  it('retries a retryable failure after its backoff, gives up after maxAttempts: recorded, masked, audited, listed for admins', async () => {
    const env = await CloudTestEnv.create(dialect);
    try {
      await queue(env.db, ['decision:retry'], T0);
      const provider = scripted(() => ({ kind: 'retry', code: 'isv.BUSINESS_LIMIT_CONTROL', message: `flow control for ${PHONE}` }));
      const policy = { ...DISPATCH_POLICY, maxAttempts: 3 };
      let clock = T0;
      const run = () => runNotificationDispatch(env.kysely, env.db.dialect, settingsOf(provider), () => clock, policy);
      const row = () => env.kysely.selectFrom('notification_outbox').selectAll().executeTakeFirstOrThrow();

      expect((await run()).retried).toBe(1);
      expect(await row()).toMatchObject({ status: 'pending', attempts: 1, next_attempt_at: at(30).toISOString(), recipient_phone: PHONE });
      expect((await row()).last_error).toBe('isv.BUSINESS_LIMIT_CONTROL: flow control for 138****8001');
      clock = at(29);
      expect((await run()).claimed).toBe(0);
      clock = at(30);
      expect((await run()).retried).toBe(1);
      expect(await row()).toMatchObject({ status: 'pending', attempts: 2, next_attempt_at: at(90).toISOString() });
      clock = at(90);
      expect(await run()).toEqual({ claimed: 1, sent: 0, retried: 0, failed: 1 });
      expect(await row()).toMatchObject({ status: 'failed', attempts: 3, recipient_phone: null, recipient_masked: '138****8001' });
      clock = at(10_000);
      expect((await run()).claimed).toBe(0);
      expect(provider.sent).toHaveLength(3);
      expect(provider.sent[0]!.text).toBe('您11-22 09:00–17:00拜访李明的预约已确认，通行证：https://visits.example.com/app/pass/AB12CD34');
      const audit = await env.kysely.selectFrom('audit_log').selectAll().where('action', '=', 'notification.failed').execute();
      expect(audit).toHaveLength(1);
      expect(audit[0]!.detail).not.toContain(PHONE);

      const list = await env.request('GET', '/admin/notifications?status=failed', { token: ADMIN_TOKEN });
      expect(list.statusCode).toBe(200);
      expect(list.json<NotificationList>().notifications).toEqual([
        expect.objectContaining({
          template: 'visitorApproved',
          recipient: '138****8001',
          status: 'failed',
          attempts: 3,
          lastError: expect.stringContaining('138****8001') as unknown,
        }),
      ]);
      expect(list.body).not.toContain(PHONE);
      expect((await env.request('GET', '/admin/notifications?status=lost', { token: ADMIN_TOKEN })).statusCode).toBe(400);
    } finally {
      await env.dispose();
    }
  });

  it('through Alibaba Cloud SMS (its stand-in): sent, throttled retried after the backoff then sent, a bad number given up at once; a dead sender’s claim taken back', async () => {
    const { db, dispose } = await openTestDatabase(dialect);
    try {
      await migrateToLatest(db);
      let clock = T0;
      standIn.now = () => clock;
      standIn.byPhone.set(THROTTLED, AliyunSmsStandIn.throttled());
      standIn.byPhone.set(ILLEGAL, AliyunSmsStandIn.illegalNumber());
      await queue(
        db,
        [
          ['decision:ok', PHONE],
          ['decision:throttled', THROTTLED],
          ['decision:illegal', ILLEGAL],
        ],
        T0,
      );
      const settings = settingsOf(
        aliyunSmsProvider({
          accessKeyId: 'LTAI5tStandIn',
          accessKeySecret: 'secret',
          signName: '访客通',
          templateCodes: { visitorApproved: 'SMS_1' },
          endpoint: standIn.url,
          now: () => clock,
        }),
      );
      const run = () => runNotificationDispatch(db.kysely, db.dialect, settings, () => clock);
      const rows = async () =>
        Object.fromEntries(
          (await db.kysely.selectFrom('notification_outbox').selectAll().execute()).map((r) => [
            r.idempotency_key.slice(9),
            [r.status, r.attempts, r.recipient_phone !== null, r.last_error?.split(':')[0] ?? r.provider_message_id?.replace(/^\d+/, '') ?? null],
          ]),
        );
      expect(await run()).toEqual({ claimed: 3, sent: 1, retried: 1, failed: 1 });
      expect(await rows()).toEqual({
        ok: ['sent', 1, false, '^0'],
        throttled: ['pending', 1, true, 'isv.BUSINESS_LIMIT_CONTROL'],
        illegal: ['failed', 1, false, 'isv.MOBILE_NUMBER_ILLEGAL'],
      });
      standIn.byPhone.delete(THROTTLED); // the flow control lifts
      clock = at(29);
      expect((await run()).claimed).toBe(0);
      clock = at(30);
      expect(await run()).toEqual({ claimed: 1, sent: 1, retried: 0, failed: 0 });
      expect((await rows()).throttled).toEqual(['sent', 2, false, '^0']);
      expect(standIn.requests.every((r) => r.signatureOk)).toBe(true);

      // a sender that died holding a claim: the message is due again once the claim has run out, and only then
      await queue(db, [['decision:orphan', PHONE]], T0);
      await db.kysely
        .updateTable('notification_outbox')
        .set({ status: 'sending', claim_token: 'snd_dead', claimed_until: at(120).toISOString(), attempts: 1 })
        .where('idempotency_key', '=', 'decision:orphan')
        .execute();
      clock = at(60);
      expect((await run()).claimed).toBe(0);
      clock = at(120);
      expect(await run()).toEqual({ claimed: 1, sent: 1, retried: 0, failed: 0 });
      expect((await rows()).orphan).toEqual(['sent', 2, false, '^0']);
    } finally {
      await dispose();
    }
  });
});

describe('two dispatchers on one PostgreSQL database', () => {
  it('never send a message twice: each message is claimed by one of them', async () => {
    const first = await openTestDatabase('postgres');
    const second = await openCloudDatabase({ databaseUrl: PG_URL, pgSchema: first.db.pgSchema! });
    try {
      await migrateToLatest(first.db);
      const keys = Array.from({ length: 40 }, (_, i) => `arrival:${i}`);
      await queue(first.db, keys, T0);
      const sends = new Map<string, number>();
      // each dispatcher holds its first claim until the other has claimed too, then both race through the rest
      let bothClaimed: () => void = () => undefined;
      const barrier = new Promise<void>((resolve) => (bothClaimed = resolve));
      const started = new Set<string>();
      const providerOf = (name: string) =>
        scripted(async (m) => {
          started.add(name);
          if (started.size === 2) bothClaimed();
          await Promise.race([barrier, new Promise((r) => setTimeout(r, 20_000))]); // under CI load the other may be slow to connect
          await new Promise((r) => setImmediate(r));
          sends.set(m.reference, (sends.get(m.reference) ?? 0) + 1);
          return { kind: 'sent' };
        });
      const policy = { ...DISPATCH_POLICY, batch: 3 };
      const drain = async (db: CloudDatabase, provider: NotificationProvider): Promise<number> => {
        let claimed = 0;
        for (;;) {
          const r = await runNotificationDispatch(db.kysely, 'postgres', settingsOf(provider), () => T0, policy);
          if (r.claimed === 0) return claimed;
          claimed += r.claimed;
        }
      };
      const [a, b] = await Promise.all([drain(first.db, providerOf('a')), drain(second, providerOf('b'))]);
      expect(a + b).toBe(40);
      expect(a).toBeGreaterThan(0);
      expect(b).toBeGreaterThan(0);
      expect(sends.size).toBe(40);
      expect([...sends.values()].every((n) => n === 1)).toBe(true);
      const sent = await first.db.kysely.selectFrom('notification_outbox').select('status').where('status', '=', 'sent').execute();
      expect(sent).toHaveLength(40);
    } finally {
      await second.close();
      await first.dispose();
    }
  });
});
