/** Types of scripts/release/afterPack.mjs, for tests/kiosk/main/shells/electron/releaseBuild.test.ts. */
import type { FuseV1Config } from '@electron/fuses';

export const FUSES: FuseV1Config;
export function electronBinaryOf(context: {
  appOutDir: string;
  electronPlatformName: string;
  packager: { appInfo: { productFilename: string }; executableName?: string };
}): string;
export default function afterPack(context: unknown): Promise<void>;
