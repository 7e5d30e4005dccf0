import { useEffect, useState } from 'react';
import { BAUD_RATES, DeviceChoice, portsFor, type SetupKind } from '../../../shared/deviceSetup';
import type { KioskDeviceSettings } from '../../../shared/domain';
import { ErrorBanner } from '../../components/ErrorBanner';
import type { MessageKey } from '../../i18n/translate';
import { useKiosk, useT } from '../../state/KioskStoreContext';
import { Result } from './AdminSections';
import { CameraDevice } from './CameraDevice';
import { SelectField, TextField } from './fields';
import { SystemPrinters } from './SystemPrinters';

const SERIAL_KINDS: readonly SetupKind[] = ['idReader', 'thermometer', 'printer', 'scanner'];
const PRINTER_KINDS = ['none', 'escpos-serial', 'escpos-tcp', 'escpos-usb', 'system'] as const;
const MODELS = [
  { value: 'gy', label: 'GY-MCU90614' },
  { value: 'lu', label: 'LU90614' },
];
const PAPERS = [
  { value: '58', label: '58 mm' },
  { value: '80', label: '80 mm' },
];

/** The form's values for one device: text as typed (port, baud, host), checked by DeviceChoice on save. */
interface Draft {
  enabled: boolean;
  port: string;
  baud: string;
  model: string;
  printerKind: string;
  host: string;
  paper: string;
}

function draftOf(kind: SetupKind, s: KioskDeviceSettings): Draft {
  const base = { port: s[kind].port ?? '', baud: String(s[kind].baudRate ?? ''), host: '', model: '', printerKind: '', paper: '' };
  if (kind === 'thermometer') return { ...base, enabled: s.thermometer.enabled, model: s.thermometer.model };
  if (kind === 'printer')
    return { ...base, enabled: s.printer.kind !== 'none', printerKind: s.printer.kind, host: s.printer.host ?? '', paper: String(s.printer.paperWidthMm) };
  return { ...base, enabled: s[kind].enabled };
}

/** The choice the draft makes (unchecked: DeviceChoice checks it). */
function choiceOf(kind: SetupKind, d: Draft): unknown {
  const opt = (key: string, value: string, asNumber = false) => (value.trim() === '' ? {} : { [key]: asNumber ? Number(value) : value });
  const common = { ...opt('port', d.port), ...opt('baudRate', d.baud, true) };
  if (kind === 'thermometer') return { kind, enabled: d.enabled, model: d.model, ...common };
  if (kind === 'printer') return { kind, printerKind: d.printerKind, paperWidthMm: Number(d.paper), ...common, ...opt('host', d.host) };
  return { kind, enabled: d.enabled, ...common };
}

/** Which field a refusal is about, for the person's language. */
function invalidKey(path: PropertyKey | undefined): MessageKey {
  if (path === 'port') return 'admin.devices.invalidPort';
  if (path === 'baudRate') return 'admin.devices.invalidBaud';
  if (path === 'host') return 'admin.devices.invalidHost';
  return 'admin.devices.invalid';
}

function DeviceForm({ kind, settings }: { kind: SetupKind; settings: KioskDeviceSettings }) {
  const t = useT();
  const setup = useKiosk((s) => s.adminDevices.setup);
  const { busy, saved } = useKiosk((s) => s.adminDevices);
  const save = useKiosk((s) => s.saveDeviceChoice);
  const [draft, setDraft] = useState<Draft>(() => draftOf(kind, settings));
  const [invalid, setInvalid] = useState<MessageKey | null>(null);
  const ports = setup ? portsFor(kind, setup.detection) : [];
  const id = (field: string) => `admin-device-${kind}-${field}`;
  const change = (changes: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...changes }));
    setInvalid(null);
  };
  return (
    <form
      className="admin__device-form"
      data-testid={`admin-device-form-${kind}`}
      onSubmit={(e) => {
        e.preventDefault();
        const parsed = DeviceChoice.safeParse(choiceOf(kind, draft));
        if (!parsed.success) {
          setInvalid(invalidKey(parsed.error.issues[0]?.path[0]));
          return;
        }
        void save(parsed.data);
      }}
    >
      {kind === 'printer' ? (
        <SelectField
          id={id('kind')}
          label={t('admin.devices.printerKind')}
          value={draft.printerKind}
          options={PRINTER_KINDS.map((k) => ({ value: k, label: t(`admin.devices.printerKind.${k}`) }))}
          onChange={(v) => change({ printerKind: v })}
        />
      ) : (
        <label className="admin__check">
          <input type="checkbox" data-testid={id('enabled')} checked={draft.enabled} onChange={(e) => change({ enabled: e.target.checked })} />
          {t('admin.devices.enabled')}
        </label>
      )}
      <TextField
        id={id('port')}
        label={t('admin.devices.port')}
        list={id('ports')}
        placeholder={t('admin.devices.portAuto')}
        value={draft.port}
        onChange={(v) => change({ port: v })}
      >
        <datalist id={id('ports')}>
          {ports.map((p) => (
            <option key={p.address} value={p.address}>
              {p.likely ? `★ ${p.label}` : p.label}
            </option>
          ))}
        </datalist>
      </TextField>
      <SelectField
        id={id('baud')}
        label={t('admin.devices.baud')}
        value={draft.baud}
        options={[{ value: '', label: t('admin.devices.baudAuto') }, ...BAUD_RATES.map((b) => ({ value: String(b), label: String(b) }))]}
        onChange={(v) => change({ baud: v })}
      />
      {kind === 'thermometer' && (
        <SelectField id={id('model')} label={t('admin.devices.model')} value={draft.model} options={MODELS} onChange={(v) => change({ model: v })} />
      )}
      {kind === 'printer' && (
        <>
          <TextField id={id('host')} label={t('admin.devices.host')} value={draft.host} onChange={(v) => change({ host: v })} />
          <SelectField id={id('paper')} label={t('admin.devices.paper')} value={draft.paper} options={PAPERS} onChange={(v) => change({ paper: v })} />
          {draft.printerKind === 'system' && setup && <SystemPrinters listing={setup.detection.systemPrinters} />}
        </>
      )}
      {invalid && (
        <p className="pin-pad__notice" role="alert" data-testid={`admin-device-invalid-${kind}`}>
          {t(invalid)}
        </p>
      )}
      {saved === kind && <Result testId={`admin-device-saved-${kind}`}>{t('admin.devices.saved')}</Result>}
      <button type="submit" className="button button--primary" data-testid={id('save')} disabled={busy}>
        {t('admin.devices.save')}
      </button>
    </form>
  );
}

