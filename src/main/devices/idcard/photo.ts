/**
 * The card photo: 1024 bytes of vendor-compressed "WLT" data (§1.9). It decodes to a 102 × 126 px 24-bit BMP only
 * through a licensed vendor library (WltRS.dll / libwlt2bmp …); there is no open algorithm. Passdesk keeps the raw
 * bytes on the card (`IdCard.photoWlt`) and decodes only when a `PhotoDecoder` is plugged in.
 */
export const WLT_LENGTH = 1024;
export const PHOTO_WIDTH = 102;
export const PHOTO_HEIGHT = 126;
/** 14 + 40 + 308 × 126: the BMP the vendor libraries produce (row stride 308) */
export const PHOTO_BMP_LENGTH = 14 + 40 + 308 * 126;

export interface DecodedPhoto {
  mime: 'image/bmp' | 'image/png' | 'image/jpeg';
  width: number;
  height: number;
  bytes: Uint8Array;
}

/**
 * A vendor WLT decoder (for example an FFI wrapper around libwlt2bmp). `decode` rejects when the data cannot be
 * decoded; the driver then keeps the card and adds a `photo.decode` warning.
 */
export interface PhotoDecoder {
  readonly name: string;
  decode(wlt: Uint8Array): Promise<DecodedPhoto>;
}
