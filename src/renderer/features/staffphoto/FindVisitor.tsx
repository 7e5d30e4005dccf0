import { OnScreenKeyboard, useKeyboardField } from '../../components/keyboard/OnScreenKeyboard';
import { Spinner } from '../../components/Spinner';
import { Phone } from '../../../shared/domain';
import { useKiosk, useT } from '../../state/KioskStoreContext';

function PhoneInput() {
  const t = useT();
  const phone = useKiosk((s) => s.replacePhoto.phone);
  const setPhone = useKiosk((s) => s.setReplacePhotoPhone);
  const find = useKiosk((s) => s.findReplacePhotoByPhone);
  const keyboard = useKeyboardField({ kind: 'digits', value: phone, onChange: setPhone, onEnter: () => void find() }, 'tel');
  return (
    <label className="field">
      <span className="field__label">{t('staffPhoto.find.phone')}</span>
      <input
        className="field__input field__input--big"
        data-testid="staff-photo-phone"
        autoComplete="off"
        value={phone}
        onChange={(e) => setPhone(e.target.value)}
        {...keyboard}
      />
    </label>
  );
}

/** The find step: an ID card on the reader (read by the card slice's event), or the phone typed on the on-screen keyboard. */
export function FindVisitor() {
  const t = useT();
  const { phone, busy } = useKiosk((s) => s.replacePhoto);
  const find = useKiosk((s) => s.findReplacePhotoByPhone);
  return (
    <OnScreenKeyboard>
      <form
        className="staff-photo__find"
        onSubmit={(e) => {
          e.preventDefault();
          void find();
        }}
      >
        <p>{t('staffPhoto.find.intro')}</p>
        <PhoneInput />
        <button type="submit" className="button button--primary button--big" data-testid="staff-photo-find" disabled={busy || !Phone.safeParse(phone).success}>
          {t('staffPhoto.find.submit')}
        </button>
        {busy && <Spinner label={t('staffPhoto.find.searching')} />}
      </form>
    </OnScreenKeyboard>
  );
}
