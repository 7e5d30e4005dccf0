import { useRef, useState } from 'react';
import type { CameraSettings } from '../../../shared/deviceSetup';
import { useT } from '../../state/KioskStoreContext';
import { startFaceDetector } from '../face/detectorClient';
import { useDetectionLoop } from '../face/useDetectionLoop';

/** The detector's boxes over the preview, in the video's pixels. */
function draw(canvas: HTMLCanvasElement | null, boxes: { x: number; y: number; width: number; height: number }[], width: number, height: number): void {
  const ctx = canvas?.getContext('2d');
  if (!canvas || !ctx) return;
  canvas.width = width;
  canvas.height = height;
  ctx.clearRect(0, 0, width, height);
  ctx.lineWidth = 4;
  ctx.strokeStyle = '#00c853';
  for (const b of boxes) ctx.strokeRect(b.x, b.y, b.width, b.height);
}

/**
 * The camera's test at the admin screen: the chosen camera's preview (mirrored) with the face detector's boxes drawn
 * over it, frame by frame (the same camera and detection loop as face capture: face/useDetectionLoop.ts); a note
 * when the chosen camera is gone and the default one is shown. The camera is released when the preview closes.
 */
export function CameraPreview({ choice }: { choice: CameraSettings | undefined }) {
  const t = useT();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [stage, setStage] = useState<'starting' | 'live' | 'failed'>('starting');
  const [faces, setFaces] = useState(0);

  const { videoRef, fellBack } = useDetectionLoop(
    { camera: choice, detector: startFaceDetector },
    {
      onFailed: () => setStage('failed'),
      onLive: () => setStage('live'),
      onDetections: (r) => {
        draw(
          canvasRef.current,
          r.detections.map((x) => x.box),
          r.width,
          r.height,
        );
        setFaces(r.detections.length);
      },
    },
  );

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
