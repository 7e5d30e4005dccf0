import { useEffect, useState } from 'react';
import { useKiosk, useT } from '../../state/KioskStoreContext';
import { listCameras } from '../devices/chosenCamera';
import { Result } from './AdminSections';
import { SelectField } from './fields';
import { CameraPreview } from './CameraPreview';

/**
 * The camera's row of the devices section: its state as the page knows it, the cameras the browser lists to choose
 * from (saved in the kiosk settings; face capture opens it), and its test, the preview with the detection boxes.
 */
export function CameraDevice() {
  const t = useT();
  const camera = useKiosk((s) => s.camera);
  const { setup, busy, saved } = useKiosk((s) => s.adminDevices);
  const save = useKiosk((s) => s.saveDeviceChoice);
  const choice = setup?.settings.camera;
  const [cameras, setCameras] = useState<{ deviceId: string; label: string }[]>([]);
  const [picked, setPicked] = useState('');
  const [preview, setPreview] = useState(false);
  useEffect(() => setPicked(choice?.deviceId ?? ''), [choice?.deviceId]);
  useEffect(() => {
    let live = true;
    const media = navigator.mediaDevices as MediaDevices | undefined;
    if (media)
      void listCameras(media).then(
        (list) => live && setCameras(list),
        () => undefined,
      );
    return () => {
      live = false;
    };
  }, [preview]);
  const gone = choice?.deviceId !== undefined && cameras.length > 0 && !cameras.some((c) => c.deviceId === choice.deviceId);
  const status = camera?.status ?? 'disconnected';
  return (
    <li className="admin__row admin__row--device" data-testid="admin-device-camera" data-status={status}>
      <span className="admin__name">{t('device.camera')}</span>
      <span>{t(`deviceStatus.${status}`)}</span>
      <button type="button" className="button button--secondary" data-testid="admin-test-camera" aria-pressed={preview} onClick={() => setPreview((p) => !p)}>
        {preview ? t('admin.devices.closePreview') : t('admin.devices.test')}
      </button>
      {setup && (
        <details className="admin__device-setup">
          <summary data-testid="admin-device-setup-camera">{t('admin.devices.setup')}</summary>
          <form
            className="admin__device-form"
            onSubmit={(e) => {
              e.preventDefault();
              const c = cameras.find((x) => x.deviceId === picked);
              void save(c ? { kind: 'camera', deviceId: c.deviceId, ...(c.label ? { label: c.label.slice(0, 120) } : {}) } : { kind: 'camera' });
            }}
          >
            <SelectField
              id="admin-device-camera-choice"
              label={t('admin.devices.camera')}
              value={picked}
              options={[
                { value: '', label: t('admin.devices.cameraDefault') },
                // a camera without an id (no permission yet) can only be the default
                ...cameras
                  .map((c, i) => ({ value: c.deviceId, label: c.label || t('admin.devices.cameraN', { n: String(i + 1) }) }))
                  .filter((o) => o.value !== ''),
              ]}
              onChange={setPicked}
            />
            {gone && (
              <p className="admin__result" role="status" data-testid="admin-camera-gone">
                {t('admin.devices.cameraGone', { label: choice.label ?? choice.deviceId ?? '' })}
              </p>
            )}
            {saved === 'camera' && <Result testId="admin-device-saved-camera">{t('admin.devices.saved')}</Result>}
            <button type="submit" className="button button--primary" data-testid="admin-device-camera-save" disabled={busy}>
              {t('admin.devices.save')}
            </button>
          </form>
        </details>
      )}
      {preview && <CameraPreview choice={choice} />}
    </li>
  );
}
