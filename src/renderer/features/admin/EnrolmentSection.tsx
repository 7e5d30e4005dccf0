import { useEffect, useState } from 'react';
import { EnrolCloudUrl, EnrolCode } from '../../../shared/contract/admin';
import { NameText } from '../../../shared/domain';
import { Spinner } from '../../components/Spinner';
import { useKiosk, useT } from '../../state/KioskStoreContext';
import { Result } from './AdminSections';
import { TextField } from './fields';

const KioskName = NameText(60);

/** Seconds since `busy` turned on, ticking: a long enrolment shows that it is still going. */
function useWaited(busy: boolean): number {
  const [seconds, setSeconds] = useState(0);
  useEffect(() => {
    setSeconds(0);
    if (!busy) return undefined;
    const started = Date.now();
    const timer = setInterval(() => setSeconds(Math.floor((Date.now() - started) / 1000)), 1000);
    return () => clearInterval(timer);
  }, [busy]);
  return seconds;
}

/** Enrolment: what the kiosk is enrolled as (site, kiosk id, key fingerprint), enrol / re-enrol with a code, leave. */
export function EnrolmentSection() {
  const t = useT();
  const { enrolment, busy, result } = useKiosk((s) => s.admin);
  const load = useKiosk((s) => s.loadEnrolment);
  const enrol = useKiosk((s) => s.enrolKiosk);
  const leave = useKiosk((s) => s.leaveEnrolment);
  const [editing, setEditing] = useState(false);
  const [cloudUrl, setCloudUrl] = useState('');
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [discard, setDiscard] = useState(false);
  const [confirmLeave, setConfirmLeave] = useState(false);
  const [tried, setTried] = useState(false);
  const waited = useWaited(busy);

  // once per opening, when no other admin call is running (the overview may still be loading)
  const [asked, setAsked] = useState(false);
  useEffect(() => {
    if (asked || busy) return;
    setAsked(true);
    void load();
  }, [asked, busy, load]);
  useEffect(() => {
    if (!enrolment) return;
    setCloudUrl((v) => v || enrolment.cloudUrl);
    setName((v) => v || enrolment.kioskName);
  }, [enrolment]);
  useEffect(() => {
    if (result?.kind === 'enrolled' || result?.kind === 'left') {
      setEditing(false);
      setCode('');
      setDiscard(false);
      setConfirmLeave(false);
      setTried(false);
    }
  }, [result]);

  if (!enrolment) return <Spinner label={t('admin.loading')} />;
  const id = enrolment.identity;
  const pending = enrolment.pendingCommands;
  const invalid = {
    url: EnrolCloudUrl.safeParse(cloudUrl.trim()).success ? null : t('admin.enrolment.badUrl'),
    code: EnrolCode.safeParse(code).success ? null : t('admin.enrolment.badCode'),
    name: KioskName.safeParse(name).success ? null : t('admin.enrolment.badName'),
  };
  const showForm = !id || editing;

  return (
    <>
      <h2 className="admin__subtitle" data-testid="admin-enrolment-state" data-enrolled={id ? 'yes' : 'no'}>
        {id ? t('admin.enrolment.enrolled') : t('admin.enrolment.notEnrolled')}
      </h2>
      {id && (
        <dl className="admin__facts" data-testid="admin-enrolment-identity">
          <dt>{t('admin.enrolment.site')}</dt>
          <dd data-testid="admin-enrolment-site">{id.siteName ?? '—'}</dd>
          <dt>{t('admin.enrolment.siteId')}</dt>
          <dd>{id.siteId}</dd>
          <dt>{t('admin.enrolment.kioskId')}</dt>
          <dd data-testid="admin-enrolment-kiosk-id">{id.kioskId}</dd>
          <dt>{t('admin.enrolment.kioskName')}</dt>
          <dd>{enrolment.kioskName}</dd>
          <dt>{t('admin.enrolment.cloud')}</dt>
          <dd className="admin__path">{enrolment.cloudUrl}</dd>
          <dt>{t('admin.enrolment.keyId')}</dt>
          <dd className="admin__path">{id.keyId}</dd>
          <dt>{t('admin.enrolment.fingerprint')}</dt>
          <dd className="admin__fingerprint" data-testid="admin-enrolment-fingerprint">
            {id.fingerprint}
          </dd>
          <dt>{t('admin.enrolment.enrolledAt')}</dt>
          <dd>{new Date(id.enrolledAt).toLocaleString()}</dd>
        </dl>
      )}
      {pending > 0 && (
        <div className="admin__warning" data-testid="admin-enrolment-pending">
          <p>{t('admin.enrolment.pending', { count: pending })}</p>
          <label className="admin__check">
            <input type="checkbox" data-testid="admin-enrolment-discard" checked={discard} onChange={(e) => setDiscard(e.target.checked)} />
            {t('admin.enrolment.discard', { count: pending })}
          </label>
        </div>
      )}
      {showForm && (
        <form
          className="admin__form"
          data-testid="admin-enrolment-form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            setTried(true);
            if (invalid.url || invalid.code || invalid.name) return;
            void enrol({ cloudUrl: cloudUrl.trim(), code, name, discardPending: discard });
          }}
        >
          {(
            [
              ['url', cloudUrl, setCloudUrl, 'url'],
              ['code', code, setCode, 'text'],
              ['name', name, setName, 'text'],
            ] as const
          ).map(([field, value, onChange, inputMode]) => (
            <TextField
              key={field}
              id={`admin-enrol-${field}`}
              label={t(field === 'url' ? 'admin.enrolment.cloudUrl' : `admin.enrolment.${field}`)}
              value={value}
              onChange={onChange}
              error={tried ? invalid[field] : null}
              inputMode={inputMode}
              maxLength={200}
            />
          ))}
          <div className="admin__actions">
            <button type="submit" className="button button--primary" data-testid="admin-enrol-submit" disabled={busy}>
              {t('admin.enrolment.submit')}
            </button>
            {id && (
              <button type="button" className="button button--secondary" onClick={() => setEditing(false)} disabled={busy}>
                {t('admin.enrolment.cancel')}
              </button>
            )}
          </div>
        </form>
      )}
      {busy && (
        <div className="admin__progress" data-testid="admin-enrol-progress">
          <Spinner label={t('admin.enrolment.progress')} />
          {waited >= 2 && <p>{t('admin.enrolment.waited', { seconds: waited })}</p>}
        </div>
      )}
      {id && !editing && (
        <div className="admin__actions">
          <button type="button" className="button button--secondary" data-testid="admin-reenrol" disabled={busy} onClick={() => setEditing(true)}>
            {t('admin.enrolment.reenrol')}
          </button>
          {confirmLeave ? (
            <button type="button" className="button button--danger" data-testid="admin-leave-confirm" disabled={busy} onClick={() => void leave(discard)}>
              {t('admin.enrolment.leaveConfirm')}
            </button>
          ) : (
            <button type="button" className="button button--secondary" data-testid="admin-leave" disabled={busy} onClick={() => setConfirmLeave(true)}>
              {t('admin.enrolment.leave')}
            </button>
          )}
        </div>
      )}
      {result?.kind === 'enrolled' && <Result testId="admin-enrol-result">{t('admin.enrolment.done')}</Result>}
      {result?.kind === 'left' && <Result testId="admin-enrol-result">{t('admin.enrolment.left')}</Result>}
    </>
  );
}
