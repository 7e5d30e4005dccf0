/**
 * A kiosk key's fingerprint for reading aloud: the first 80 bits of SHA-256 of the raw public key, hex in five groups
 * of four ("3f2a 9c1d 0b7e 44f1 8a20"), so that an installer and the cloud's admin can compare it over the phone.
 */
import { sha256Bytes } from '../../../shared/sha256';

export function keyFingerprint(publicKeyBase64Url: string): string {
  const hex = Buffer.from(sha256Bytes(Buffer.from(publicKeyBase64Url, 'base64url')))
    .toString('hex')
    .slice(0, 20);
  return hex.match(/.{4}/g)!.join(' ');
}