/**
 * Each device: its live state, what the machine has for it, its choice (enabled, port, baud, model) saved at once,
 * and its test (a card read shown masked, a reading, a test pass, the last scans, the camera's preview with boxes).
 */
export function DevicesSection() {
  const t = useT();
  const devices = useKiosk((s) => s.devices);
  const { busy: adminBusy, result } = useKiosk((s) => s.admin);
  const { setup, busy, error, test } = useKiosk((s) => s.adminDevices);
  const load = useKiosk((s) => s.loadDeviceSetup);
  const tests: Record<SetupKind, () => Promise<void>> = {
    idReader: useKiosk((s) => s.testIdReader),
    thermometer: useKiosk((s) => s.testThermometer),
    printer: useKiosk((s) => s.testPrinter),
    scanner: useKiosk((s) => s.testScanner),
  };
  useEffect(() => {
    void load();
  }, [load]);
  const detection = setup?.detection;
  return (
    <>
      <ErrorBanner error={error} />
      <ul className="admin__list">
        {SERIAL_KINDS.map((kind) => {
          const d = devices.find((x) => x.kind === kind);
          return (
            <li key={kind} className="admin__row admin__row--device" data-testid={`admin-device-${kind}`} data-status={d?.status ?? 'disabled'}>
              <span className="admin__name">{t(`device.${kind}`)}</span>
              <span data-testid={`admin-device-state-${kind}`}>
                {t(`deviceStatus.${d?.status ?? 'disabled'}`)}
                {d?.address ? ` · ${d.address}` : ''}
              </span>
              <button
                type="button"
                className="button button--secondary"
                data-testid={`admin-test-${kind}`}
                disabled={busy || adminBusy}
                onClick={() => void tests[kind]()}
              >
                {t('admin.devices.test')}
              </button>
              {setup && (
                <details className="admin__device-setup">
                  <summary data-testid={`admin-device-setup-${kind}`}>{t('admin.devices.setup')}</summary>
                  <DeviceForm kind={kind} settings={setup.settings} />
                </details>
              )}
            </li>
          );
        })}
        <CameraDevice />
      </ul>
      {detection && (
        <p className="admin__detected" data-testid="admin-detected">
          {detection.serialPorts.ok
            ? t('admin.devices.serialPorts', { count: String(detection.serialPorts.items.length) })
            : t('admin.devices.serialPortsFailed', { reason: detection.serialPorts.error })}
          {' · '}
          {detection.hidDevices.ok
            ? t('admin.devices.hidDevices', { count: String(detection.hidDevices.items.length) })
            : t('admin.devices.hidFailed', { reason: detection.hidDevices.error })}
          {' · '}
          {detection.systemPrinters.items.length > 0
            ? t('admin.devices.systemPrinters', { count: String(detection.systemPrinters.items.length) })
            : t('admin.devices.noSystemPrinters', { reason: detection.systemPrinters.reason ?? '—' })}
        </p>
      )}
      {result?.kind === 'thermometer' && (
        <Result testId="admin-test-result">
          {t('admin.devices.reading', {
            celsius: result.reading.celsius.toFixed(1),
            threshold: result.reading.thresholdC.toFixed(1),
            verdict: result.reading.abnormal ? t('admin.devices.abnormal') : t('admin.devices.normal'),
          })}
        </Result>
      )}
      {result?.kind === 'printer' && (
        <Result testId="admin-test-result">
          {result.printer === null ? t('admin.devices.notConfigured') : t('admin.devices.printed', { printer: result.printer })}
        </Result>
      )}
      {busy && test === null && <p className="admin__result">{t('admin.devices.waiting')}</p>}
      {test?.kind === 'idReader' && (
        <Result testId="admin-test-card">
          {test.card.result === 'read'
            ? t('admin.devices.cardRead', { name: test.card.nameMasked, id: test.card.idNumberMasked, validUntil: test.card.validUntil })
            : t('admin.devices.noCard')}
        </Result>
      )}
      {test?.kind === 'scanner' && (
        <div className="admin__result" role="status" data-testid="admin-test-scans">
          {test.scans.length === 0 ? (
            t('admin.devices.noScans')
          ) : (
            <ol className="admin__scans">
              {test.scans.map((s) => (
                <li key={s.at + s.text}>
                  <code>{s.text}</code>
                </li>
              ))}
            </ol>
          )}
        </div>
      )}
    </>
  );
}
