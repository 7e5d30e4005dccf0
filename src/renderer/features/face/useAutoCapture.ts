/**
 * The camera and auto-capture loop: opens the camera (video only, 640×480 or its nearest), reports the camera's
 * state (in use, refused, none), takes the detection worker (warmed at the consent screen, else started now), and on each new video frame
 * (requestVideoFrameCallback) sends one bitmap to the worker when it is free; each answer is judged (decision.ts)
 * and moves the progress: guide → steady → 3-2-1 → photo. The manual shutter takes the photo at once. The camera is
 * released as soon as a photo is taken or the capture closes.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useKiosk } from '../../state/KioskStoreContext';
import { conditionOfError, type CameraCondition } from '../devices/camera';
import { openChosenCamera } from '../devices/chosenCamera';
import { advance, judgeFrame, secondsLeft, START, type CaptureProgress, type FaceBox, type RejectReason } from './decision';
import type { FaceDetectorClient } from './detectorClient';
import { takeFaceDetector } from './detectorWarmup';
import { takePhoto, type TakenPhoto } from './photo';

export type CaptureView =
  | { stage: 'starting' }
  | { stage: 'live'; reason: RejectReason | undefined; steadying: boolean; secondsLeft: number | undefined; detector: boolean }
  | { stage: 'taken'; photo: TakenPhoto }
  | { stage: 'failed'; why: Exclude<CameraCondition, 'ready' | 'in_use'> };

export function useAutoCapture() {
  const videoRef = useRef<HTMLVideoElement>(null);
  const setCamera = useKiosk((s) => s.setCamera);
  const [view, setView] = useState<CaptureView>({ stage: 'starting' });
  const [attempt, setAttempt] = useState(0);
  /** the camera chosen at the admin screen is gone: the default one is used (shown as a note) */
  const [fellBack, setFellBack] = useState(false);
  const chosenCamera = useKiosk((s) => s.settings?.devices.camera);
  const lastFace = useRef<FaceBox | undefined>(undefined);
  const shoot = useRef<(() => void) | undefined>(undefined);

  useEffect(() => {
    const life = { stopped: false };
    /** read after awaits and in callbacks: the effect may have ended meanwhile */
    const isStopped = (): boolean => life.stopped;
    let stream: MediaStream | undefined;
    let detector: FaceDetectorClient | undefined;
    let frameHandle: number | undefined;
    let progress: CaptureProgress = START;
    let busy = false;
    lastFace.current = undefined;
    setView({ stage: 'starting' });

    const release = () => {
      life.stopped = true;
      const video = videoRef.current;
      if (video && frameHandle !== undefined) video.cancelVideoFrameCallback(frameHandle);
      for (const track of stream?.getTracks() ?? []) track.stop();
      if (stream) setCamera('ready');
      stream = undefined;
      detector?.close();
      detector = undefined;
    };
    const capture = async () => {
      const video = videoRef.current;
      if (!video || isStopped()) return;
      try {
        const photo = await takePhoto(video, lastFace.current);
        release();
        setView({ stage: 'taken', photo });
      } catch {
        progress = START; // could not encode this frame: keep looking
      }
    };
    shoot.current = () => void capture();

    const onFrame = (nowMs: number) => {
      const video = videoRef.current;
      if (isStopped() || !video) return;
      if (detector && !busy) {
        busy = true;
        const d = detector;
        createImageBitmap(video)
          .then((bitmap) => d.detect(bitmap, Math.round(nowMs)))
          .then((result) => {
            busy = false;
            if (isStopped()) return;
            const verdict = judgeFrame(result.detections, { width: result.width, height: result.height, sharpness: result.sharpness });
            lastFace.current = verdict.face?.box ?? (verdict.accept ? undefined : lastFace.current);
            const t = performance.now();
            progress = advance(progress, verdict, result.width, t);
            if (progress.phase === 'capture') void capture();
            else
              setView({
                stage: 'live',
                reason: progress.phase === 'searching' ? progress.reason : undefined,
                steadying: progress.phase === 'steadying',
                secondsLeft: secondsLeft(progress, t),
                detector: true,
              });
          })
          .catch(() => {
            busy = false;
          });
      }
      frameHandle = video.requestVideoFrameCallback(onFrame);
    };

    void (async () => {
      try {
        const opened = await openChosenCamera(navigator.mediaDevices, chosenCamera);
        stream = opened.stream;
        setFellBack(opened.fellBack);
      } catch (err) {
        const why = conditionOfError(err);
        setCamera(why);
        if (!isStopped()) setView({ stage: 'failed', why: why === 'ready' || why === 'in_use' ? 'no_camera' : why });
        return;
      }
      if (isStopped()) {
        for (const track of stream.getTracks()) track.stop();
        return;
      }
      setCamera('in_use');
      const video = videoRef.current;
      if (!video) return;
      video.srcObject = stream;
      await video.play().catch(() => undefined);
      setView({ stage: 'live', reason: 'no_face', steadying: false, secondsLeft: undefined, detector: false });
      frameHandle = video.requestVideoFrameCallback(onFrame);
      try {
        const started = await takeFaceDetector();
        if (isStopped()) started.close();
        else detector = started;
      } catch {
        // no detection: the staff's manual shutter still works
        if (!isStopped()) setView({ stage: 'live', reason: undefined, steadying: false, secondsLeft: undefined, detector: false });
      }
    })();
    return release;
  }, [attempt, setCamera, chosenCamera]);

  const retake = useCallback(() => setAttempt((n) => n + 1), []);
  const shutter = useCallback(() => shoot.current?.(), []);
  return { videoRef, view, retake, shutter, fellBack };
}
