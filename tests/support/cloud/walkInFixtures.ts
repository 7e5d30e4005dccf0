/** Walk-ins for the cloud tests: a registration as a kiosk makes it, signed over its parsed form as the kiosk signs. */
import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { randomCrockford } from '../../../src/platform/secrets';
import type { Host } from '../../../src/shared/domain';
import { idCheckCharacter } from '../../../src/shared/idNumber';
import { CommandBody, type CommandResult, type PushResponse } from '../../../src/shared/sync';
import type { WalkInRegistration } from '../../../src/shared/walkIn';
import { signCommand, type CloudTestEnv, type Kiosk } from './harness';

/** A valid resident ID number from its first 17 characters. */
export const residentId = (first17: string): string => `${first17}${idCheckCharacter(first17)}`;

export const LEAD_ID = '11010519491231002X';
export const COMPANION_ID = residentId('44030619850312123');
export const SECOND_COMPANION_ID = residentId('32010219900101456');

export type RegistrationInput = Omit<WalkInRegistration, 'visitor' | 'companions'> & {
  visitor: Record<string, unknown>;
  companions: Record<string, unknown>[];
};

/** A desk-approved walk-in of 张伟 to `host` today (10:00–18:00 Shanghai), with `companions` companions. */
export function registration(host: Pick<Host, 'id'>, over: Partial<RegistrationInput> = {}, companions = 0): RegistrationInput {
  const approval = over.approval ?? 'desk';
  const arrives = approval !== 'host';
  const ids = [COMPANION_ID, SECOND_COMPANION_ID];
  return {
    bookingId: `wk_${randomUUID()}`,
    code: randomCrockford(8),
    hostId: host.id,
    visitor: { name: '张伟', phone: '13912345678', idType: 'resident_id', idNumber: LEAD_ID, company: '远航科技', title: '经理', idSource: 'card' },
    companions: Array.from({ length: companions }, (_, i) => ({
      bookingId: `wk_${randomUUID()}`,
      person: { name: i === 0 ? '李娜' : '王强', idType: 'resident_id', idNumber: ids[i % 2], idSource: 'card' },
      ...(arrives ? { visitId: randomUUID(), passId: `pass-c${i}` } : {}),
      temperatureC: 36.5,
    })),
    visitType: '商务洽谈',
    reason: '项目洽谈',
    area: 'A座',
    windowStart: '2026-11-22T02:00:00.000Z',
    windowEnd: '2026-11-22T10:00:00.000Z',
    remarks: '携带样品',
    plate: '粤B12345',
    belongings: '笔记本电脑',
    temperatureC: 36.6,
    approval,
    ...(arrives ? { visitId: randomUUID(), passId: 'pass-lead' } : {}),
    ...over,
  };
}

/** Signs and pushes one registerWalkIn command; the push's reply. */
export async function pushWalkIn(
  env: CloudTestEnv,
  kiosk: Kiosk,
  reg: RegistrationInput,
  over: Partial<{ id: string; at: string }> = {},
): Promise<LightMyRequestResponse> {
  const body = CommandBody.parse({ kind: 'registerWalkIn', payload: reg });
  const signed = await signCommand(kiosk, { id: over.id ?? randomUUID(), kioskId: kiosk.kioskId, at: over.at ?? '2026-11-22T02:05:00.000Z', ...body });
  return env.request('POST', '/sync/push', { token: kiosk.credential, body: { commands: [signed] } });
}

/** The one result of a push of one walk-in that was accepted for applying. */
export async function walkIn(env: CloudTestEnv, kiosk: Kiosk, reg: RegistrationInput, over: Partial<{ id: string; at: string }> = {}): Promise<CommandResult> {
  const res = await pushWalkIn(env, kiosk, reg, over);
  if (res.statusCode !== 200) throw new Error(`push: ${res.statusCode} ${res.body}`);
  return res.json<PushResponse>().results[0]!;
}
