/**
 * The IPC contract between the renderer and the kiosk core, as one module: the features' calls and events
 * assembled (src/shared/contract/index.ts, one file per desk feature beside it) and the envelope
 * (src/shared/contract/transport.ts). Importers may keep using this module; a feature's own code may import its
 * slice from src/shared/contract/<feature>.ts.
 */
export * from './contract';
export * from './contract/transport';
export { IpcCallError, IpcErrorCode, isIpcErrorCode, type TransportErrorCode } from './errorCodes';
