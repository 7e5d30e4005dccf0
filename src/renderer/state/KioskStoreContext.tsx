import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { translatorFor, type Translate } from '../i18n/translate';
import type { KioskStore } from './kioskStore';
import type { KioskState } from './types';

const KioskStoreContext = createContext<KioskStore | null>(null);

export function KioskStoreProvider({ store, children }: { store: KioskStore; children: ReactNode }) {
  return <KioskStoreContext.Provider value={store}>{children}</KioskStoreContext.Provider>;
}

export function useKioskStore(): KioskStore {
  const store = useContext(KioskStoreContext);
  if (!store) throw new Error('useKiosk outside KioskStoreProvider');
  return store;
}

export function useKiosk<T>(selector: (state: KioskState) => T): T {
  return useStore(useKioskStore(), selector);
}

/** The translator for the current language; components re-render when the language changes. */
export function useT(): Translate {
  const language = useKiosk((s) => s.language);
  return useMemo(() => translatorFor(language), [language]);
}
