/**
 * The web app's router: four screens under /app/ need a path, history (back and forward) and links, nothing more,
 * so ~60 lines over the History API rather than react-router (a new dependency, its data APIs unused; the
 * kiosk renderer has none). Paths are given without the /app base; screens announce themselves (Screen.tsx).
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type MouseEvent, type ReactNode } from 'react';

export const BASE = '/app';

interface RouterState {
  /** the path inside the app, e.g. /host */
  path: string;
  navigate: (path: string, opts?: { replace?: boolean }) => void;
}

const RouterContext = createContext<RouterState | undefined>(undefined);

/** The path inside the app of a location's pathname (/app/host/ → /host; /app → /). */
export function appPathOf(pathname: string): string {
  const inside = pathname.startsWith(BASE) ? pathname.slice(BASE.length) : pathname;
  const trimmed = inside.replace(/\/+$/, '');
  return trimmed === '' ? '/' : trimmed;
}

export function RouterProvider({ children }: { children: ReactNode }) {
  const [path, setPath] = useState(() => appPathOf(location.pathname));
  useEffect(() => {
    const onPop = () => setPath(appPathOf(location.pathname));
    addEventListener('popstate', onPop);
    return () => removeEventListener('popstate', onPop);
  }, []);
  const navigate = useCallback((to: string, opts: { replace?: boolean } = {}) => {
    const url = `${BASE}${to === '/' ? '/' : to}`;
    if (opts.replace) history.replaceState(null, '', url);
    else history.pushState(null, '', url);
    setPath(appPathOf(url));
  }, []);
  const value = useMemo(() => ({ path, navigate }), [path, navigate]);
  return <RouterContext.Provider value={value}>{children}</RouterContext.Provider>;
}

export function useRouter(): RouterState {
  const state = useContext(RouterContext);
  if (!state) throw new Error('useRouter outside RouterProvider');
  return state;
}

/** A link inside the app: a real <a href> (opens in a new tab, is read as a link), followed without a reload. */
export function Link({ to, children, className }: { to: string; children: ReactNode; className?: string }) {
  const { navigate } = useRouter();
  const onClick = (e: MouseEvent<HTMLAnchorElement>) => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(to);
  };
  return (
    <a href={`${BASE}${to === '/' ? '/' : to}`} onClick={onClick} className={className}>
      {children}
    </a>
  );
}
