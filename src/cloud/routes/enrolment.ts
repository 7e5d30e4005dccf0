/** Kiosk enrolment: a one-time code from an admin turns a kiosk's public key into a kiosk with a credential. */
import { anyone } from '../access';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { keyIdOf } from '../../shared/pass';
import { EnrolRequest, EnrolResponse } from '../../shared/sync';
import { HttpError, conflict, notFound } from '../errors';
import { newId, randomSecret, sha256Hex } from '../../platform/secrets';
import { writeAudit } from '../repositories/audit';
import { insertSiteAudit } from '../repositories/siteAudit';
import { kioskIssuer, listSitePassKeys } from '../services/passKeys';
import { claimEnrolmentCode, findEnrolmentCode } from '../repositories/enrolmentCodes';
import { insertKiosk } from '../repositories/kiosks';
import { touchSiteConfig } from '../services/siteConfig';
import { insertPassKey, passKeyExists } from '../repositories/passKeys';
import { ANONYMOUS_BODY_LIMIT, errorReplies, type RouteOptions } from './common';
import { normaliseEnrolmentCode } from './admin';

const gone = (code: string, message: string) => new HttpError(410, code, message);

// eslint-disable-next-line @typescript-eslint/require-await -- a Fastify plugin is an async function by contract; registering routes awaits nothing
export const enrolmentRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  app.post(
    '/kiosks/enrol',
    {
      bodyLimit: ANONYMOUS_BODY_LIMIT.enrol,
      config: { access: anyone('a new kiosk holds only the one-time enrolment code an admin made') },
      schema: { summary: 'Enrol a kiosk with a one-time code', body: EnrolRequest, response: { 200: EnrolResponse, ...errorReplies } },
    },
    async (req, reply) => {
      await ctx.rateLimiter.enforce(reply, [{ bucket: 'enrol:addr', value: req.ip, rule: ctx.rateLimiter.limits.enrolPerAddress }]);
      const now = ctx.now();
      const nowIso = now.toISOString();
      const codeHash = sha256Hex(normaliseEnrolmentCode(req.body.code));
      const keyId = await keyIdOf(req.body.publicKey);
      const kioskId = newId('kiosk');
      const credential = randomSecret();
      const siteId = await ctx.db.transaction().execute(async (trx) => {
        const code = await findEnrolmentCode(trx, codeHash);
        if (!code) throw notFound('enrolment_code_unknown', 'unknown enrolment code');
        if (code.used_at !== null) throw gone('enrolment_code_used', 'this enrolment code was already used');
        if (code.expires_at <= nowIso) throw gone('enrolment_code_expired', 'this enrolment code has expired');
        if (await passKeyExists(trx, keyId)) throw conflict('kiosk_key_in_use', 'this public key is already enrolled');
        const claimed = await claimEnrolmentCode(trx, codeHash, nowIso, kioskId);
        if (claimed !== 1) throw gone('enrolment_code_used', 'this enrolment code was already used');
        await insertKiosk(trx, {
          id: kioskId,
          site_id: code.site_id,
          name: req.body.name,
          credential_hash: sha256Hex(credential),
          public_key: req.body.publicKey,
          key_id: keyId,
          enrolled_at: nowIso,
          revoked: 0,
          revoked_at: null,
        });
        await insertPassKey(trx, {
          kid: keyId,
          issuer: kioskIssuer(kioskId),
          site_id: code.site_id,
          public_key: req.body.publicKey,
          private_key: null,
          revoked: 0,
          created_at: nowIso,
        });
        await touchSiteConfig(trx, code.site_id); // its key verifies passes of the site: the site's kiosks pull it
        await writeAudit(trx, { at: now, actor: `kiosk:${kioskId}`, action: 'kiosk.enrol', subject: kioskId, detail: { siteId: code.site_id, keyId } });
        await insertSiteAudit(trx, {
          id: newId('aud'),
          site_id: code.site_id,
          kiosk_id: kioskId,
          source: 'cloud',
          at: now.toISOString(),
          action: 'enrol',
          detail: JSON.stringify({ keyId }),
          recorded_at: now.toISOString(),
        });
        return code.site_id;
      });
      return reply.code(200).send({ kioskId, siteId, credential, keyId, passKeys: await listSitePassKeys(ctx.db, siteId, ctx.now()) });
    },
  );
};
