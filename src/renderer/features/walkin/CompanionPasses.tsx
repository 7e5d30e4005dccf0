import { useKiosk, useT } from '../../state/KioskStoreContext';
import { PassQr } from '../checkin/PassQr';

/** On the pass screen after a walk-in: each companion's own pass (a sub-bill), its QR and a print button. */
export function CompanionPasses() {
  const t = useT();
  const passes = useKiosk((s) => s.walkin.companionPasses);
  const printing = useKiosk((s) => s.walkin.companionPrint);
  const escpos = useKiosk((s) => s.appInfo?.printer === 'escpos');
  const print = useKiosk((s) => s.printCompanionPass);
  if (passes.length === 0) return null;
  return (
    <div className="walkin__companion-passes no-print" data-testid="companion-passes">
      <p className="field__label">{t('walkin.companions')}</p>
      {passes.map((p) => (
        <div key={p.visit.id} className="card walkin__companion-pass" data-testid="companion-pass" data-visit-id={p.visit.id}>
          <PassQr token={p.pass.token} />
          <p className="pass__instructions">{p.nameMasked}</p>
          {escpos && (
            <button type="button" className="button button--secondary" data-status={printing[p.visit.id] ?? 'idle'} onClick={() => void print(p.visit.id)}>
              {printing[p.visit.id] === 'printing' ? t('pass.printing') : printing[p.visit.id] === 'printed' ? t('pass.printed') : t('pass.print')}
            </button>
          )}
        </div>
      ))}
    </div>
  );
}
