import { useEffect, useRef, useState } from 'react';
import type { CameraSettings } from '../../../shared/deviceSetup';
import { useKiosk, useT } from '../../state/KioskStoreContext';
import { conditionOfError } from '../devices/camera';
import { openChosenCamera } from '../devices/chosenCamera';
import { startFaceDetector, type FaceDetectorClient } from '../face/detectorClient';

/**
 * The camera's test at the admin screen: the chosen camera's preview (mirrored) with the face detector's boxes drawn
 * over it, frame by frame (the same worker as face capture); a note when the chosen camera is gone and the default
 * one is shown. The camera is released when the preview closes.
 */
export function CameraPreview({ choice }: { choice: CameraSettings | undefined }) {
  const t = useT();
  const setCamera = useKiosk((s) => s.setCamera);
  const videoRef = useRef<HTMLVideoElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [stage, setStage] = useState<'starting' | 'live' | 'failed'>('starting');
  const [faces, setFaces] = useState(0);
  const [fellBack, setFellBack] = useState(false);

  useEffect(() => {
    const life = { stopped: false };
    /** read after awaits and in callbacks: the effect may have ended meanwhile */
    const isStopped = (): boolean => life.stopped;
    let stream: MediaStream | undefined;
    let detector: FaceDetectorClient | undefined;
    let frame: number | undefined;
    let busy = false;
    const draw = (boxes: { x: number; y: number; width: number; height: number }[], width: number, height: number) => {
      const canvas = canvasRef.current;
      const ctx = canvas?.getContext('2d');
      if (!canvas || !ctx) return;
      canvas.width = width;
      canvas.height = height;
      ctx.clearRect(0, 0, width, height);
      ctx.lineWidth = 4;
      ctx.strokeStyle = '#00c853';
      for (const b of boxes) ctx.strokeRect(b.x, b.y, b.width, b.height);
    };
    const onFrame = (nowMs: number) => {
      const video = videoRef.current;
      if (isStopped() || !video) return;
      if (detector && !busy) {
        busy = true;
        const d = detector;
        createImageBitmap(video)
          .then((bitmap) => d.detect(bitmap, Math.round(nowMs)))
          .then((r) => {
            busy = false;
            if (isStopped()) return;
            draw(
              r.detections.map((x) => x.box),
              r.width,
              r.height,
            );
            setFaces(r.detections.length);
          })
          .catch(() => {
            busy = false;
          });
      }
      frame = video.requestVideoFrameCallback(onFrame);
    };
    void (async () => {
      try {
        const opened = await openChosenCamera(navigator.mediaDevices, choice);
        stream = opened.stream;
        if (isStopped()) return;
        setFellBack(opened.fellBack);
      } catch (err) {
        setCamera(conditionOfError(err));
        if (!isStopped()) setStage('failed');
        return;
      }
      setCamera('in_use');
      const video = videoRef.current;
      if (!video) return;
      video.srcObject = stream;
      await video.play().catch(() => undefined);
      setStage('live');
      frame = video.requestVideoFrameCallback(onFrame);
      try {
        const started = await startFaceDetector();
        if (isStopped()) started.close();
        else detector = started;
      } catch {
        // the preview without boxes: the detector could not start
      }
    })();
    return () => {
      life.stopped = true;
      if (frame !== undefined) videoRef.current?.cancelVideoFrameCallback(frame);
      for (const track of stream?.getTracks() ?? []) track.stop();
      if (stream) setCamera('ready');
      detector?.close();
    };
  }, [choice, setCamera]);

  return (
    <div className="admin-camera" data-testid="admin-camera-preview" data-stage={stage} data-faces={faces}>
      <div className="admin-camera__frame">
        <video ref={videoRef} className="admin-camera__video" muted playsInline aria-label={t('admin.devices.cameraPreview')} />
        <canvas ref={canvasRef} className="admin-camera__boxes" aria-hidden="true" />
      </div>
      {fellBack && (
        <p className="admin__result" role="status" data-testid="admin-camera-fallback">
          {t('face.cameraFallback')}
        </p>
      )}
      <p className="admin__result" role="status">
        {stage === 'failed' ? t('admin.devices.cameraFailed') : stage === 'live' ? t('admin.devices.faces', { count: String(faces) }) : t('face.starting')}
      </p>
    </div>
  );
}
