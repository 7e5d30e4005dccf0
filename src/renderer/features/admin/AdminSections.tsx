import { useState } from 'react';
import { Spinner } from '../../components/Spinner';
import { useKiosk, useT } from '../../state/KioskStoreContext';
import { PinField } from './fields';

export function Result({ children, testId }: { children: string; testId: string }) {
  return (
    <p className="admin__result" role="status" data-testid={testId}>
      {children}
    </p>
  );
}

/** The sync state as it is now, sync now, and (staff's way to) conflicts and today's visitors. */
export function SyncSection() {
  const t = useT();
  const sync = useKiosk((s) => s.sync);
  const busy = useKiosk((s) => s.admin.busy);
  const syncNow = useKiosk((s) => s.adminSyncNow);
  const openConflicts = useKiosk((s) => s.openConflicts);
  const openToday = useKiosk((s) => s.openToday);
  return (
    <>
      <dl className="admin__facts">
        <dt>{t('admin.sync.phase')}</dt>
        <dd data-testid="admin-sync-phase">{sync?.phase ?? '—'}</dd>
        <dt>{t('admin.sync.pending')}</dt>
        <dd>{sync?.pendingCommands ?? '—'}</dd>
        <dt>{t('admin.sync.conflicts')}</dt>
        <dd>{sync?.conflicts ?? '—'}</dd>
        <dt>{t('admin.sync.lastError')}</dt>
        <dd>{sync?.lastError ?? t('admin.sync.none')}</dd>
        {sync?.policyError !== undefined && (
          <>
            <dt>{t('admin.sync.policyError')}</dt>
            <dd data-testid="admin-sync-policy-error">{sync.policyError}</dd>
          </>
        )}
      </dl>
      <div className="admin__actions">
        <button type="button" className="button button--primary" data-testid="admin-sync-now" disabled={busy} onClick={() => void syncNow()}>
          ↻ {t('admin.sync.now')}
        </button>
        <button type="button" className="button button--secondary" onClick={openConflicts}>
          {t('admin.sync.openConflicts')}
        </button>
        <button type="button" className="button button--secondary" onClick={openToday}>
          {t('admin.sync.openToday')}
        </button>
      </div>
    </>
  );
}

const megabytes = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;

/** Version, kiosk, site, data folder and its disk use, and the database's integrity check. */
export function AboutSection() {
  const t = useT();
  const { overview, busy, result } = useKiosk((s) => s.admin);
  const check = useKiosk((s) => s.checkDatabase);
  if (!overview) return <Spinner label={t('admin.loading')} />;
  const { about } = overview;
  return (
    <>
      <dl className="admin__facts">
        <dt>{t('admin.about.version')}</dt>
        <dd data-testid="admin-about-version">{about.version}</dd>
        <dt>{t('admin.about.kioskId')}</dt>
        <dd>{about.kioskId ?? t('admin.about.notEnrolled')}</dd>
        <dt>{t('admin.about.site')}</dt>
        <dd>{about.siteName ?? '—'}</dd>
        <dt>{t('admin.about.dataDir')}</dt>
        <dd className="admin__path">{about.dataDir}</dd>
        <dt>{t('admin.about.dataUse')}</dt>
        <dd>{megabytes(about.dataBytes)}</dd>
      </dl>
      <button type="button" className="button button--secondary" data-testid="admin-check-db" disabled={busy} onClick={() => void check()}>
        {t('admin.about.check')}
      </button>
      {result?.kind === 'database' && (
        <Result testId="admin-check-db-result">
          {result.ok ? t('admin.about.checkOk') : t('admin.about.checkFailed', { problems: result.problems.join('; ') })}
        </Result>
      )}
    </>
  );
}

/** Change the admin PIN (with the current one); set or remove the staff PIN. */
export function PinSection() {
  const t = useT();
  const { busy, result, staffPinSet } = useKiosk((s) => s.admin);
  const changePin = useKiosk((s) => s.changeAdminPin);
  const setStaffPin = useKiosk((s) => s.setStaffPin);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [staff, setStaff] = useState('');
  const [mismatch, setMismatch] = useState(false);
  return (
    <>
      <form
        className="admin__form"
        onSubmit={(e) => {
          e.preventDefault();
          setMismatch(next !== again);
          if (next === again && current !== '' && next !== '') void changePin(current, next);
        }}
      >
        <h2 className="admin__subtitle">{t('admin.pinChange.title')}</h2>
        <PinField id="admin-pin-current" label={t('admin.pinChange.current')} value={current} onChange={setCurrent} />
        <PinField id="admin-pin-next" label={t('admin.pinChange.next')} value={next} onChange={setNext} />
        <PinField id="admin-pin-again" label={t('admin.pinChange.confirm')} value={again} onChange={setAgain} />
        {mismatch && (
          <p className="pin-pad__notice" role="alert">
            {t('admin.pin.mismatch')}
          </p>
        )}
        {result?.kind === 'pinChanged' && <Result testId="admin-pin-changed">{t('admin.pinChange.done')}</Result>}
        <button type="submit" className="button button--primary" disabled={busy}>
          {t('admin.pinChange.submit')}
        </button>
      </form>
      <form
        className="admin__form"
        onSubmit={(e) => {
          e.preventDefault();
          if (staff !== '') void setStaffPin(staff);
        }}
      >
        <h2 className="admin__subtitle">{t('admin.staffPin.title')}</h2>
        <p>{staffPinSet ? t('admin.staffPin.isSet') : t('admin.staffPin.notSet')}</p>
        <PinField id="admin-staff-pin" label={t('admin.staffPin.new')} value={staff} onChange={setStaff} />
        {result?.kind === 'staffPin' && <Result testId="admin-staff-pin-done">{t('admin.staffPin.done')}</Result>}
        <div className="admin__actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            {t('admin.staffPin.submit')}
          </button>
          {staffPinSet && (
            <button type="button" className="button button--secondary" disabled={busy} onClick={() => void setStaffPin(null)}>
              {t('admin.staffPin.remove')}
            </button>
          )}
        </div>
      </form>
    </>
  );
}
