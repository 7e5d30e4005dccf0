import { IdType } from '../../../shared/domain';
import { fieldKindForIdType } from '../../components/keyboard/layouts';
import { useKiosk, useT } from '../../state/KioskStoreContext';
import { TextInput } from './Field';
import type { MessageKey } from '../../i18n/translate';

/** 随行人员: each by their own ID card (held by the core, shown masked) or typed; each gets a sub-bill and a pass. */
export function Companions() {
  const t = useT();
  const { companions, companionCardNext } = useKiosk((s) => s.walkin);
  const addTyped = useKiosk((s) => s.addTypedCompanion);
  const expectCard = useKiosk((s) => s.expectCompanionCard);
  const setCompanion = useKiosk((s) => s.setCompanion);
  const remove = useKiosk((s) => s.removeCompanion);
  return (
    <div className="walkin__companions" data-testid="companions">
      <span className="field__label">{t('walkin.companions')}</span>
      {companions.map((c, i) => (
        <div key={i} className="walkin__companion" data-testid="companion" data-kind={c.kind}>
          {c.kind === 'card' ? (
            <span>
              {c.card.name} · {c.card.idNumberMasked}
            </span>
          ) : (
            <>
              <TextInput
                aria-label={t('walkin.name')}
                testId="companion-name"
                kind="chinese"
                value={c.name}
                onChange={(name) => setCompanion(i, { ...c, name })}
              />
              <select
                className="field__input"
                aria-label={t('walkin.idType')}
                value={c.idType}
                onChange={(e) => setCompanion(i, { ...c, idType: IdType.parse(e.target.value) })}
              >
                {IdType.options.map((o) => (
                  <option key={o} value={o}>
                    {t(`walkin.idType.${o}` as MessageKey)}
                  </option>
                ))}
              </select>
              <TextInput
                aria-label={t('walkin.idNumber')}
                testId="companion-id"
                kind={fieldKindForIdType(c.idType)}
                value={c.idNumber}
                onChange={(idNumber) => setCompanion(i, { ...c, idNumber })}
              />
            </>
          )}
          <button type="button" className="button button--ghost" onClick={() => remove(i)}>
            {t('walkin.removeCompanion')}
          </button>
        </div>
      ))}
      <div className="walkin__row">
        <button type="button" className="button button--secondary" data-testid="add-companion" onClick={addTyped}>
          {t('walkin.addCompanion')}
        </button>
        <button type="button" className="button button--secondary" data-testid="add-companion-card" aria-pressed={companionCardNext} onClick={expectCard}>
          {t('walkin.addCompanionCard')}
        </button>
      </div>
    </div>
  );
}

/** The temperature check, as on booking details: a reading, red at or above the threshold, a staff override reason then. */
export function WalkInTemperature() {
  const t = useT();
  const thermometer = useKiosk((s) => s.devices.find((d) => d.kind === 'thermometer'));
  const { temperature, measuring, form } = useKiosk((s) => s.walkin);
  const take = useKiosk((s) => s.takeWalkInTemperature);
  const setField = useKiosk((s) => s.setWalkInField);
  const usable = thermometer?.status === 'ready' || thermometer?.status === 'busy';
  if (!usable && !temperature) return null;
  const abnormal = temperature?.abnormal === true;
  return (
    <div className={`card temperature${abnormal ? ' temperature--abnormal' : ''}`} data-testid="temperature-panel">
      <div className="temperature__head">
        <p className="temperature__title">{t('temperature.title')}</p>
        {usable && (
          <button type="button" className="button button--secondary" data-testid="take-temperature" disabled={measuring} onClick={() => void take()}>
            {measuring ? t('temperature.measuring') : t('temperature.take')}
          </button>
        )}
      </div>
      {temperature && (
        <div className="temperature__reading" data-testid="temperature-reading" data-abnormal={String(abnormal)}>
          <span className="temperature__value">{t('temperature.value', { celsius: temperature.celsius.toFixed(1) })}</span>
          <span className="temperature__verdict">
            {abnormal ? t('temperature.abnormal', { threshold: temperature.thresholdC.toFixed(1) }) : t('temperature.normal')}
          </span>
          {abnormal && (
            <TextInput
              aria-label={t('walkin.temperatureOverride')}
              placeholder={t('walkin.temperatureOverride')}
              testId="temperature-override"
              kind="chinese"
              value={form.overrideReason}
              onChange={(v) => setField('overrideReason', v)}
            />
          )}
        </div>
      )}
    </div>
  );
}
