/**
 * One screen: its heading, which becomes the document's title and receives focus when the screen opens, so a
 * screen-reader user hears where a navigation led (a single-page app does not reload to tell them).
 */
import { useEffect, useRef, type ReactNode } from 'react';
import { useLanguage } from '../i18n/language';

export function Screen({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const { t } = useLanguage();
  useEffect(() => {
    heading.current?.focus();
  }, [testId]);
  useEffect(() => {
    document.title = `${title} · ${t('appName')}`;
  }, [title, t]);
  return (
    <section className="screen" data-testid={testId} aria-labelledby={`${testId}-title`}>
      <h1 id={`${testId}-title`} ref={heading} tabIndex={-1}>
        {title}
      </h1>
      {children}
    </section>
  );
}
