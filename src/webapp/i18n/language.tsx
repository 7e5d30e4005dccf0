/**
 * The page's language: zh-CN unless the visitor chose English (remembered in this browser); sets <html lang> so a
 * screen reader reads each language with its own voice.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Language } from '../../shared/domain';
import { MESSAGES, type MessageKey } from './messages';

const STORAGE_KEY = 'passdesk.webapp.language';

interface LanguageState {
  language: Language;
  setLanguage: (language: Language) => void;
  /** the text of `key`, with {name} placeholders filled */
  t: (key: MessageKey, values?: Record<string, string | number>) => string;
}

const LanguageContext = createContext<LanguageState | undefined>(undefined);

function storedLanguage(): Language {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

export function LanguageProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(storedLanguage);
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  const setLanguage = useCallback((next: Language) => {
    setLanguageState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // storage refused (private mode): the choice lasts for this page only
    }
  }, []);
  const value = useMemo<LanguageState>(
    () => ({
      language,
      setLanguage,
      t: (key, values) => MESSAGES[language][key].replace(/\{(\w+)\}/g, (m, name: string) => (values?.[name] !== undefined ? String(values[name]) : m)),
    }),
    [language, setLanguage],
  );
  return <LanguageContext.Provider value={value}>{children}</LanguageContext.Provider>;
}

export function useLanguage(): LanguageState {
  const state = useContext(LanguageContext);
  if (!state) throw new Error('useLanguage outside LanguageProvider');
  return state;
}
