/**
 * Auto-capture: the camera and its detection loop (useDetectionLoop.ts) with the detection worker warmed at the
 * consent screen (else started now); each answer is judged (decision.ts) and moves the progress: guide → steady →
 * 3-2-1 → photo. The manual shutter takes the photo at once. The camera is released as soon as a photo is taken or
 * the capture closes.
 */
import { useCallback, useRef, useState } from 'react';
import { useKiosk } from '../../state/KioskStoreContext';
import type { CameraCondition } from '../devices/camera';
import { advance, judgeFrame, secondsLeft, START, type CaptureProgress, type FaceBox, type RejectReason } from './decision';
import { takeFaceDetector } from './detectorWarmup';
import { takePhoto, type TakenPhoto } from './photo';
import { useDetectionLoop } from './useDetectionLoop';

export type CaptureView =
  | { stage: 'starting' }
  | { stage: 'live'; reason: RejectReason | undefined; steadying: boolean; secondsLeft: number | undefined; detector: boolean }
  | { stage: 'taken'; photo: TakenPhoto }
  | { stage: 'failed'; why: Exclude<CameraCondition, 'ready' | 'in_use'> };

export function useAutoCapture() {
  const [view, setView] = useState<CaptureView>({ stage: 'starting' });
  const [attempt, setAttempt] = useState(0);
  const chosenCamera = useKiosk((s) => s.settings?.devices.camera);
  const lastFace = useRef<FaceBox | undefined>(undefined);
  const progress = useRef<CaptureProgress>(START);

  const loop = useDetectionLoop(
    { camera: chosenCamera, detector: takeFaceDetector, restart: attempt },
    {
      onStart: () => {
        progress.current = START;
        lastFace.current = undefined;
        setView({ stage: 'starting' });
      },
      onFailed: (why) => setView({ stage: 'failed', why: why === 'ready' || why === 'in_use' ? 'no_camera' : why }),
      onLive: () => setView({ stage: 'live', reason: 'no_face', steadying: false, secondsLeft: undefined, detector: false }),
      // no detection: the staff's manual shutter still works
      onDetectorFailed: () => setView({ stage: 'live', reason: undefined, steadying: false, secondsLeft: undefined, detector: false }),
      onDetections: (result, video) => {
        const verdict = judgeFrame(result.detections, { width: result.width, height: result.height, sharpness: result.sharpness });
        lastFace.current = verdict.face?.box ?? (verdict.accept ? undefined : lastFace.current);
        const t = performance.now();
        const now = advance(progress.current, verdict, result.width, t);
        progress.current = now;
        if (now.phase === 'capture') void capture(video);
        else
          setView({
            stage: 'live',
            reason: now.phase === 'searching' ? now.reason : undefined,
            steadying: now.phase === 'steadying',
            secondsLeft: secondsLeft(now, t),
            detector: true,
          });
      },
    },
  );
  const { videoRef, release, stopped } = loop;

  const capture = async (video: HTMLVideoElement | null = videoRef.current) => {
    if (!video || stopped()) return;
    try {
      const photo = await takePhoto(video, lastFace.current);
      release();
      setView({ stage: 'taken', photo });
    } catch {
      progress.current = START; // could not encode this frame: keep looking
    }
  };

  const retake = useCallback(() => setAttempt((n) => n + 1), []);
  const shoot = useRef(capture);
  shoot.current = capture;
  const shutter = useCallback(() => void shoot.current(), []);
  return { videoRef, view, retake, shutter, fellBack: loop.fellBack };
}
