import { IpcCallError, PassErrorCode } from './errorCodes';

export { PassErrorCode };

/** Why a pass token was refused: a code the UI and the HTTP API pass on (one of the desk's coded errors), and a message for a person. */
export class PassError extends IpcCallError<PassErrorCode> {
  constructor(code: PassErrorCode, message: string) {
    super(code, message);
    this.name = 'PassError';
  }
}
