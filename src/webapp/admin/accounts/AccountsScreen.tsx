/**
 * /app/admin/accounts: the staff accounts (name, masked phone, roles in words, departments, password, disabled, lock),
 * filtered by site when the cloud has several; create one; per account disable (after a confirmation naming it), end
 * its sessions, set a new password. Each result is announced in a live region. A bearer that may not manage accounts
 * (403) is told so in words. Desktop-first; at 360 px the table scrolls in its box.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Account } from '../../../shared/accounts';
import type { Site } from '../../../shared/domain';
import { ApiFailure } from '../../api/client';
import { listSites } from '../../api/adminClient';
import { Field } from '../../components/Field';
import { Screen } from '../../components/Screen';
import { useLanguage } from '../../i18n/language';
import type { AdminScreenProps } from '../adminScreens';
import { useAdminFailure } from '../useAdminFailure';
import { AccountCreateForm } from './AccountCreateForm';
import { AccountDepartmentsForm } from './AccountDepartmentsForm';
import { AccountPasswordForm } from './AccountPasswordForm';
import { AccountTable, type AccountAction } from './AccountTable';
import { disableAccount, listAccounts, revokeAccountSessions } from './api';

export function AccountsScreen({ session, onSignOut }: AdminScreenProps) {
  const { t } = useLanguage();
  const fail = useAdminFailure(onSignOut);
  const [sites, setSites] = useState<Site[]>([]);
  const [siteId, setSiteId] = useState('');
  const [accounts, setAccounts] = useState<Account[] | undefined>();
  const [forbidden, setForbidden] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [announcement, setAnnouncement] = useState('');
  const [confirming, setConfirming] = useState<Account | undefined>();
  const [passwordOf, setPasswordOf] = useState<Account | undefined>();
  const [departmentsOf, setDepartmentsOf] = useState<Account | undefined>();
  const dialog = useRef<HTMLDialogElement>(null);

  const failed = useCallback(
    (err: unknown) => {
      if (err instanceof ApiFailure && err.status === 403) setForbidden(true);
      else setError(fail(err));
    },
    [fail],
  );
  const load = useCallback(
    async (site: string) => {
      try {
        setAccounts((await listAccounts(session.token, site === '' ? undefined : site)).accounts);
        setError(undefined);
      } catch (err) {
        failed(err);
      }
    },
    [session.token, failed],
  );
  useEffect(() => {
    listSites(session.token).then(
      ({ sites: list }) => setSites(list),
      () => setSites([]), // the list below says why when the bearer may not read it
    );
  }, [session.token]);
  useEffect(() => {
    void load(siteId);
  }, [load, siteId]);
  useEffect(() => {
    if (confirming && dialog.current && !dialog.current.open) dialog.current.showModal();
  }, [confirming]);

  const closeDialog = () => {
    dialog.current?.close();
    setConfirming(undefined);
  };
  const disable = async (a: Account) => {
    try {
      await disableAccount(session.token, a.id);
      closeDialog();
      setAnnouncement(t('acDisabled', { name: a.name }));
      await load(siteId);
    } catch (err) {
      closeDialog();
      failed(err);
    }
  };
  const act = async (action: AccountAction, a: Account) => {
    if (action === 'disable') setConfirming(a);
    else if (action === 'password') setPasswordOf(a);
    else if (action === 'departments') setDepartmentsOf(a);
    else {
      try {
        const { revoked } = await revokeAccountSessions(session.token, a.id);
        setAnnouncement(t('acRevoked', { name: a.name, n: revoked }));
      } catch (err) {
        failed(err);
      }
    }
  };
  // a new account is of the chosen site, or of the sole site; with several and none chosen, of every site
  const createSite = siteId !== '' ? siteId : sites.length === 1 ? sites[0]?.id : undefined;

  return (
    <Screen title={t('accountsTitle')} testId="admin-accounts-screen">
      <p role="status" aria-live="polite" data-testid="ac-announcement">
        {announcement}
      </p>
      {forbidden ? (
        <p className="field-error" role="alert" data-testid="ac-forbidden">
          {t('accountsForbidden')}
        </p>
      ) : (
        <>
          {sites.length > 1 && (
            <Field id="ac-site" label={t('accountsSite')}>
              <select value={siteId} onChange={(e) => setSiteId(e.target.value)}>
                <option value="">{t('accountsAllSites')}</option>
                {sites.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </select>
            </Field>
          )}
          {error && (
            <p className="field-error" role="alert">
              {error}
            </p>
          )}
          {accounts && <AccountTable accounts={accounts} onAction={(action, a) => void act(action, a)} />}
          {passwordOf && (
            <AccountPasswordForm
              key={passwordOf.id}
              token={session.token}
              account={passwordOf}
              onSignOut={onSignOut}
              onDone={(a) => {
                setPasswordOf(undefined);
                setAnnouncement(t('acPasswordSet', { name: a.name }));
                void load(siteId);
              }}
            />
          )}
          {departmentsOf && (
            <AccountDepartmentsForm
              key={departmentsOf.id}
              token={session.token}
              account={departmentsOf}
              onSignOut={onSignOut}
              onDone={(a) => {
                setDepartmentsOf(undefined);
                setAnnouncement(t('acDepartmentsSaved', { name: a.name }));
                void load(siteId);
              }}
            />
          )}
          <AccountCreateForm
            token={session.token}
            siteId={createSite}
            onSignOut={onSignOut}
            onCreated={(name) => {
              setAnnouncement(t('acCreated', { name }));
              void load(siteId);
            }}
          />
        </>
      )}
      <dialog
        ref={dialog}
        className="confirm-dialog"
        aria-labelledby="ac-disable-title"
        aria-describedby="ac-disable-warning"
        onClose={() => setConfirming(undefined)}
        data-testid="ac-disable-dialog"
      >
        {confirming && (
          <>
            <h2 id="ac-disable-title">{t('acDisableTitle', { name: confirming.name })}</h2>
            <p id="ac-disable-warning">{t('acDisableWarning')}</p>
            <div className="toolbar">
              <button type="button" onClick={closeDialog}>
                {t('cancel')}
              </button>
              <button type="button" className="danger" data-testid="ac-disable-confirm" onClick={() => void disable(confirming)}>
                {t('acDisableConfirm', { name: confirming.name })}
              </button>
            </div>
          </>
        )}
      </dialog>
    </Screen>
  );
}
