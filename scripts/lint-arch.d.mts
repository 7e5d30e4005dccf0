/** Types of scripts/lint-arch.mjs, for tests/unit/architecture.test.ts. */
import type { ICruiseOptions, IModule } from 'dependency-cruiser';

export interface ArchitectureViolation {
  rule: string;
  severity: string;
  from: string;
  to: string;
}
export const ELECTRON_ENTRY: string;
export function loadArchitectureOptions(configFile?: string): Promise<ICruiseOptions>;
export function eagerlyLoaded(modules: IModule[], entry: string, patterns: string[]): { module: string; chain: string[] }[];
export function checkArchitecture(args?: { paths?: string[]; options?: ICruiseOptions; baseDir?: string }): Promise<{
  violations: ArchitectureViolation[];
  errors: number;
  report: string;
  modules: IModule[];
}>;
