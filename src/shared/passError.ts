/** Why a pass token was refused: a code the UI and the HTTP API pass on, and a message for a person. */
export type PassErrorCode =
  | 'pass_malformed'
  | 'pass_unknown_key'
  | 'pass_bad_signature'
  | 'pass_not_yet_valid'
  | 'pass_expired'
  | 'pass_key_revoked'
  | 'pass_wrong_site';

export class PassError extends Error {
  constructor(
    readonly code: PassErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'PassError';
  }
}
