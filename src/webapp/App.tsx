/** The web app's frame (skip link, header with navigation and the language switch) and its screens by path. */
import { useState } from 'react';
import { AdminArea } from './admin/AdminArea';
import type { ApplicationReceipt } from './apply/applyOutcome';
import { ApplyScreen } from './apply/ApplyScreen';
import { ReceiptScreen } from './apply/ReceiptScreen';
import { Screen } from './components/Screen';
import { HostArea } from './host/HostArea';
import { useLanguage } from './i18n/language';
import { InviteScreen } from './invite/InviteScreen';
import { CompanionScreen } from './companion/CompanionScreen';
import { CODE_LINK } from './visitor/paths';
import { VisitorArea } from './visitor/VisitorArea';
import { Link, useRouter } from './router';

/** an invitation link: /invite/<the link's token> */
const INVITE_PATH = /^\/invite\/[A-Za-z0-9_-]{16,128}$/;
/** a companion link (转发同伴填写): /companion/<the link's token> */
const COMPANION_PATH = /^\/companion\/[A-Za-z0-9_-]{16,128}$/;

function Home() {
  const { t } = useLanguage();
  return (
    <Screen title={t('homeTitle')} testId="home-screen">
      <p>{t('homeIntro')}</p>
      <ul className="choices">
        <li>
          <Link to="/apply" className="choice">
            {t('homeApply')}
          </Link>
        </li>
        <li>
          <Link to="/visitor" className="choice">
            {t('homeVisitor')}
          </Link>
        </li>
        <li>
          <Link to="/visitor/find" className="choice">
            {t('homeFindPass')}
          </Link>
        </li>
        <li>
          <Link to="/host" className="choice">
            {t('homeHost')}
          </Link>
        </li>
      </ul>
    </Screen>
  );
}

export function App() {
  const { t, language, setLanguage } = useLanguage();
  const { path, navigate } = useRouter();
  const [receipt, setReceipt] = useState<ApplicationReceipt | undefined>();
  const other = language === 'zh-CN' ? 'en' : 'zh-CN';

  let screen;
  if (path === '/') screen = <Home />;
  else if (path === '/apply')
    screen = (
      <ApplyScreen
        onReceipt={(r) => {
          setReceipt(r);
          navigate('/apply/receipt');
        }}
      />
    );
  else if (path === '/apply/receipt') screen = <ReceiptScreen receipt={receipt} />;
  else if (path === '/host' || path.startsWith('/host/')) screen = <HostArea path={path} />;
  else if (path === '/visitor' || path.startsWith('/visitor/') || CODE_LINK.test(path)) screen = <VisitorArea path={path} />;
  else if (INVITE_PATH.test(path)) screen = <InviteScreen key={path} token={path.slice('/invite/'.length)} />;
  else if (COMPANION_PATH.test(path)) screen = <CompanionScreen key={path} token={path.slice('/companion/'.length)} />;
  else if (path === '/admin' || path.startsWith('/admin/')) screen = <AdminArea path={path} />;
  else
    screen = (
      <Screen title={t('notFoundTitle')} testId="not-found-screen">
        <Link to="/">{t('notFoundBack')}</Link>
      </Screen>
    );

  return (
    <>
      <a className="skip-link" href="#main">
        {t('skipToContent')}
      </a>
      <header className="app-header">
        <Link to="/" className="app-name">
          {t('appName')}
        </Link>
        <nav aria-label={t('navMain')}>
          <Link to="/apply">{t('navApply')}</Link>
          <Link to="/visitor">{t('navVisitor')}</Link>
          <Link to="/host">{t('navHost')}</Link>
          <Link to="/admin">{t('navAdmin')}</Link>
        </nav>
        <button
          type="button"
          className="language-switch"
          lang={other}
          aria-label={t('switchLanguageLabel')}
          data-testid="language-switch"
          onClick={() => setLanguage(other)}
        >
          {t('switchLanguage')}
        </button>
      </header>
      <main id="main">{screen}</main>
    </>
  );
}
