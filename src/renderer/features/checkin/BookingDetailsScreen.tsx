import { Detail } from '../../components/Detail';
import { ErrorBanner } from '../../components/ErrorBanner';
import { NoticeBanner } from '../../components/NoticeBanner';
import { ScreenHeader } from '../../components/ScreenHeader';
import { StatusBadge } from './StatusBadge';
import { formatWindow } from '../../format/dateTime';
import { errorMessageKey } from '../../i18n/errorMessages';
import { useKiosk, useT } from '../../state/KioskStoreContext';
import { TemperaturePanel } from './TemperaturePanel';
import { StaffNotePanel } from './StaffNotePanel';
import { needsAcknowledgement } from './staffNote';
import { FacePhotoStep } from '../face';

/** Everything the visitor should check before confirming arrival. Numbers arrive masked from the core. */
export function BookingDetailsScreen() {
  const t = useT();
  const language = useKiosk((s) => s.language);
  const { selected: booking, confirming, error, temperature } = useKiosk((s) => s.checkin);
  const backToResults = useKiosk((s) => s.backToResults);
  const confirmArrival = useKiosk((s) => s.confirmArrival);
  const staffAcknowledged = useKiosk((s) => s.checkin.staffAcknowledged);
  const acknowledge = useKiosk((s) => s.acknowledgeStaffNote);
  const face = useKiosk((s) => s.checkin.face);
  const setFace = useKiosk((s) => s.setCheckinFace);
  if (!booking) return null;
  const awaitingStaff = needsAcknowledgement(booking.staffWarnings) && !staffAcknowledged;

  const companions = booking.companions.length
    ? booking.companions.map((c) => (c.phoneMasked ? `${c.name} (${c.phoneMasked})` : c.name)).join('、')
    : t('details.companionsNone');

  return (
    <section className="screen screen--details">
      <ScreenHeader title={t('details.title')} onBack={backToResults} />
      <div className="card details" data-testid="booking-details" data-booking-id={booking.id}>
        <div className="details__head">
          <div>
            <p className="details__name">{booking.visitorName}</p>
            <p className="details__code">
              {t('details.code')} {booking.code}
            </p>
          </div>
          <StatusBadge status={booking.status} />
        </div>
        <dl className="details__grid">
          <Detail label={t('details.phone')}>{booking.visitorPhoneMasked}</Detail>
          {booking.visitorIdMasked && <Detail label={t('details.idNumber')}>{booking.visitorIdMasked}</Detail>}
          {booking.company && <Detail label={t('details.company')}>{booking.company}</Detail>}
          <Detail label={t('details.partySize')}>{t('details.partySizeValue', { count: booking.groupSize })}</Detail>
          <Detail label={t('details.host')}>{booking.hostName}</Detail>
          <Detail label={t('details.hostDepartment')}>{booking.hostDepartment}</Detail>
          <Detail label={t('details.hostPhone')}>{booking.hostPhoneMasked}</Detail>
          {booking.area && <Detail label={t('details.area')}>{booking.area}</Detail>}
          <Detail label={t('details.window')} wide>
            {formatWindow(language, booking.windowStart, booking.windowEnd)}
          </Detail>
          <Detail label={t('details.reason')} wide>
            {booking.reason}
          </Detail>
          <Detail label={t('details.companions')} wide>
            {companions}
          </Detail>
        </dl>
      </div>
      <StaffNotePanel warnings={booking.staffWarnings} acknowledged={staffAcknowledged} onAcknowledge={acknowledge} />
      {booking.checkIn.allowed && <TemperaturePanel />}
      {/* the face photo, asked at the first arrival only (a later day's entry keeps the first answer) */}
      {booking.checkIn.allowed && booking.status !== 'arrived' && (
        <FacePhotoStep face={face} onAnswer={setFace} testIdPrefix="checkin" className="walkin__face" />
      )}
      <div className="details__actions">
        {booking.checkIn.allowed ? (
          <>
            <ErrorBanner error={error} />
            <button
              type="button"
              className="button button--primary button--huge"
              data-testid="confirm-arrival"
              disabled={confirming || temperature?.abnormal === true || awaitingStaff}
              aria-busy={confirming}
              onClick={() => void confirmArrival()}
            >
              {confirming && <span className="spinner__wheel spinner__wheel--small" aria-hidden="true" />}
              {confirming ? t('details.confirming') : t('details.confirm')}
            </button>
          </>
        ) : (
          <NoticeBanner code={booking.checkIn.reason ?? 'not_allowed'} title={t('details.cannotCheckIn')}>
            <p className="banner__detail">{t(errorMessageKey(booking.checkIn.reason))}</p>
            {booking.checkIn.reason !== 'blacklisted' && <p className="banner__detail">{t('details.askStaff')}</p>}
          </NoticeBanner>
        )}
      </div>
    </section>
  );
}
