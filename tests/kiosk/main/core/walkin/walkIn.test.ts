/**
 * Walk-in registration (issue 9) through the IPC contract on a real core (SQLite): cards held by the core, typed IDs,
 * the blacklist's levels, the last visit by ID key then phone, host search, the one signed registerWalkIn command.
 * Offline (the cloud's side of registerWalkIn lands separately): the outbox is asserted, not the cloud.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatchIpcCall } from '../../../../../src/main/core/ipcHandlers';
import type { KioskCore } from '../../../../../src/main/core/kioskCore';
import type { DevicePortEvent, DevicesPort } from '../../../../../src/main/core/devices';
import { allCommands, isClearedCommand } from '../../../../../src/main/core/db/outboxStore';
import { upsertBlacklistEntry, upsertHost } from '../../../../../src/main/core/db/referenceStore';
import { saveAppliedCloudSettings } from '../../../../../src/main/core/db/syncStateStore';
import { withPolicyValues } from '../../../../../src/main/core/policy';
import { blacklistIdNumberKey, blacklistPhoneKey } from '../../../../../src/shared/blacklistKey';
import { ipcCalls, type IdCardRead, type IpcInput } from '../../../../../src/shared/ipc';
import { commandSigningText } from '../../../../../src/shared/sync';
import { verifyBytes } from '../../../../../src/shared/pass';
import { WalkInRegistration } from '../../../../../src/shared/walkIn';
import { addDeskHost, locallyEnrolledCore, output, tempDir } from '../../../../support/kiosk/helpers';

const LEAD_ID = '11010519491231002X';
const COMPANION_ID = '440306199003071232';
const NAME = '阿依古丽·㐀买提';

/** A devices port whose ID card reader is this test: `read(...)` is a card placed on it. */
function cardPort(): DevicesPort & { read(idNumber: string, name?: string): void } {
  const listeners = new Set<(e: DevicePortEvent) => void>();
  return {
    list: () => [],
    stop: () => Promise.resolve(),
    on(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    measureTemperature: () => Promise.reject(new Error('no thermometer')),
    printerKind: 'none',
    print: () => Promise.reject(new Error('no printer')),
    read(idNumber, name = NAME) {
      const view = {
        cardType: 'resident' as const,
        name,
        sex: '女',
        nation: '维吾尔',
        birthDate: idNumber.slice(6, 14),
        validFrom: '20150610',
        validUntil: '长期',
        warnings: [],
        hasPhoto: true,
        readAt: new Date().toISOString(),
      };
      for (const l of [...listeners]) l({ type: 'card', card: { idNumber }, view });
    },
  };
}

describe('walk-in registration at the kiosk (real SQLite, offline)', () => {
  let t: ReturnType<typeof tempDir>;
  let core: KioskCore;
  let port: ReturnType<typeof cardPort>;

  const call = <N extends keyof typeof ipcCalls>(name: N, input: IpcInput<N>) => dispatchIpcCall(core, name, input);
  const readCard = async (idNumber: string, name?: string): Promise<IdCardRead> => {
    const got = new Promise<IdCardRead>((resolve) => {
      const off = core.events.on('device.idCard', (c) => {
        off();
        resolve(c);
      });
    });
    port.read(idNumber, name);
    return got;
  };
  const counts = () => ({
    visits: (core.db.prepare('SELECT count(*) AS n FROM visits').get() as { n: number }).n,
    bookings: (core.db.prepare('SELECT count(*) AS n FROM bookings').get() as { n: number }).n,
    outbox: (core.db.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n,
  });
  const base = (over: Partial<IpcInput<'walkin.register'>> = {}): IpcInput<'walkin.register'> => ({
    lead: { identity: { source: 'typed', name: '王五', idType: 'resident_id', idNumber: '440306199003071232' }, phone: '13700001111' },
    hostId: 'host_1',
    reason: '商务洽谈',
    ...over,
  });

  beforeEach(async () => {
    t = tempDir();
    port = cardPort();
    core = await locallyEnrolledCore(t.dir, { devices: port });
    addDeskHost(core.db);
    upsertHost(core.db, {
      id: 'host_2',
      siteId: 'site_local',
      name: '李无权',
      phone: '13900002222',
      department: '财务部',
      canReceiveVisitors: false,
      updatedAt: new Date().toISOString(),
    });
  });

  afterEach(async () => {
    await core.close();
    t.cleanup();
  });

  it('registers a lead from a held card and a typed companion: two visits, two passes, ONE signed registerWalkIn command', async () => {
    await core.updateSettings((s) => withPolicyValues(s, { earlyArrivalMinutes: 15 }));
    const card = await readCard(LEAD_ID);
    expect(card.idNumberMasked).not.toContain('19491231');
    const start = new Date(Date.now() + 30 * 60_000);
    start.setMilliseconds(0);
    const r = output(
      'walkin.register',
      await call('walkin.register', {
        lead: { identity: { source: 'card', cardRef: card.cardRef }, phone: '138 1234 5678', company: '天山贸易', title: '经理' },
        companions: [{ identity: { source: 'typed', name: '张伟', idType: 'passport', idNumber: 'E12345678' } }],
        hostId: 'host_1',
        visitType: '商务洽谈',
        reason: '洽谈合作',
        windowStart: start.toISOString(),
        selfDrive: true,
        plate: '粤b·12345',
        belongings: '笔记本电脑',
      }),
    );
    expect(r.approval).toBe('desk');
    expect(r.passes.map((p) => p.role)).toEqual(['lead', 'companion']);
    expect(r.passes[0]?.visit.visitorName).toBe(NAME);
    for (const p of r.passes) {
      // each pass verifies offline at this kiosk, not before the window start minus the early-arrival allowance (2 min skew)
      expect(p.pass.payload.nbf).toBe(Math.floor(start.getTime() / 1000) - 15 * 60);
      const verified = await core.checkIn.verifyPassToken(p.pass.token, start.getTime());
      expect(verified.pid).toBe(p.visit.id);
    }
    await expect(core.checkIn.verifyPassToken(r.passes[0]!.pass.token, start.getTime() - 18 * 60_000)).rejects.toMatchObject({ code: 'pass_not_yet_valid' });

    const commands = allCommands(core.db, 'kiosk_local');
    expect(commands).toHaveLength(1);
    const cmd = commands[0]!.command;
    expect(cmd.kind).toBe('registerWalkIn');
    expect(cmd.id).toBe(r.registrationId);
    const payload = WalkInRegistration.parse(cmd.payload);
    expect(payload.visitor).toMatchObject({ name: NAME, idNumber: LEAD_ID, idSource: 'card', sex: 'female', birthDate: '1949-12-31', phone: '13812345678' });
    expect(payload.companions[0]?.person).toMatchObject({ name: '张伟', idType: 'passport', idNumber: 'E12345678', idSource: 'typed' });
    expect(payload.plate).toBe('粤B12345');
    expect(payload.companions[0]?.visitId).toBe(r.passes[1]?.visit.id);
    const identity = core.identity()!;
    if (isClearedCommand(cmd)) throw new Error('the command was sent: its payload is cleared');
    const signed = await verifyBytes(identity.publicKey, new TextEncoder().encode(commandSigningText(cmd)), cmd.sig);
    expect(signed).toBe(true);

    // the held card is released; the ID number is in no index, only its key
    expect(() => core.heldCard(card.cardRef)).toThrow(expect.objectContaining({ code: 'card_expired' }));
    const rows = core.db.prepare('SELECT id_key, id_masked FROM visits').all() as { id_key: string; id_masked: string }[];
    expect(rows.map((x) => x.id_key)).toContain(blacklistIdNumberKey(LEAD_ID));
    expect(JSON.stringify(rows)).not.toContain(LEAD_ID);

    // the same registration id again: the same registration, nothing added
    const again = output('walkin.register', await call('walkin.register', { ...base(), registrationId: r.registrationId }));
    expect(again.passes.map((p) => p.visit.id)).toEqual(r.passes.map((p) => p.visit.id));
    expect(counts()).toEqual({ visits: 2, bookings: 2, outbox: 1 });

    const today = output('walkin.today', await call('walkin.today', {}));
    expect(today.visitors).toHaveLength(2);
    expect(today.visitors.find((v) => v.bookingId === r.bookingId)).toMatchObject({ company: '天山贸易', plate: '粤B12345', host: { id: 'host_1' } });
    expect(JSON.stringify(today)).not.toContain(NAME);
  });

  it('finds the last visit by the ID number key first, then by phone, and reuses the phone by the same person only', async () => {
    const first = await readCard(LEAD_ID);
    const r = output(
      'walkin.register',
      await call('walkin.register', { ...base(), lead: { identity: { source: 'card', cardRef: first.cardRef }, phone: '13812345678', company: '天山贸易' } }),
    );
    const card = await readCard(LEAD_ID);
    const byId = output('walkin.lookup', await call('walkin.lookup', { cardRef: card.cardRef, phone: '13000000000' }));
    expect(byId.lastVisit).toMatchObject({ matchedBy: 'id', company: '天山贸易', phoneMasked: '138****5678', host: { id: 'host_1', office: 'A-301' } });
    expect(JSON.stringify(byId)).not.toContain('13812345678');
    const byPhone = output('walkin.lookup', await call('walkin.lookup', { phone: '+86 138 1234 5678' }));
    expect(byPhone.lastVisit).toMatchObject({ matchedBy: 'phone', visitId: r.passes[0]?.visit.id });
    expect(output('walkin.lookup', await call('walkin.lookup', { phone: '13000000000' })).lastVisit).toBeNull();

    // one tap: the phone of the last visit, by the card's holder
    const reused = output(
      'walkin.register',
      await call('walkin.register', { ...base(), lead: { identity: { source: 'card', cardRef: card.cardRef }, reusePhoneOfVisit: byId.lastVisit!.visitId } }),
    );
    const cmd = allCommands(core.db, 'kiosk_local').find((c) => c.command.id === reused.registrationId)!.command;
    expect(WalkInRegistration.parse(cmd.payload).visitor.phone).toBe('13812345678');
    // somebody else cannot borrow that phone
    const other = await call('walkin.register', {
      ...base(),
      lead: { identity: { source: 'typed', name: '王五', idType: 'resident_id', idNumber: COMPANION_ID }, reusePhoneOfVisit: byId.lastVisit!.visitId },
    });
    expect(other).toMatchObject({ ok: false, error: { code: 'walkin_person_invalid' } });
  });

  it('refuses invalid typed IDs, hostile strings, bad plates and windows, unknown hosts: nothing stored', async () => {
    const refused = async (input: IpcInput<'walkin.register'>, code: string) => {
      expect(await call('walkin.register', input)).toMatchObject({ ok: false, error: { code } });
    };
    const typed = (idType: 'resident_id' | 'passport' | 'hkmo_tw_permit', idNumber: string, name = '王五') => ({
      identity: { source: 'typed' as const, name, idType, idNumber },
      phone: '13700001111',
    });
    await refused(base({ lead: typed('resident_id', '110105194912310021') }), 'walkin_id_invalid');
    await refused(base({ lead: typed('resident_id', '110105194902300029') }), 'walkin_id_invalid');
    await refused(base({ lead: typed('hkmo_tw_permit', LEAD_ID) }), 'walkin_id_invalid');
    await refused(base({ companions: [{ identity: { source: 'typed', name: '张伟', idType: 'passport', idNumber: 'E1' } }] }), 'bad_input');
    await refused(base({ lead: typed('resident_id', COMPANION_ID, '\u202Eevil') }), 'bad_input');
    await refused(base({ lead: typed('resident_id', COMPANION_ID, '<script>x</script>') }), 'bad_input');
    await refused(base({ reason: 'a\u0000b' }), 'bad_input');
    await refused(base({ remarks: 'x\u2066y' }), 'bad_input');
    await refused(base({ lead: { ...typed('resident_id', COMPANION_ID), phone: '12345' } }), 'bad_input');
    await refused(base({ lead: { identity: typed('resident_id', COMPANION_ID).identity } }), 'walkin_person_invalid');
    await refused(base({ selfDrive: true }), 'walkin_plate_required');
    await refused(base({ plate: 'ABC123' }), 'walkin_plate_invalid');
    const now = Date.now();
    await refused(base({ windowStart: new Date(now + 3_600_000).toISOString(), windowEnd: new Date(now + 60_000).toISOString() }), 'walkin_window_invalid');
    await refused(base({ windowEnd: new Date(now + 3650 * 86_400_000).toISOString() }), 'walkin_window_invalid');
    await refused(base({ hostId: 'host_2' }), 'host_not_found');
    await refused(base({ hostId: 'nobody' }), 'host_not_found');
    await refused(base({ visitType: '不在列表' }), 'walkin_list_value');
    await refused(base({ temperatureC: 38.2 }), 'temperature_abnormal');
    await refused(base({ companions: [typed('resident_id', COMPANION_ID)] }), 'walkin_duplicate_person');
    await refused(base({ lead: { identity: { source: 'card', cardRef: 'gone' }, phone: '13700001111' } }), 'card_expired');
    expect(counts()).toEqual({ visits: 0, bookings: 0, outbox: 0 });

    // an abnormal temperature with a staff override goes through, recorded
    const r = output('walkin.register', await call('walkin.register', base({ temperatureC: 38.2, temperatureOverride: { reason: '运动后，复测正常' } })));
    const cmd = allCommands(core.db, 'kiosk_local')[0]!.command;
    expect(WalkInRegistration.parse(cmd.payload)).toMatchObject({ temperatureC: 38.2, temperatureOverride: { reason: '运动后，复测正常' } });
    expect(r.passes).toHaveLength(1);
  });

  it('a blacklisted companion: refuse refuses (nothing stored, staff told why by walkin.screen); warn needs the staff acknowledgement', async () => {
    const companion = { identity: { source: 'typed' as const, name: '赵六', idType: 'resident_id' as const, idNumber: LEAD_ID } };
    const at = new Date().toISOString();
    const entry = (level: 'warn' | 'refuse') =>
      upsertBlacklistEntry(core.db, { id: 'bl_1', idNumberHash: blacklistIdNumberKey(LEAD_ID), reason: '曾有违规', level, active: true, updatedAt: at });
    expect(output('walkin.screen', await call('walkin.screen', base({ companions: [companion] })))).toEqual({ refused: false, staffWarnings: [] });

    entry('refuse');
    expect(output('walkin.screen', await call('walkin.screen', base({ companions: [companion] })))).toEqual({
      refused: true,
      staffWarnings: [{ person: 0, nameMasked: '赵*', level: 'refuse', reason: '曾有违规' }],
    });
    const refused = await call('walkin.register', base({ companions: [companion] }));
    expect(refused).toMatchObject({ ok: false, error: { code: 'walkin_refused' } });
    // the acknowledgement does not override a refusal
    expect(await call('walkin.register', base({ companions: [companion], staffAcknowledged: true }))).toMatchObject({
      ok: false,
      error: { code: 'walkin_refused' },
    });
    if (!refused.ok) expect(refused.error.message).not.toMatch(/blacklist|黑名单|曾有违规/i);
    // nothing stored but the refusal, reported to the cloud once (masked name, the entry, no booking: none was made)
    await expect.poll(() => counts()).toEqual({ visits: 0, bookings: 0, outbox: 1 });
    const report = allCommands(core.db, 'kiosk_local')[0]!.command;
    expect(report).toMatchObject({ kind: 'blacklistHit', payload: { context: 'walkIn', hits: [{ entryId: 'bl_1', nameMasked: '赵*' }] } });
    expect(JSON.stringify(report)).not.toContain(LEAD_ID);
    core.db.prepare('DELETE FROM outbox').run();

    entry('warn');
    const warning = [{ person: 0, nameMasked: '赵*', level: 'warn', reason: '曾有违规' }];
    expect(output('walkin.screen', await call('walkin.screen', base({ companions: [companion] })))).toEqual({ refused: false, staffWarnings: warning });
    expect(await call('walkin.register', base({ companions: [companion] }))).toMatchObject({ ok: false, error: { code: 'walkin_warning_unacknowledged' } });
    expect(counts()).toEqual({ visits: 0, bookings: 0, outbox: 0 });
    const r = output('walkin.register', await call('walkin.register', base({ companions: [companion], staffAcknowledged: true })));
    expect(r.staffWarnings).toEqual(warning);
    expect(r.passes).toHaveLength(2);
  });

  it("a companion's card (walkin.companionCard first) keeps the lead's card held; the next card without it starts a new session", async () => {
    const lead = await readCard(LEAD_ID);
    output('walkin.companionCard', await call('walkin.companionCard', {}));
    const companion = await readCard(COMPANION_ID, '赵六');
    expect(core.heldCard(lead.cardRef).card.idNumber).toBe(LEAD_ID);
    expect(core.heldCard(companion.cardRef).card.idNumber).toBe(COMPANION_ID);
    const r = output(
      'walkin.register',
      await call(
        'walkin.register',
        base({
          lead: { identity: { source: 'card', cardRef: lead.cardRef }, phone: '13700001111' },
          companions: [{ identity: { source: 'card', cardRef: companion.cardRef } }],
        }),
      ),
    );
    expect(r.passes.map((p) => p.role)).toEqual(['lead', 'companion']);
    const payload = WalkInRegistration.parse(allCommands(core.db, 'kiosk_local')[0]!.command.payload);
    expect(payload.companions[0]?.person).toMatchObject({ idNumber: COMPANION_ID, idSource: 'card' });
    // registered: the session's cards are released; a card read without the call replaces what is held
    expect(() => core.heldCard(lead.cardRef)).toThrow(expect.objectContaining({ code: 'card_expired' }));
    const next = await readCard(LEAD_ID);
    await readCard(COMPANION_ID);
    expect(() => core.heldCard(next.cardRef)).toThrow(expect.objectContaining({ code: 'card_expired' }));
  });

  it('walkin.screen checks a held card and the phone too: a lead on the list by phone at warn', async () => {
    upsertBlacklistEntry(core.db, {
      id: 'bl_phone',
      phoneHash: blacklistPhoneKey('13700001111'),
      reason: '需陪同',
      level: 'warn',
      active: true,
      updatedAt: new Date().toISOString(),
    });
    const card = await readCard(LEAD_ID);
    const screening = output(
      'walkin.screen',
      await call('walkin.screen', base({ lead: { identity: { source: 'card', cardRef: card.cardRef }, phone: '13700001111' } })),
    );
    expect(screening).toEqual({
      refused: false,
      staffWarnings: [{ person: 'lead', nameMasked: expect.stringContaining('阿') as string, level: 'warn', reason: '需陪同' }],
    });
  });

  it('searches hosts by phone or by name from 2 characters; a host without permission is 无此受访人', async () => {
    expect(output('hosts.search', await call('hosts.search', { query: '139 0000 1111' }))).toEqual({
      result: 'found',
      hosts: [{ id: 'host_1', name: '李四', department: '研发部', office: 'A-301', phoneMasked: '139****1111' }],
    });
    expect(output('hosts.search', await call('hosts.search', { query: '李四' })).result).toBe('found');
    expect(output('hosts.search', await call('hosts.search', { query: '李' }))).toEqual({ result: 'too_short' });
    expect(output('hosts.search', await call('hosts.search', { query: '13900002222' }))).toEqual({ result: 'no_such_host' });
    expect(output('hosts.search', await call('hosts.search', { query: '李无权' }))).toEqual({ result: 'no_such_host' });
    expect(output('hosts.search', await call('hosts.search', { query: '%_' }))).toEqual({ result: 'no_such_host' });
  });

  it('offers the site lists and the default window (now → the end of the site day)', async () => {
    saveAppliedCloudSettings(core.db, { freeTextReason: false });
    await core.updateSettings((s) => withPolicyValues(s, { visitTypes: ['面试'], areas: ['A座'], visitReasons: ['面试'] }));
    const o = output('walkin.options', await call('walkin.options', {}));
    expect(o).toMatchObject({ approval: 'desk', visitTypes: ['面试'], areas: ['A座'], freeTextReason: false, earlyArrivalMinutes: 0 });
    expect(Date.parse(o.defaultWindow.end)).toBeGreaterThan(Date.parse(o.defaultWindow.start));
    expect(await call('walkin.register', base({ reason: '随便聊聊' }))).toMatchObject({ ok: false, error: { code: 'walkin_reason_not_listed' } });
    expect(await call('walkin.register', base({ reason: '面试', area: 'B座' }))).toMatchObject({ ok: false, error: { code: 'walkin_list_value' } });
    expect((await call('walkin.register', base({ reason: '面试', area: 'A座', visitType: '面试' }))).ok).toBe(true);
  });

  it('a site where the host approves: offline, its fallback rule decides (desk approves, recorded as such; or refused)', async () => {
    await core.updateSettings((s) => withPolicyValues(s, { walkInApproval: 'host', walkInOfflineFallback: 'refuse' }));
    expect(await call('walkin.register', base())).toMatchObject({ ok: false, error: { code: 'walkin_host_approval_unavailable' } });
    expect(counts()).toEqual({ visits: 0, bookings: 0, outbox: 0 });
    await core.updateSettings((s) => withPolicyValues(s, { walkInApproval: 'host', walkInOfflineFallback: 'desk' }));
    const r = output('walkin.register', await call('walkin.register', base()));
    expect(r.approval).toBe('desk_offline_fallback');
    expect(WalkInRegistration.parse(allCommands(core.db, 'kiosk_local')[0]!.command.payload).approval).toBe('desk_offline_fallback');
  });

  it('finds the last visit with one index seek (by ID key and by phone key)', () => {
    const plan = (sql: string) => JSON.stringify(core.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all('k'));
    expect(plan('SELECT id FROM visits WHERE id_key = ? ORDER BY checked_in_at DESC LIMIT 1')).toContain('visits_id_key_last');
    expect(plan('SELECT id FROM visits WHERE phone_key = ? ORDER BY checked_in_at DESC LIMIT 1')).toContain('visits_phone_key_last');
    expect(plan('SELECT id FROM visits WHERE id_key = ? ORDER BY checked_in_at DESC LIMIT 1')).not.toContain('TEMP B-TREE');
  });
});
