/**
 * electron-builder's afterPack hook (electron-builder.yml): flips the Electron fuses of the packaged binary with
 * @electron/fuses before anything is signed. FUSES is the configuration; tests/kiosk/main/shells/electron/
 * releaseBuild.test.ts checks it and reads the fuse wire back from a packaged (stand-in) binary.
 */
import { FuseV1Options, FuseVersion, flipFuses } from '@electron/fuses';
import { join } from 'node:path';

/** The fuses of a release: what Electron may do beyond running our app from its archive. */
export const FUSES = {
  version: FuseVersion.V1,
  // `ELECTRON_RUN_AS_NODE=1 passdesk script.js` would be a plain Node.js with the kiosk's permissions
  [FuseV1Options.RunAsNode]: false,
  // cookies on disk encrypted with the OS key store
  [FuseV1Options.EnableCookieEncryption]: true,
  // NODE_OPTIONS (e.g. --require evil.js) and --inspect / --inspect-brk are ignored
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // the app is read from resources/app.asar only (no app/ folder beside it), and the archive's integrity is checked
  // against the hash electron-builder embeds (macOS, Windows; Linux has no embedded hash, the fuse is inert there)
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  // the app is served on passdesk://app (src/main/shells/electron/appProtocol.ts): file:// pages get no extra powers
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
};

/** The file holding the fuse wire in a packed app (the main executable; the framework inside a macOS bundle). */
export function electronBinaryOf(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  const name = packager.appInfo.productFilename;
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas') return join(appOutDir, `${name}.app`);
  if (electronPlatformName === 'win32') return join(appOutDir, `${name}.exe`);
  return join(appOutDir, packager.executableName);
}

export default async function afterPack(context) {
  const binary = electronBinaryOf(context);
  // resetAdHocDarwinSignature: flipping invalidates the ad-hoc signature Apple silicon requires before real signing
  await flipFuses(binary, { ...FUSES, resetAdHocDarwinSignature: context.electronPlatformName === 'darwin' && context.arch === 3 });
  console.log(`  • electron fuses flipped  file=${binary}`);
}
