/**
 * A fault drill's child program, bundled once per run with esbuild (packages stay imports, resolved from the
 * repository's node_modules): a fresh Node process on the bundle starts in a fraction of the time tsx needs, so a
 * drill can kill and restart it a hundred times within the suite's budget.
 */
import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Bundles `entry` (a path from the repository root) and returns the bundle's absolute path. */
export async function bundleDrillProgram(entry: string): Promise<string> {
  // inside node_modules so that the bundle's bare imports resolve to the repository's packages
  const dir = join(ROOT, 'node_modules', '.cache', 'passdesk-drills', String(process.pid));
  mkdirSync(dir, { recursive: true });
  const outfile = join(dir, `${entry.replace(/[^A-Za-z0-9]+/g, '_')}.mjs`);
  await build({
    entryPoints: [join(ROOT, entry)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'error',
  });
  return outfile;
}
