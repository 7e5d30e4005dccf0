/**
 * `npm run face -- check FILE…`: for installers, whether the kiosk's auto-capture would take each still image (JPEG
 * or PNG) as a photo, and why not: one JSON line per file on stdout ({file, faces, bestScore, box, accept, reason}),
 * the kiosk's own detection worker in headless Chromium (scripts/faceDetectorPage.ts) and its own verdict
 * (decision.ts). A file that cannot be checked gets {file, error} and the exit code is 1; bad arguments or an
 * unbuilt renderer exit 2 before any file.
 */
import { readFile, stat } from 'node:fs/promises';
import { checkLine, formatLine, imageTypeOf, parseFaceArgs, USAGE, type ErrorLine } from '../src/main/tools/faceCheck/cli';
import { findBuiltWorker } from '../src/main/tools/faceCheck/builtRenderer';
import { openFaceDetectorPage, RENDERER_DIR, type FaceDetectorPage } from './faceDetectorPage';

const MAX_BYTES = 50 * 1024 * 1024;

async function checkFile(detector: FaceDetectorPage, file: string): Promise<string | ErrorLine> {
  const fail = (error: string): ErrorLine => ({ file, error });
  let bytes: Buffer;
  try {
    const info = await stat(file);
    if (!info.isFile()) return fail('not a file');
    if (info.size > MAX_BYTES) return fail(`too large (${info.size} bytes; at most ${MAX_BYTES})`);
    bytes = await readFile(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return fail(code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'not readable (permission denied)' : `cannot be read (${code ?? String(err)})`);
  }
  const type = imageTypeOf(bytes);
  if (!type) return fail('not an image (JPEG or PNG expected)');
  const answer = await detector.detectImage(bytes, type);
  if (answer.kind === 'undecodable') return fail(`not a decodable image (its first bytes say ${type})`);
  if (answer.kind === 'error') return fail(`detection failed: ${answer.message}`);
  return formatLine(checkLine(file, answer.result));
}

async function main(argv: string[]): Promise<number> {
  const args = parseFaceArgs(argv);
  if (!args.ok) {
    process.stderr.write(`${args.message}\n`);
    return 2;
  }
  if (args.command === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const built = findBuiltWorker(RENDERER_DIR);
  if (!built.ok) {
    process.stderr.write(`${built.message}\n`);
    return 2;
  }
  const detector = await openFaceDetectorPage();
  let failed = 0;
  try {
    for (const file of args.files) {
      const out = await checkFile(detector, file);
      if (typeof out === 'string') process.stdout.write(`${out}\n`);
      else {
        failed++;
        process.stdout.write(`${formatLine(out)}\n`);
        process.stderr.write(`${file}: ${out.error}\n`);
      }
    }
  } finally {
    await detector.close();
  }
  return failed > 0 ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`face check failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(2);
  },
);
