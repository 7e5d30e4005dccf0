/** The photo itself: the head and shoulders (3:4) cut from the camera frame, JPEG of at most 100 KB. */
import { FACE_PHOTO_MAX_BYTES } from '../../../shared/facePhoto';
import { headAndShoulders, type FaceBox } from './decision';

export interface TakenPhoto {
  jpegBase64: string;
  dataUrl: string;
  bytes: number;
}

const OUT_WIDTH = 360;
const OUT_HEIGHT = 480;

const toBlob = (canvas: HTMLCanvasElement, quality: number): Promise<Blob> =>
  new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the photo could not be encoded'))), 'image/jpeg', quality));

/** The centre 3:4 of the frame: the staff's manual shutter without a face found. */
const centreCrop = (w: number, h: number): FaceBox => {
  const width = Math.min(w, (h * 3) / 4);
  const height = (width * 4) / 3;
  return { x: Math.round((w - width) / 2), y: Math.round((h - height) / 2), width: Math.round(width), height: Math.round(height) };
};

/** Takes the photo from the video's current frame (not mirrored: the photo shows the person as others see them). */
export async function takePhoto(video: HTMLVideoElement, face: FaceBox | undefined): Promise<TakenPhoto> {
  const w = video.videoWidth;
  const h = video.videoHeight;
  const crop = face ? headAndShoulders(face, w, h) : centreCrop(w, h);
  const canvas = document.createElement('canvas');
  canvas.width = OUT_WIDTH;
  canvas.height = OUT_HEIGHT;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas');
  ctx.drawImage(video, crop.x, crop.y, crop.width, crop.height, 0, 0, OUT_WIDTH, OUT_HEIGHT);
  for (const quality of [0.85, 0.75, 0.65, 0.55, 0.45, 0.35]) {
    const blob = await toBlob(canvas, quality);
    if (blob.size <= FACE_PHOTO_MAX_BYTES) {
      const bytes = new Uint8Array(await blob.arrayBuffer());
      let binary = '';
      for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      const jpegBase64 = btoa(binary);
      return { jpegBase64, dataUrl: `data:image/jpeg;base64,${jpegBase64}`, bytes: bytes.length };
    }
  }
  throw new Error('the photo stays over 100 KB');
}
