import { useEffect } from 'react';
import { useKiosk } from '../../state/KioskStoreContext';
import { probeCamera } from './cameraProbe';

/** Probes the camera once at start and whenever the devices change, unless our capture holds it. */
export function useCameraProbe(): void {
  const setCamera = useKiosk((s) => s.setCamera);
  const inUse = useKiosk((s) => s.camera?.status === 'busy');
  useEffect(() => {
    if (inUse) return;
    let live = true;
    // undefined outside a secure context
    const devices = navigator.mediaDevices as MediaDevices | undefined;
    const probe = () =>
      void probeCamera({
        ...(devices ? { mediaDevices: devices } : {}),
        cameraPermission: () => navigator.permissions.query({ name: 'camera' }),
      }).then(
        (c) => live && setCamera(c),
        () => live && setCamera('no_camera'),
      );
    probe();
    devices?.addEventListener('devicechange', probe);
    return () => {
      live = false;
      devices?.removeEventListener('devicechange', probe);
    };
  }, [setCamera, inUse]);
}
