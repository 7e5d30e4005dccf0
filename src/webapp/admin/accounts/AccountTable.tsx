/** The accounts as a table: masked phones, roles in words, departments, password, disabled, lock; each row's actions. */
import type { Account } from '../../../shared/accounts';
import { useLanguage } from '../../i18n/language';

export type AccountAction = 'disable' | 'revoke' | 'password' | 'departments';

export function AccountTable({ accounts, onAction }: { accounts: Account[]; onAction: (action: AccountAction, account: Account) => void }) {
  const { t, language } = useLanguage();
  const caption = t('accountsCount', { n: accounts.length });
  const yesNo = (b: boolean) => (b ? t('acYes') : t('acNo'));
  return (
    <div className="admin-table-wrap" role="region" aria-label={caption} tabIndex={0}>
      <table className="admin-table" data-testid="ac-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('acColName')}</th>
            <th scope="col">{t('acColPhone')}</th>
            <th scope="col">{t('acColRoles')}</th>
            <th scope="col">{t('acColDepartments')}</th>
            <th scope="col">{t('acColPassword')}</th>
            <th scope="col">{t('acColDisabled')}</th>
            <th scope="col">{t('acColLocked')}</th>
            <th scope="col">{t('acColActions')}</th>
          </tr>
        </thead>
        <tbody>
          {accounts.map((a) => (
            <tr key={a.id} data-testid="ac-row" data-account-id={a.id}>
              <th scope="row">{a.name}</th>
              <td>{a.phoneMasked}</td>
              <td>{a.roles.map((r) => t(`role_${r}`)).join('、')}</td>
              <td>{a.departments.map((d) => d.name).join('、')}</td>
              <td>{yesNo(a.hasPassword)}</td>
              <td data-testid="ac-disabled">{yesNo(a.disabled)}</td>
              <td>{a.lockedUntil ? new Date(a.lockedUntil).toLocaleString(language) : ''}</td>
              <td>
                {!a.disabled && (
                  <>
                    <button type="button" className="danger" aria-label={t('acDisableLabel', { name: a.name })} onClick={() => onAction('disable', a)}>
                      {t('acDisable')}
                    </button>{' '}
                    <button type="button" aria-label={t('acRevokeLabel', { name: a.name })} onClick={() => onAction('revoke', a)}>
                      {t('acRevoke')}
                    </button>{' '}
                    <button type="button" aria-label={t('acSetPasswordLabel', { name: a.name })} onClick={() => onAction('password', a)}>
                      {t('acSetPassword')}
                    </button>
                    {a.roles.includes('reviewer') && (
                      <>
                        {' '}
                        <button type="button" aria-label={t('acEditDepartmentsLabel', { name: a.name })} onClick={() => onAction('departments', a)}>
                          {t('acEditDepartments')}
                        </button>
                      </>
                    )}
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {accounts.length === 0 && <p>{t('accountsNone')}</p>}
    </div>
  );
}
