import { Detail } from '../../components/Detail';
import { formatDateTime } from '../../format/dateTime';
import { useKiosk, useT } from '../../state/KioskStoreContext';

/** Who was found (masked: name, phone, ID) and their registered photo as it is now, or 无注册照片. */
export function PersonPhoto() {
  const t = useT();
  const language = useKiosk((s) => s.language);
  const view = useKiosk((s) => s.replacePhoto.view);
  if (!view) return null;
  const { person, photo } = view;
  return (
    <div className="staff-photo__person" data-testid="staff-photo-person" data-matched-by={person.matchedBy}>
      <figure className="staff-photo__figure">
        {photo ? (
          <img
            className="staff-photo__img"
            data-testid="staff-photo-current"
            data-source={photo.source}
            src={photo.photoDataUrl}
            alt={t('staffPhoto.current.alt')}
          />
        ) : (
          <div className="staff-photo__none" data-testid="staff-photo-none">
            {t('staffPhoto.current.none')}
          </div>
        )}
        <figcaption>{t('staffPhoto.current')}</figcaption>
      </figure>
      <dl className="details">
        <Detail label={t('staffPhoto.person.name')} valueTestId="staff-photo-name">
          {person.nameMasked}
        </Detail>
        <Detail label={t('staffPhoto.person.phone')}>{person.phoneMasked}</Detail>
        {person.idMasked !== undefined && <Detail label={t('staffPhoto.person.id')}>{person.idMasked}</Detail>}
        <Detail label={t('staffPhoto.person.lastVisit')}>{formatDateTime(language, person.lastVisitAt)}</Detail>
      </dl>
    </div>
  );
}
