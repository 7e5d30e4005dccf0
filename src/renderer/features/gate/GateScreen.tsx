import { ErrorBanner } from '../../components/ErrorBanner';
import { ScanField } from '../../components/ScanField';
import { ScreenHeader } from '../../components/ScreenHeader';
import { useCountdown } from '../../hooks/useCountdown';
import { errorKeyOf } from '../../i18n/errorMessages';
import { useKiosk, useT } from '../../state/KioskStoreContext';
import type { GateVerdict } from '../../../shared/ipc';

/** How long a verdict stays on screen before the gate scans again. */
export const VERDICT_SECONDS = 3;

/** 通过 / 未通过 full screen, in large type, green or red, with the masked name and the reason in words. */
function Verdict({ verdict }: { verdict: GateVerdict }) {
  const t = useT();
  const clear = useKiosk((s) => s.clearGateVerdict);
  const secondsLeft = useCountdown(VERDICT_SECONDS, clear);
  const passed = verdict.passed;
  return (
    <div
      className={`gate-verdict ${passed ? 'gate-verdict--pass' : 'gate-verdict--denied'}`}
      role="alert"
      data-testid="gate-verdict"
      data-passed={passed ? 'true' : 'false'}
      data-reason={verdict.reason ?? ''}
    >
      <p className="gate-verdict__word" data-testid="gate-verdict-word">
        {passed ? t('gate.passed') : t('gate.denied')}
      </p>
      {verdict.name !== undefined && (
        <p className="gate-verdict__name" data-testid="gate-verdict-name">
          {verdict.name}
        </p>
      )}
      <p className="gate-verdict__detail" data-testid="gate-verdict-detail">
        {verdict.reason !== undefined ? t(errorKeyOf(verdict.reason)) : verdict.direction === 'entry' ? t('gate.entryRecorded') : t('gate.exitRecorded')}
      </p>
      <button type="button" className="button button--secondary button--big gate-verdict__next" onClick={clear}>
        {t('gate.next')} · {t('gate.again', { seconds: secondsLeft })}
      </button>
    </div>
  );
}

/** Gate mode: only scans passes (serial scanner events, a keyboard wedge typing into the field, or typed). */
export function GateScreen() {
  const t = useT();
  const { direction, text, busy, verdict, error } = useKiosk((s) => s.gate);
  const setText = useKiosk((s) => s.setGateText);
  const setDirection = useKiosk((s) => s.setGateDirection);
  const scan = useKiosk((s) => s.scanAtGate);
  const startScreen = useKiosk((s) => s.settings?.startScreen ?? 'home');
  const setStartScreen = useKiosk((s) => s.setStartScreen);
  if (verdict) return <Verdict verdict={verdict} />;
  return (
    <section className="screen screen--gate" data-testid="gate-screen" data-direction={direction}>
      <ScreenHeader title={t('gate.title')} />
      <div className="card gate">
        <fieldset className="gate__direction">
          <legend className="field__label">{t('gate.direction')}</legend>
          {(['entry', 'exit'] as const).map((d) => (
            <button
              key={d}
              type="button"
              className={`button button--big ${direction === d ? 'button--primary' : 'button--secondary'}`}
              aria-pressed={direction === d}
              data-testid={`gate-direction-${d}`}
              onClick={() => setDirection(d)}
            >
              {t(d === 'entry' ? 'gate.entry' : 'gate.exit')}
            </button>
          ))}
        </fieldset>
        <ScanField
          id="gate-token"
          submitTestId="gate-submit"
          label={t('gate.label')}
          placeholder={t('gate.placeholder')}
          submitLabel={t('gate.submit')}
          value={text}
          onChange={setText}
          onSubmit={() => void scan()}
          busy={busy}
          hints={[t('gate.hint')]}
        />
        <ErrorBanner error={error} />
        <label className="gate__start">
          <input
            type="checkbox"
            data-testid="gate-start-here"
            checked={startScreen === 'gate'}
            onChange={(e) => void setStartScreen(e.target.checked ? 'gate' : 'home')}
          />
          {t('gate.startHere')}
        </label>
      </div>
    </section>
  );
}
