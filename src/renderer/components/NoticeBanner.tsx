import type { ReactNode } from 'react';

/**
 * A warning a visitor must read (not found, check-in not possible). It counts as an error banner for tests
 * (data-testid="error-message"), with the code that caused it in data-code.
 */
export function NoticeBanner({ code, title, children }: { code: string; title: string; children?: ReactNode }) {
  return (
    <div className="banner banner--warning" role="alert" data-testid="error-message" data-code={code}>
      <span className="banner__icon" aria-hidden="true">
        i
      </span>
      <div className="banner__body">
        <p className="banner__text">{title}</p>
        {children}
      </div>
    </div>
  );
}
