/**
 * Device CLI: `npm run devices -- <verb> [args]`. A dispatcher over the verb registry in ./cli/verbs.ts.
 *
 * Each device folder registers its verbs (and its `simulate <kind>`) in a side-effect module; add one import line
 * per module below.
 */
import { redactText } from '../../shared/mask';
import { getVerb, listVerbs, runCommand } from './cli/verbs';
// ---- verb modules (one import per device folder) ----
import './cli/idcardVerbs';
import './thermometer/cli';
import './printer/cli';
import './scanner/cli';
import { messageOf } from '../../shared/errorText';

function printHelp(out: NodeJS.WritableStream): void {
  out.write('usage: npm run devices -- <verb> [args]\n\nverbs:\n');
  for (const v of listVerbs()) out.write(`  ${v.usage}\n`);
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    printHelp(name ? process.stdout : process.stderr);
    return name ? 0 : 2;
  }
  const verb = getVerb(name);
  if (!verb) {
    process.stderr.write(`unknown verb "${name}"\n`);
    printHelp(process.stderr);
    return 2;
  }
  try {
    return await runCommand(verb, args);
  } catch (e) {
    process.stderr.write(`${name}: ${redactText(messageOf(e))}\n`);
    return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`${redactText(String(e))}\n`);
    process.exitCode = 1;
  },
);
