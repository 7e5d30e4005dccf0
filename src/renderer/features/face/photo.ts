/**
 * The photo itself: the head and shoulders (3:4) cut from the camera frame, JPEG of at most 100 KB, and its small
 * grayscale thumbnail for the printed pass (the printer dithers it to 1 bit at its own width).
 */
import { FACE_PHOTO_MAX_BYTES, PASS_THUMBNAIL_HEIGHT, PASS_THUMBNAIL_WIDTH, type PassThumbnail } from '../../../shared/facePhoto';
import { headAndShoulders, type FaceBox } from './decision';

export interface TakenPhoto {
  jpegBase64: string;
  dataUrl: string;
  bytes: number;
  passThumbnail: PassThumbnail;
}

const base64Of = (bytes: Uint8Array): string => {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
};

/** The photo scaled down to the pass thumbnail, 8-bit gray (Rec. 601 luma), 0 = black. */
function passThumbnailOf(photo: HTMLCanvasElement): PassThumbnail {
  const canvas = document.createElement('canvas');
  canvas.width = PASS_THUMBNAIL_WIDTH;
  canvas.height = PASS_THUMBNAIL_HEIGHT;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas');
  ctx.drawImage(photo, 0, 0, PASS_THUMBNAIL_WIDTH, PASS_THUMBNAIL_HEIGHT);
  const rgba = ctx.getImageData(0, 0, PASS_THUMBNAIL_WIDTH, PASS_THUMBNAIL_HEIGHT).data;
  const gray = new Uint8Array(PASS_THUMBNAIL_WIDTH * PASS_THUMBNAIL_HEIGHT);
  for (let i = 0; i < gray.length; i++) gray[i] = Math.round(0.299 * rgba[i * 4]! + 0.587 * rgba[i * 4 + 1]! + 0.114 * rgba[i * 4 + 2]!);
  return { width: PASS_THUMBNAIL_WIDTH, height: PASS_THUMBNAIL_HEIGHT, grayBase64: base64Of(gray) };
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
  const passThumbnail = passThumbnailOf(canvas);
  for (const quality of [0.85, 0.75, 0.65, 0.55, 0.45, 0.35]) {
    const blob = await toBlob(canvas, quality);
    if (blob.size <= FACE_PHOTO_MAX_BYTES) {
      const bytes = new Uint8Array(await blob.arrayBuffer());
      const jpegBase64 = base64Of(bytes);
      return { jpegBase64, dataUrl: `data:image/jpeg;base64,${jpegBase64}`, bytes: bytes.length, passThumbnail };
    }
  }
  throw new Error('the photo stays over 100 KB');
}
