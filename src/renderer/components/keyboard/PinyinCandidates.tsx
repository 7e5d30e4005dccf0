import { useEffect, useState, type MouseEvent } from 'react';
import { useT } from '../../state/KioskStoreContext';
import type { PinyinIndex, PinyinLookup } from './pinyin';

const PAGE = 8;
const keepFocus = (event: MouseEvent) => event.preventDefault();

export interface PinyinIndexState {
  index: PinyinIndex | null;
  failed: boolean;
}

let loading: Promise<PinyinIndex> | null = null;
/** The pinyin index, its chunk fetched once, the first time the Chinese layout opens (a failed fetch may be retried). */
function loadPinyinIndex(): Promise<PinyinIndex> {
  loading ??= import('./pinyinDictionary').then(
    (m) => m.PINYIN_INDEX,
    (error: unknown) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}

/** The pinyin index once `wanted` (loaded lazily, then kept). */
export function usePinyinIndex(wanted: boolean): PinyinIndexState {
  const [state, setState] = useState<PinyinIndexState>({ index: null, failed: false });
  useEffect(() => {
    if (!wanted || state.index) return undefined;
    let live = true;
    loadPinyinIndex().then(
      (index) => live && setState({ index, failed: false }),
      () => live && setState({ index: null, failed: true }),
    );
    return () => {
      live = false;
    };
  }, [wanted, state.index]);
  return state;
}

/** The candidate bar: the letters composed, then the characters they may be, a page at a time. */
export function PinyinCandidates({
  composition,
  state,
  lookup,
  onChoose,
}: {
  composition: string;
  state: PinyinIndexState;
  lookup: PinyinLookup | null;
  onChoose: (ch: string) => void;
}) {
  const t = useT();
  const [page, setPage] = useState(0);
  useEffect(() => setPage(0), [composition]);
  const candidates = lookup?.candidates ?? [];
  const pages = Math.max(1, Math.ceil(candidates.length / PAGE));
  const shown = candidates.slice(page * PAGE, page * PAGE + PAGE);
  return (
    <div className="osk__candidates" role="group" aria-label={t('osk.candidates')} data-testid="osk-candidates">
      <span className="osk__composition" data-testid="osk-composition" aria-live="polite">
        {composition}
      </span>
      {!state.index && !state.failed && <span className="osk__note">{t('osk.loading')}</span>}
      {state.failed && (
        <span className="osk__note" role="alert">
          {t('osk.loadFailed')}
        </span>
      )}
      {state.index && composition && candidates.length === 0 && <span className="osk__note">{t('osk.noCandidate')}</span>}
      {shown.map((ch) => (
        <button key={ch} type="button" className="osk__candidate" data-testid="osk-candidate" onMouseDown={keepFocus} onClick={() => onChoose(ch)}>
          {ch}
        </button>
      ))}
      {pages > 1 && (
        <span className="osk__pages">
          <button
            type="button"
            className="osk__page"
            aria-label={t('osk.previous')}
            disabled={page === 0}
            onMouseDown={keepFocus}
            onClick={() => setPage((p) => Math.max(0, p - 1))}
          >
            ‹
          </button>
          <button
            type="button"
            className="osk__page"
            aria-label={t('osk.more')}
            disabled={page >= pages - 1}
            onMouseDown={keepFocus}
            onClick={() => setPage((p) => Math.min(pages - 1, p + 1))}
          >
            ›
          </button>
        </span>
      )}
    </div>
  );
}
