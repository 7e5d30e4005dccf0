/**
 * The device CLI's verb registry (`npm run devices -- <verb> …`).
 *
 * Each device folder registers its own verbs from a side-effect module, and `cli.main.ts` imports that module:
 *
 *   // src/main/devices/thermometer/cli.ts
 *   import { registerVerb, registerSimulator } from '../cli/verbs';
 *   registerVerb({ name: 'read-temp', usage: 'read-temp --port P', run: async (args) => { …; return 0; } });
 *   registerSimulator({ kind: 'thermometer', usage: 'simulate thermometer [--celsius 36.5]', run: async (args) => … });
 *
 * `run` returns the process exit code. Verbs print results to stdout and problems to stderr (masked: no full ID
 * numbers unless the operator asked for them).
 */
export interface CliVerb {
  name: string;
  /** one line: the verb and its flags, e.g. `read-card --port P [--baud B]` */
  usage: string;
  /** args after the verb; resolves to the exit code */
  run(args: string[]): Promise<number>;
}

/** A device kind under `simulate <kind>`; `run` serves until the process is killed (or returns an exit code). */
export interface CliSimulator {
  kind: string;
  usage: string;
  run(args: string[]): Promise<number>;
}

const verbs = new Map<string, CliVerb>();
const simulators = new Map<string, CliSimulator>();

export function registerVerb(verb: CliVerb): void {
  if (verbs.has(verb.name)) throw new Error(`CLI verb "${verb.name}" is registered twice`);
  verbs.set(verb.name, verb);
}

export function registerSimulator(sim: CliSimulator): void {
  if (simulators.has(sim.kind)) throw new Error(`simulator "${sim.kind}" is registered twice`);
  simulators.set(sim.kind, sim);
}

export const getVerb = (name: string): CliVerb | undefined => verbs.get(name);
export const listVerbs = (): CliVerb[] => [...verbs.values()].sort((a, b) => a.name.localeCompare(b.name));
export const getSimulator = (kind: string): CliSimulator | undefined => simulators.get(kind);
export const listSimulators = (): CliSimulator[] => [...simulators.values()].sort((a, b) => a.kind.localeCompare(b.kind));

/** Thrown by flag parsing; the dispatcher prints the message and the verb's usage, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Runs a verb or simulator; a UsageError becomes its message and the command's usage on stderr, exit code 2. */
export async function runCommand(cmd: { usage: string; run(args: string[]): Promise<number> }, args: string[]): Promise<number> {
  try {
    return await cmd.run(args);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`${e.message}\nusage: ${cmd.usage}\n`);
      return 2;
    }
    throw e;
  }
}

export interface ParsedFlags {
  /** --name value / --name=value; boolean flags (listed in `booleans`) get "true" */
  flags: Map<string, string>;
  positional: string[];
}

/**
 * Minimal flag parser: `--key value`, `--key=value`, boolean `--flag` for names in `booleans`.
 * Unknown flags are a UsageError when `known` is given.
 */
export function parseFlags(args: string[], opts: { booleans?: string[]; known?: string[] } = {}): ParsedFlags {
  const booleans = new Set(opts.booleans ?? []);
  const known = opts.known ? new Set([...opts.known, ...booleans]) : undefined;
  const flags = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (!a.startsWith('--') || a === '--') {
      if (a !== '--') positional.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const key = eq >= 0 ? a.slice(2, eq) : a.slice(2);
    if (known && !known.has(key)) throw new UsageError(`unknown flag --${key}`);
    if (eq >= 0) flags.set(key, a.slice(eq + 1));
    else if (booleans.has(key)) flags.set(key, 'true');
    else {
      const v = args[i + 1];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`--${key} needs a value`);
      flags.set(key, v);
      i++;
    }
  }
  return { flags, positional };
}

/** A numeric flag, or the default; UsageError when it is not a finite number. */
export function numberFlag(flags: Map<string, string>, key: string, dflt: number): number {
  const v = flags.get(key);
  if (v === undefined) return dflt;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new UsageError(`--${key} must be a number, got "${v}"`);
  return n;
}

/** The built-in `simulate <kind>` dispatcher over the registered simulators. */
export const simulateVerb: CliVerb = {
  name: 'simulate',
  get usage(): string {
    const kinds = listSimulators().map((s) => s.kind);
    return `simulate <${kinds.join('|') || 'kind'}> …`;
  },
  async run(args) {
    const [kind, ...rest] = args;
    const sim = kind ? getSimulator(kind) : undefined;
    if (!sim) {
      process.stderr.write(`${kind ? `unknown simulator "${kind}"` : 'which simulator?'}\nusage:\n`);
      for (const s of listSimulators()) process.stderr.write(`  ${s.usage}\n`);
      return 2;
    }
    return runCommand(sim, rest);
  },
};
registerVerb(simulateVerb);

/** Resolves when the process is asked to stop (SIGINT / SIGTERM). */
export function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      resolve();
    };
    process.on('SIGINT', done);
    process.on('SIGTERM', done);
  });
}
