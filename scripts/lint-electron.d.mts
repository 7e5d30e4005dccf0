/** Types of scripts/lint-electron.mjs, for tests/unit/main/shells/electron/securityScan.test.ts. */
export interface ShellFinding {
  check: string;
  severity: string;
  file: string;
  line: number;
  description: string;
}
export const ACCEPTED: Record<string, string>;
export const ACCEPTED_CSP: Record<string, string>;
export function scanShell(dir?: string): ShellFinding[];
export function evaluateCsp(policy: string): { key: string; description: string }[];
