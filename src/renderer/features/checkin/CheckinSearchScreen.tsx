import { ErrorBanner } from '../../components/ErrorBanner';
import { ScanField } from '../../components/ScanField';
import { Keypad } from '../../components/Keypad';
import { NoticeBanner } from '../../components/NoticeBanner';
import { ScreenHeader } from '../../components/ScreenHeader';
import { Spinner } from '../../components/Spinner';
import { useKiosk, useT } from '../../state/KioskStoreContext';
import { BookingResultList } from './BookingResultList';
import { CardBanner } from './CardBanner';
import { RegisterFromCard } from '../walkin/RegisterFromCard';

/** One field for a booking code, a phone number or a scanned booking/pass QR (scanners type into it). */
export function CheckinSearchScreen() {
  const t = useT();
  const { query, searching, results, error, card, readingCard } = useKiosk((s) => s.checkin);
  const setQuery = useKiosk((s) => s.setQuery);
  const search = useKiosk((s) => s.search);
  return (
    <section className="screen screen--search">
      <ScreenHeader title={t('search.title')} />
      <div className="search-layout">
        <div className="search-layout__input card">
          <ScanField
            id="checkin-query"
            submitTestId="checkin-search"
            label={t('search.label')}
            placeholder={t('search.placeholder')}
            submitLabel={t('search.submit')}
            value={query}
            onChange={setQuery}
            onSubmit={() => void search()}
            busy={searching}
            hints={[t('search.hint'), t('card.hint')]}
            autoCapitalize="characters"
            enterKeyHint="search"
          />
          <Keypad disabled={searching} onKey={(key) => setQuery(query + key)} onBackspace={() => setQuery(query.slice(0, -1))} onClear={() => setQuery('')} />
        </div>
        <div className="search-layout__results" aria-live="polite">
          {searching && <Spinner label={t('search.searching')} />}
          {readingCard && <Spinner label={t('card.reading')} />}
          {card && <CardBanner card={card} />}
          <ErrorBanner error={error} {...(card || readingCard ? {} : { onRetry: () => void search() })} />
          {results && results.length === 0 && <NoticeBanner code="not_found" title={t(card ? 'card.noBooking' : 'search.notFound')} />}
          {card && results && results.length === 0 && <RegisterFromCard card={card} />}
          {results && results.length > 0 && <BookingResultList bookings={results} />}
        </div>
      </div>
    </section>
  );
}
