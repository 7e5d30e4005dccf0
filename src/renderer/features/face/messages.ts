/**
 * The face photo's words (consent, guide, countdown), in both languages. The consent text has a version recorded
 * with every decision: change the text → change FACE_CONSENT_TEXT_VERSION (or, for the text shown where the site
 * uploads photos, FACE_CONSENT_UPLOAD_TEXT_VERSION).
 */
import { FACE_CONSENT_UPLOAD_PREFIX } from '../../../shared/facePhoto';

export const FACE_CONSENT_TEXT_VERSION = 'face-consent-1';
/** the text shown where the site's policy uploads photos (face.consent.textUpload): its version starts with FACE_CONSENT_UPLOAD_PREFIX */
export const FACE_CONSENT_UPLOAD_TEXT_VERSION = `${FACE_CONSENT_UPLOAD_PREFIX}1`;
/** the consent text's version for the policy in effect (faceUploadAllowed) */
export const faceConsentTextVersion = (uploadAllowed: boolean): string => (uploadAllowed ? FACE_CONSENT_UPLOAD_TEXT_VERSION : FACE_CONSENT_TEXT_VERSION);

export const faceZhCN = {
  'face.consent.title': '拍摄面部照片（可选）',
  'face.consent.text':
    '为便于前台核对来访人员，我们希望为您拍摄一张面部照片。照片只保存在本访客机上，仅供工作人员查看，不上传，到达本场所的保留期限后自动删除。拍照与否完全由您决定，不拍照同样可以完成登记。',
  'face.consent.textUpload':
    '为便于前台核对来访人员，我们希望为您拍摄一张面部照片。照片保存在本访客机上，并按本场所的设置上传至本场所的访客库（每人只保留最新一张），仅供工作人员查看，到达保留期限后删除。拍照与否完全由您决定，不拍照同样可以完成登记。',
  'face.consent.agree': '同意并拍照',
  'face.consent.decline': '不拍照，继续',
  'face.consent.refused': '您选择了不拍照，登记不受影响。',
  'face.consent.changeMind': '改为拍照',
  'face.starting': '正在打开摄像头…',
  'face.guide.faceCamera': '请正对摄像头',
  'face.guide.onePerson': '只允许一人入镜',
  'face.guide.closer': '请靠近一些',
  'face.guide.centre': '请移到画面中央',
  'face.guide.holdStill': '请保持不动',
  'face.countdown': '{n} 秒后拍照',
  'face.shutter': '手动拍照（工作人员）',
  'face.cameraFallback': '设置中选择的摄像头未找到，已改用默认摄像头',
  'face.retake': '重拍',
  'face.use': '使用这张照片',
  'face.taken': '照片已拍好',
  'face.kept': '已拍照，登记时保存',
  'face.failed.permission_refused': '摄像头未获授权，可不拍照继续',
  'face.failed.no_camera': '未检测到摄像头，可不拍照继续',
  'face.failed.held_elsewhere': '摄像头被其他程序占用，可不拍照继续',
  'face.failed.detector': '人脸检测无法启动，可由工作人员手动拍照或不拍照继续',
} as const;

export const faceEn: Record<keyof typeof faceZhCN, string> = {
  'face.consent.title': 'Face photo (optional)',
  'face.consent.text':
    'To help the desk recognise visitors, we would like to take a photo of your face. It is kept on this kiosk only, shown to staff only, never uploaded, and deleted when this site’s retention period ends. The choice is yours: without a photo you can register just the same.',
  'face.consent.textUpload':
    'To help the desk recognise visitors, we would like to take a photo of your face. It is kept on this kiosk and, as this site has chosen, sent to this site’s visitor library (only your newest photo is kept), shown to staff only, and deleted when the retention period ends. The choice is yours: without a photo you can register just the same.',
  'face.consent.agree': 'Agree and take photo',
  'face.consent.decline': 'No photo, continue',
  'face.consent.refused': 'You chose no photo; your registration is not affected.',
  'face.consent.changeMind': 'Take a photo after all',
  'face.starting': 'Opening the camera…',
  'face.guide.faceCamera': 'Please face the camera',
  'face.guide.onePerson': 'Only one person in the picture, please',
  'face.guide.closer': 'Please come a little closer',
  'face.guide.centre': 'Please move to the middle of the picture',
  'face.guide.holdStill': 'Please hold still',
  'face.countdown': 'Photo in {n} s',
  'face.shutter': 'Take photo (staff)',
  'face.cameraFallback': 'The camera chosen in the settings was not found: using the default camera',
  'face.retake': 'Retake',
  'face.use': 'Use this photo',
  'face.taken': 'Photo taken',
  'face.kept': 'Photo taken, kept with the registration',
  'face.failed.permission_refused': 'The camera is not allowed: continue without a photo',
  'face.failed.no_camera': 'No camera found: continue without a photo',
  'face.failed.held_elsewhere': 'Another program holds the camera: continue without a photo',
  'face.failed.detector': 'Face detection could not start: staff may take the photo by hand, or continue without one',
};
