import { useEffect, useRef, type FormEvent } from 'react';
import { ErrorBanner } from '../components/ErrorBanner';
import { Keypad } from '../components/Keypad';
import { NoticeBanner } from '../components/NoticeBanner';
import { ScreenHeader } from '../components/ScreenHeader';
import { Spinner } from '../components/Spinner';
import { useKiosk, useT } from '../state/KioskStoreContext';
import { BookingResultList } from './BookingResultList';
import { CardBanner } from './CardBanner';
import { useKeepFocus } from './useKeepFocus';

/** One field for a booking code, a phone number or a scanned booking/pass QR (scanners type into it). */
export function CheckinSearchScreen() {
  const t = useT();
  const { query, searching, results, error, card, readingCard } = useKiosk((s) => s.checkin);
  const setQuery = useKiosk((s) => s.setQuery);
  const search = useKiosk((s) => s.search);
  const inputRef = useRef<HTMLInputElement>(null);
  useKeepFocus(inputRef);

  useEffect(() => inputRef.current?.focus(), []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void search();
  };

  return (
    <section className="screen screen--search">
      <ScreenHeader title={t('search.title')} />
      <div className="search-layout">
        <div className="search-layout__input card">
          <form className="search-form" onSubmit={submit}>
            <label className="field__label" htmlFor="checkin-query">
              {t('search.label')}
            </label>
            <div className="search-form__row">
              <input
                ref={inputRef}
                id="checkin-query"
                className="field__input field__input--big"
                data-testid="checkin-query"
                value={query}
                onChange={(e) => setQuery(e.target.value)}
                placeholder={t('search.placeholder')}
                autoComplete="off"
                autoCapitalize="characters"
                spellCheck={false}
                maxLength={4096}
                enterKeyHint="search"
              />
              <button
                type="submit"
                className="button button--primary button--big"
                data-testid="checkin-search"
                disabled={searching || query.trim().length === 0}
              >
                {t('search.submit')}
              </button>
            </div>
            <p className="field__hint">{t('search.hint')}</p>
            <p className="field__hint">{t('card.hint')}</p>
          </form>
          <Keypad
            disabled={searching}
            onKey={(key) => setQuery(query + key)}
            onBackspace={() => setQuery(query.slice(0, -1))}
            onClear={() => setQuery('')}
          />
        </div>
        <div className="search-layout__results" aria-live="polite">
          {searching && <Spinner label={t('search.searching')} />}
          {readingCard && <Spinner label={t('card.reading')} />}
          {card && <CardBanner card={card} />}
          <ErrorBanner error={error} {...(card || readingCard ? {} : { onRetry: () => void search() })} />
          {results && results.length === 0 && <NoticeBanner code="not_found" title={t(card ? 'card.noBooking' : 'search.notFound')} />}
          {results && results.length > 0 && <BookingResultList bookings={results} />}
        </div>
      </div>
    </section>
  );
}
