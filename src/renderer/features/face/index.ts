/** The face photo (issue 10): consent, the camera with on-device detection and auto-capture, the photo. */
export { answerFace, faceConsentInput, type FaceAnswer } from './answer';
export { FaceCapture } from './FaceCapture';
export { FaceConsent } from './FaceConsent';
export { FacePhotoStep } from './FacePhotoStep';
export { FACE_CONSENT_TEXT_VERSION, FACE_CONSENT_UPLOAD_TEXT_VERSION, faceConsentTextVersion } from './messages';
export { useFaceConsentText } from './consentText';
export type { TakenPhoto } from './photo';
