/**
 * /app/admin/lists: the site's four lists (identity categories, visit reasons, areas, belongings): add, rename and
 * retire items (the cloud audits each change). Each list a section with its heading; every button names its item;
 * each change is announced (role=status), a refusal shown (role=alert).
 */
import { useCallback, useEffect, useRef, useState, type SyntheticEvent } from 'react';
import { SiteListKind, type SiteListItem, type SiteLists } from '../../../shared/siteLists';
import { addSiteListItem, adminSiteLists, changeSiteListItem, fetchSiteLists } from '../../api/client';
import { Field } from '../../components/Field';
import { Screen } from '../../components/Screen';
import { useSubmit } from '../../components/useSubmit';
import { useLanguage } from '../../i18n/language';
import type { MessageKey } from '../../i18n/messages';
import type { AdminScreenProps } from '../adminScreens';
import { useAdminFailure } from '../useAdminFailure';

/** `onRename` calls `saved` once the cloud has the new name. */
function ItemRow({ item, onRename, onRetire }: { item: SiteListItem; onRename: (name: string, saved: () => void) => void; onRetire: () => void }) {
  const { t } = useLanguage();
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(item.name);
  const save = (e: SyntheticEvent<HTMLFormElement>) => {
    e.preventDefault();
    onRename(name, () => setEditing(false));
  };
  if (editing) {
    return (
      <li>
        <form className="inline-form" onSubmit={save}>
          <Field id={`rename-${item.id}`} label={t('listNewName', { name: item.name })}>
            <input type="text" value={name} maxLength={40} onChange={(e) => setName(e.target.value)} />
          </Field>
          <button type="submit">{t('listSave')}</button>
          <button type="button" onClick={() => setEditing(false)}>
            {t('listCancel')}
          </button>
        </form>
      </li>
    );
  }
  return (
    <li>
      <span>
        {item.name}
        {item.retired && ` ${t('listItemRetired')}`}
      </span>{' '}
      <button type="button" className="link-button" aria-label={t('listRenameLabel', { name: item.name })} onClick={() => setEditing(true)}>
        {t('listRename')}
      </button>{' '}
      {!item.retired && (
        <button type="button" className="link-button" aria-label={t('listRetireLabel', { name: item.name })} onClick={onRetire}>
          {t('listRetire')}
        </button>
      )}
    </li>
  );
}

export function ListsScreen({ session, onSignOut }: AdminScreenProps) {
  const { t } = useLanguage();
  const [lists, setLists] = useState<SiteLists | undefined>();
  const [names, setNames] = useState<Record<string, string>>({});
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string | undefined>();

  const fail = useAdminFailure(onSignOut);
  const load = useCallback(
    async (siteId?: string) => {
      try {
        setLists(await adminSiteLists(session.token, siteId ?? (await fetchSiteLists()).siteId));
      } catch (err) {
        setError(fail(err));
      }
    },
    [session.token, fail],
  );
  useEffect(() => {
    void load();
  }, [load]);

  // one change at a time (add, rename or retire): the one asked for last while none runs
  const request = useRef<{ send: () => Promise<SiteListItem>; words: MessageKey; saved?: () => void } | undefined>(undefined);
  const changing = useSubmit(
    async () => {
      const asked = request.current;
      if (!asked) return;
      setError(undefined);
      const item = await asked.send();
      asked.saved?.();
      setStatus(t(asked.words, { name: item.name }));
      await load(item.siteId);
    },
    { describe: fail },
  );
  const change = (send: () => Promise<SiteListItem>, words: MessageKey, saved?: () => void) => {
    if (changing.busy) return;
    request.current = { send, words, ...(saved ? { saved } : {}) };
    void changing.run();
  };
  const add = (e: SyntheticEvent<HTMLFormElement>, kind: SiteListKind) => {
    e.preventDefault();
    if (!lists) return;
    const name = names[kind] ?? '';
    change(
      () => addSiteListItem(session.token, lists.siteId, kind, name),
      'listAdded',
      () => setNames((n) => ({ ...n, [kind]: '' })),
    );
  };
  const shownError = changing.error ?? error;

  return (
    <Screen title={t('listsTitle')} testId="admin-lists-screen">
      <p>{t('listsIntro')}</p>
      {shownError && (
        <p className="form-error" role="alert" data-testid="lists-error">
          {shownError}
        </p>
      )}
      <p className="visually-hidden" role="status">
        {status}
      </p>
      {!lists && !shownError && <p>{t('loading')}</p>}
      {lists &&
        SiteListKind.options.map((kind) => {
          const items = lists.items.filter((i) => i.kind === kind);
          const listName = t(`list_${kind}`);
          return (
            <section key={kind} aria-labelledby={`list-${kind}`} data-testid={`list-${kind}`}>
              <h2 id={`list-${kind}`}>{listName}</h2>
              {items.length === 0 ? (
                <p>{t('listEmpty')}</p>
              ) : (
                <ul className="list-items">
                  {items.map((item) => (
                    <ItemRow
                      key={`${item.id}-${item.updatedAt}`}
                      item={item}
                      onRename={(name, saved) => change(() => changeSiteListItem(session.token, lists.siteId, item.id, { name }), 'listRenamed', saved)}
                      onRetire={() => change(() => changeSiteListItem(session.token, lists.siteId, item.id, { retired: true }), 'listRetiredDone')}
                    />
                  ))}
                </ul>
              )}
              <form className="inline-form" onSubmit={(e) => add(e, kind)}>
                <Field id={`new-${kind}`} label={t('listNewItem', { list: listName })}>
                  <input type="text" maxLength={40} value={names[kind] ?? ''} onChange={(e) => setNames((n) => ({ ...n, [kind]: e.target.value }))} />
                </Field>
                <button type="submit">{t('listAdd')}</button>
              </form>
            </section>
          );
        })}
    </Screen>
  );
}
