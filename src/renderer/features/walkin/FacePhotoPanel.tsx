import { useKiosk } from '../../state/KioskStoreContext';
import { FacePhotoStep } from '../face';

/** The walk-in's face photo (issue 10): the shared step (consent, camera, photo); the answer goes with walkin.register. */
export function FacePhotoPanel() {
  const face = useKiosk((s) => s.walkin.face);
  const setFace = useKiosk((s) => s.setWalkInFace);
  return <FacePhotoStep face={face} onAnswer={setFace} testIdPrefix="walkin" className="walkin__face" />;
}
