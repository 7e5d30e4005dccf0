/**
 * Auto-capture's decision, pure (no DOM, no detector): from one frame's detections and its sharpness, whether the
 * frame is good enough and, when not, why (the guide's words follow from the reason); then, over frames, when the
 * face has been steady long enough to count down, and when the countdown ends in a capture. Tested in
 * tests/unit/renderer/features/face/decision.test.ts; the same code runs in the kiosk.
 */

/** A detector's face: its box in pixels of the frame, and its score (0..1). */
export interface FaceBox {
  x: number;
  y: number;
  width: number;
  height: number;
}
export interface Detection {
  score: number;
  box: FaceBox;
}
export interface FrameMetrics {
  width: number;
  height: number;
  /** the blur measure of the face region (variance of the Laplacian, see sharpness.ts); undefined when not measured */
  sharpness: number | undefined;
}

export type RejectReason = 'no_face' | 'several_faces' | 'low_score' | 'too_small' | 'off_centre' | 'blurred';

export interface CaptureTuning {
  /** detections below this are not faces at all (the detector's own floor) */
  detectFloor: number;
  /** the one face must score at least this (the spec's measurements: frontal 0.92, a night scene up to 0.53) */
  minScore: number;
  /** the face box's width as a share of the frame's width, at least */
  minFaceShare: number;
  /** the face centre's distance from the frame centre, as a share of the frame's width/height, at most */
  maxOffCentre: number;
  /** the blur measure at least */
  minSharpness: number;
  /** accepted frames in a row, the face moving less than `maxJitter` (share of the frame width) between them */
  steadyFrames: number;
  maxJitter: number;
  /** the 3-2-1 countdown's length */
  countdownMs: number;
}

export const DEFAULT_TUNING: CaptureTuning = {
  detectFloor: 0.5,
  minScore: 0.6,
  minFaceShare: 0.2,
  maxOffCentre: 0.15,
  minSharpness: 25,
  steadyFrames: 5,
  maxJitter: 0.04,
  countdownMs: 3000,
};

export type FrameVerdict = { accept: true; face: Detection } | { accept: false; reason: RejectReason; face?: Detection };

/** Whether this one frame would do for the photo, and if not the first reason why (in the order a person fixes them). */
export function judgeFrame(detections: readonly Detection[], frame: FrameMetrics, tuning: CaptureTuning = DEFAULT_TUNING): FrameVerdict {
  const faces = detections.filter((d) => d.score >= tuning.detectFloor);
  if (faces.length === 0) return { accept: false, reason: 'no_face' };
  if (faces.length > 1) return { accept: false, reason: 'several_faces' };
  const face = faces[0]!;
  if (face.score < tuning.minScore) return { accept: false, reason: 'low_score', face };
  if (face.box.width / frame.width < tuning.minFaceShare) return { accept: false, reason: 'too_small', face };
  const c = centreOf(face.box);
  if (Math.abs(c.x / frame.width - 0.5) > tuning.maxOffCentre || Math.abs(c.y / frame.height - 0.5) > tuning.maxOffCentre) {
    return { accept: false, reason: 'off_centre', face };
  }
  if (frame.sharpness === undefined || frame.sharpness < tuning.minSharpness) return { accept: false, reason: 'blurred', face };
  return { accept: true, face };
}

export const centreOf = (b: FaceBox): { x: number; y: number } => ({ x: b.x + b.width / 2, y: b.y + b.height / 2 });

/** The guide line a reason shows (keys of the face feature's messages). */
export const GUIDE_OF: Record<
  RejectReason,
  'face.guide.faceCamera' | 'face.guide.onePerson' | 'face.guide.closer' | 'face.guide.centre' | 'face.guide.holdStill'
> = {
  no_face: 'face.guide.faceCamera',
  low_score: 'face.guide.faceCamera',
  several_faces: 'face.guide.onePerson',
  too_small: 'face.guide.closer',
  off_centre: 'face.guide.centre',
  blurred: 'face.guide.holdStill',
};

/** Where auto-capture stands between frames. */
export type CaptureProgress =
  | { phase: 'searching'; reason: RejectReason }
  | { phase: 'steadying'; steady: number; last: { x: number; y: number } }
  | { phase: 'countdown'; startedAt: number; last: { x: number; y: number } }
  | { phase: 'capture' };

export const START: CaptureProgress = { phase: 'searching', reason: 'no_face' };

/**
 * One frame further: a rejected frame (or a face that jumped) starts over, stopping any countdown; `steadyFrames`
 * accepted frames in a row start the countdown; the countdown's end is `capture` (taken once: the caller then stops).
 */
export function advance(
  progress: CaptureProgress,
  verdict: FrameVerdict,
  frameWidth: number,
  nowMs: number,
  tuning: CaptureTuning = DEFAULT_TUNING,
): CaptureProgress {
  if (progress.phase === 'capture') return progress;
  if (!verdict.accept) return { phase: 'searching', reason: verdict.reason };
  const c = centreOf(verdict.face.box);
  if (progress.phase === 'searching')
    return tuning.steadyFrames <= 1 ? { phase: 'countdown', startedAt: nowMs, last: c } : { phase: 'steadying', steady: 1, last: c };
  const moved = Math.hypot(c.x - progress.last.x, c.y - progress.last.y) / frameWidth;
  if (moved > tuning.maxJitter) return { phase: 'steadying', steady: 1, last: c };
  if (progress.phase === 'steadying') {
    const steady = progress.steady + 1;
    return steady >= tuning.steadyFrames ? { phase: 'countdown', startedAt: nowMs, last: c } : { phase: 'steadying', steady, last: c };
  }
  return nowMs - progress.startedAt >= tuning.countdownMs ? { phase: 'capture' } : { phase: 'countdown', startedAt: progress.startedAt, last: c };
}

/** The countdown's number on screen (3, 2, 1), or undefined outside the countdown. */
export function secondsLeft(progress: CaptureProgress, nowMs: number, tuning: CaptureTuning = DEFAULT_TUNING): number | undefined {
  if (progress.phase !== 'countdown') return undefined;
  return Math.max(1, Math.ceil((tuning.countdownMs - (nowMs - progress.startedAt)) / 1000));
}

/**
 * The head-and-shoulders crop for a face: 3:4 (width:height), the face's width about 45% of the crop's, the face a
 * little above the middle; shifted (then shrunk, keeping 3:4) to stay inside the frame. Whole pixels.
 */
export function headAndShoulders(face: FaceBox, frameWidth: number, frameHeight: number): FaceBox {
  let width = face.width / 0.45;
  let height = (width * 4) / 3;
  if (height > frameHeight) {
    height = frameHeight;
    width = (height * 3) / 4;
  }
  if (width > frameWidth) {
    width = frameWidth;
    height = (width * 4) / 3;
  }
  const c = centreOf(face);
  const x = Math.min(Math.max(c.x - width / 2, 0), frameWidth - width);
  const y = Math.min(Math.max(c.y - height * 0.42, 0), frameHeight - height);
  return { x: Math.round(x), y: Math.round(y), width: Math.round(width), height: Math.round(height) };
}
