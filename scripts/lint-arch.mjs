#!/usr/bin/env node
/**
 * `npm run lint:arch`: the layer rules of .dependency-cruiser.cjs over src/, plus one check dependency-cruiser
 * cannot express as a rule (its reachability ignores how a module is imported): what the Electron main process
 * loads at start, i.e. what src/main/shells/electron/main.ts reaches through static, non-type imports alone, must not
 * hold the modules of the rule `electron-entry-lazy` (the embedded cloud, demo data, simulators, ESC/POS decoder).
 * Prints every violation; exits 1 when there is one. Also used by scripts/test.mjs and tests/unit/architecture.test.ts.
 */
import { cruise, format } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ELECTRON_ENTRY = 'src/main/shells/electron/main.ts';
const root = fileURLToPath(new URL('..', import.meta.url));

/** The rule set as dependency-cruiser reads it from .dependency-cruiser.cjs. */
export async function loadArchitectureOptions(configFile = `${root}.dependency-cruiser.cjs`) {
  return extractDepcruiseOptions(configFile);
}

const isRuntimeEdge = (dep) =>
  !dep.dynamic && !dep.coreModule && !dep.couldNotResolve && !dep.dependencyTypes.some((t) => t === 'type-only' || t === 'pre-compilation-only');

/**
 * Modules `entry` loads at start (static, non-type imports, followed transitively) that match one of `patterns`,
 * each with the import chain that reaches it.
 */
export function eagerlyLoaded(modules, entry, patterns) {
  const bySource = new Map(modules.map((m) => [m.source, m]));
  const res = patterns.map((p) => new RegExp(p));
  const chainTo = new Map([[entry, [entry]]]);
  const queue = [entry];
  const found = [];
  while (queue.length > 0) {
    const source = queue.shift();
    const chain = chainTo.get(source);
    if (source !== entry && res.some((re) => re.test(source))) found.push({ module: source, chain });
    for (const dep of bySource.get(source)?.dependencies ?? []) {
      if (!isRuntimeEdge(dep) || chainTo.has(dep.resolved) || !dep.resolved.startsWith('src/')) continue;
      chainTo.set(dep.resolved, [...chain, dep.resolved]);
      queue.push(dep.resolved);
    }
  }
  return found;
}

/**
 * Cruises `paths` (relative to `baseDir`, the repository root by default) with the rule set (.dependency-cruiser.cjs
 * unless `options` are given). Returns every violation as { rule, severity, from, to }, the error count and a
 * printable report.
 */
export async function checkArchitecture({ paths = ['src'], options, baseDir = root } = {}) {
  const cruiseOptions = options ?? (await loadArchitectureOptions());
  const tsConfigFile = cruiseOptions.tsConfig?.fileName ? resolve(baseDir, cruiseOptions.tsConfig.fileName) : undefined;
  const tsConfig = tsConfigFile ? extractTSConfig(tsConfigFile) : undefined;
  const { output } = await cruise(
    paths,
    { ...cruiseOptions, ...(tsConfigFile ? { tsConfig: { fileName: tsConfigFile } } : {}), baseDir, validate: true },
    {},
    { tsConfig },
  );
  const violations = output.summary.violations.map((v) => ({ rule: v.rule.name, severity: v.rule.severity, from: v.from, to: v.to }));
  const lines = [];
  if (violations.length > 0) lines.push((await format(output, { outputType: 'err' })).output.replace(/^\n+|\n+$/g, ''));

  const lazyRule = cruiseOptions.ruleSet.forbidden.find((r) => r.name === 'electron-entry-lazy');
  const lazyPatterns = [lazyRule?.to.path ?? []].flat();
  if (output.modules.some((m) => m.source === ELECTRON_ENTRY)) {
    for (const { module, chain } of eagerlyLoaded(output.modules, ELECTRON_ENTRY, lazyPatterns)) {
      violations.push({ rule: 'electron-entry-lazy', severity: 'error', from: ELECTRON_ENTRY, to: module });
      lines.push(`  error electron-entry-lazy (static closure): ${chain.join(' → ')}`);
    }
  }
  const errors = violations.filter((v) => v.severity === 'error').length;
  lines.push(
    `architecture: ${violations.length} violation(s), ${errors} error(s); ${output.summary.totalCruised} modules, ${output.summary.totalDependenciesCruised} dependencies cruised`,
  );
  return { violations, errors, report: lines.join('\n'), modules: output.modules };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { errors, report } = await checkArchitecture({ paths: process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['src'] });
  console.log(report);
  process.exit(errors === 0 ? 0 : 1);
}
