/**
 * The camera and its face detection loop, one for face capture (useAutoCapture.ts) and the admin's camera test
 * (admin/CameraPreview.tsx): opens the chosen camera (video only, 640×480 or its nearest; the default one, saying so
 * with `fellBack`, when the chosen one is gone), reports its state in the status bar (in use, refused, none; ready
 * again once released), plays it in `videoRef`, gets the detection worker (`detector`: a warm one or a new one) and on
 * each new video frame (requestVideoFrameCallback) sends one bitmap to the worker when it is free, so frames never
 * queue behind a slow one; each answer goes to `onDetections`. The camera and the worker are released when the
 * component goes, the chosen camera or `restart` changes (a retake), or the caller calls `release` (a photo taken).
 */
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import type { CameraSettings } from '../../../shared/deviceSetup';
import { useKiosk } from '../../state/KioskStoreContext';
import { conditionOfError, type CameraCondition } from '../devices/camera';
import { openChosenCamera } from '../devices/chosenCamera';
import type { DetectionResult, FaceDetectorClient } from './detectorClient';

export interface DetectionLoopEvents {
  /** a new run begins (first open, a retake, another camera chosen) */
  onStart?(): void;
  /** the camera could not be opened: why (already in the status bar) */
  onFailed(why: CameraCondition): void;
  /** the camera plays; the detector may still be starting */
  onLive(): void;
  /** the detector's answer for one frame (never after the run stopped) */
  onDetections(result: DetectionResult, video: HTMLVideoElement): void;
  /** the detector could not start: the camera plays on without detection */
  onDetectorFailed?(): void;
}

export interface DetectionLoopOptions {
  camera: CameraSettings | undefined;
  /** where the detection worker comes from; a stable function (its change restarts the loop) */
  detector: () => Promise<FaceDetectorClient>;
  /** another value opens the camera again */
  restart?: number;
}

export interface DetectionLoop {
  videoRef: RefObject<HTMLVideoElement | null>;
  /** the chosen camera is gone: the default one plays */
  fellBack: boolean;
  /** stops this run now: the camera released, the worker closed */
  release: () => void;
  /** whether this run has stopped (read after awaits) */
  stopped: () => boolean;
}

export function useDetectionLoop({ camera, detector: startDetector, restart = 0 }: DetectionLoopOptions, events: DetectionLoopEvents): DetectionLoop {
  const videoRef = useRef<HTMLVideoElement>(null);
  const setCamera = useKiosk((s) => s.setCamera);
  const [fellBack, setFellBack] = useState(false);
  // the latest callbacks, read when called: a render does not restart the camera
  const on = useRef(events);
  on.current = events;
  const run = useRef<{ life: { stopped: boolean }; release: () => void } | undefined>(undefined);

  useEffect(() => {
    const life = { stopped: false };
    /** read after awaits and in callbacks: the run may have ended meanwhile */
    const isStopped = (): boolean => life.stopped;
    let stream: MediaStream | undefined;
    let detector: FaceDetectorClient | undefined;
    let frameHandle: number | undefined;
    let busy = false;
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
    run.current = { life, release };
    on.current.onStart?.();

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
            if (!isStopped()) on.current.onDetections(result, video);
          })
          .catch(() => {
            busy = false;
          });
      }
      frameHandle = video.requestVideoFrameCallback(onFrame);
    };

    void (async () => {
      let opened: { stream: MediaStream; fellBack: boolean };
      try {
        opened = await openChosenCamera(navigator.mediaDevices, camera);
      } catch (err) {
        const why = conditionOfError(err);
        setCamera(why);
        if (!isStopped()) on.current.onFailed(why);
        return;
      }
      if (isStopped()) {
        for (const track of opened.stream.getTracks()) track.stop();
        return;
      }
      stream = opened.stream;
      setFellBack(opened.fellBack);
      setCamera('in_use');
      const video = videoRef.current;
      if (!video) return;
      video.srcObject = stream;
      await video.play().catch(() => undefined);
      if (isStopped()) return;
      on.current.onLive();
      frameHandle = video.requestVideoFrameCallback(onFrame);
      try {
        const started = await startDetector();
        if (isStopped()) started.close();
        else detector = started;
      } catch {
        if (!isStopped()) on.current.onDetectorFailed?.();
      }
    })();
    return release;
  }, [camera, startDetector, restart, setCamera]);

  const release = useCallback(() => run.current?.release(), []);
  const stopped = useCallback(() => run.current?.life.stopped ?? true, []);
  return { videoRef, fellBack, release, stopped };
}
