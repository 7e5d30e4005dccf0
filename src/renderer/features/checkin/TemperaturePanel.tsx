import { useKiosk, useT } from '../../state/KioskStoreContext';
import { isBodyReading } from './temperatureSlice';

/**
 * The temperature check on booking details: a button while the thermometer is ready, and the reading (from the
 * button or pushed by the core), red with guidance when it is at or above the kiosk's threshold.
 */
export function TemperaturePanel() {
  const t = useT();
  const thermometer = useKiosk((s) => s.devices.find((d) => d.kind === 'thermometer'));
  const { temperature, measuring } = useKiosk((s) => s.checkin);
  const takeTemperature = useKiosk((s) => s.takeTemperature);
  const usable = thermometer?.status === 'ready' || thermometer?.status === 'busy';
  if (!usable && !temperature) return null;

  const body = temperature ? isBodyReading(temperature) : false;
  const abnormal = temperature?.abnormal === true;
  return (
    <div className={`card temperature${abnormal ? ' temperature--abnormal' : ''}`} data-testid="temperature-panel">
      <div className="temperature__head">
        <p className="temperature__title">{t('temperature.title')}</p>
        {usable && (
          <button
            type="button"
            className="button button--secondary"
            data-testid="take-temperature"
            disabled={measuring}
            aria-busy={measuring}
            onClick={() => void takeTemperature()}
          >
            {measuring ? t('temperature.measuring') : t('temperature.take')}
          </button>
        )}
      </div>
      {temperature ? (
        <div className="temperature__reading" data-testid="temperature-reading" data-abnormal={String(abnormal)} role={abnormal ? 'alert' : undefined}>
          <span className="temperature__value">{t('temperature.value', { celsius: temperature.celsius.toFixed(1) })}</span>
          <span className="temperature__verdict">
            {abnormal ? t('temperature.abnormal', { threshold: temperature.thresholdC.toFixed(1) }) : body ? t('temperature.normal') : t('temperature.notBody')}
          </span>
          {abnormal && <p className="temperature__guidance">{t('temperature.abnormalGuidance')}</p>}
        </div>
      ) : (
        <p className="field__hint">{t('temperature.hint')}</p>
      )}
    </div>
  );
}
