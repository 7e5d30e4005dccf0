/**
 * A row of tabs (the WAI-ARIA tabs pattern): one tab in the tab order (the chosen one), ←/→ move to the previous or
 * next (wrapping), Home/End to the first or last; moving chooses at once and keeps the focus on the chosen tab. Each
 * tab's id is `${idPrefix}-${tab}` (its test id too) and controls the panel `panelId`, which the screen renders with
 * `aria-labelledby` the chosen tab's id. The host's inbox, the reviewers' queue and the records use it.
 */
import type { KeyboardEvent } from 'react';
import { tabMove } from './tabMove';

interface Props<T extends string> {
  tabs: readonly T[];
  chosen: T;
  onChoose: (tab: T) => void;
  /** the tab list's accessible name */
  label: string;
  /** the words on a tab */
  labelOf: (tab: T) => string;
  idPrefix: string;
  panelId: string;
  className?: string;
}

export function TabList<T extends string>({ tabs, chosen, onChoose, label, labelOf, idPrefix, panelId, className = 'host-tabs' }: Props<T>) {
  const onKeyDown = (e: KeyboardEvent<HTMLButtonElement>) => {
    const to = tabMove(e.key, tabs.indexOf(chosen), tabs.length);
    if (to === undefined) return;
    e.preventDefault();
    const next = tabs[to]!;
    onChoose(next);
    document.getElementById(`${idPrefix}-${next}`)?.focus();
  };
  return (
    <div className={className} role="tablist" aria-label={label}>
      {tabs.map((tab) => (
        <button
          key={tab}
          type="button"
          role="tab"
          id={`${idPrefix}-${tab}`}
          data-testid={`${idPrefix}-${tab}`}
          aria-selected={tab === chosen}
          aria-controls={panelId}
          tabIndex={tab === chosen ? 0 : -1}
          onClick={() => onChoose(tab)}
          onKeyDown={onKeyDown}
        >
          {labelOf(tab)}
        </button>
      ))}
    </div>
  );
}
