/** Types of scripts/release/stageApp.mjs, for tests/kiosk/main/shells/electron/releaseBuild.test.ts. */
export const NATIVE_PACKAGES: string[];
export const INSTALL_ONLY: Set<string>;
export function runtimeClosure(projectRoot?: string, natives?: string[]): Set<string>;
export function isForeignPrebuild(folder: string, platform: string, arch: string): boolean;
export function stageApp(options?: { platform?: string; arch?: string; projectRoot?: string }): string[];
