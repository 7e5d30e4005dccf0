import type { IdCardRead } from '../../../shared/ipc';
import { useKiosk, useT } from '../../state/KioskStoreContext';

/** On check-in, a card whose holder has no booking today: straight to the walk-in form, the card prefilled. */
export function RegisterFromCard({ card }: { card: IdCardRead }) {
  const t = useT();
  const open = useKiosk((s) => s.openWalkInWithCard);
  return (
    <button type="button" className="button button--primary button--big" data-testid="register-walkin-from-card" onClick={() => open(card)}>
      {t('walkin.fromCard')}
    </button>
  );
}
