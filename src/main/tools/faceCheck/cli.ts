/**
 * `npm run face -- check FILE…` (issue 10, item 7), its pure half: the arguments, what a file is (JPEG or PNG by its
 * first bytes), the page's answer checked at the boundary, and the one JSON line per file. The verdict is the kiosk's
 * own (src/renderer/features/face/decision.ts, the same tuning); the detection itself runs in headless Chromium in
 * the built renderer's worker (scripts/face.ts).
 */
import { z } from 'zod';
import { DEFAULT_TUNING, judgeFrame, type FaceBox, type RejectReason } from '../../../renderer/features/face/decision';

export const USAGE = 'usage: npm run face -- check FILE… (JPEG or PNG stills; one JSON line per file)';

export type FaceArgs = { ok: true; command: 'check'; files: string[] } | { ok: true; command: 'help' } | { ok: false; message: string };

export function parseFaceArgs(argv: readonly string[]): FaceArgs {
  const args = argv[0] === '--' ? argv.slice(1) : [...argv];
  const [command, ...rest] = args;
  if (command === undefined) return { ok: false, message: `no command\n${USAGE}` };
  if (command === '--help' || command === '-h' || command === 'help') return { ok: true, command: 'help' };
  if (command !== 'check') return { ok: false, message: `unknown command "${command}"\n${USAGE}` };
  const options = rest.filter((a) => a.startsWith('-') && a !== '-');
  if (options.length > 0) return { ok: false, message: `unknown option ${options[0]!}\n${USAGE}` };
  if (rest.length === 0) return { ok: false, message: `check needs at least one image file\n${USAGE}` };
  return { ok: true, command: 'check', files: rest };
}

export type ImageType = 'image/jpeg' | 'image/png';

/** JPEG (FF D8 FF) or PNG (the 8-byte signature) by the file's first bytes, whatever its name says. */
export function imageTypeOf(bytes: Uint8Array): ImageType | undefined {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length >= 8 && png.every((b, i) => bytes[i] === b)) return 'image/png';
  return undefined;
}

const Box = z.object({ x: z.number(), y: z.number(), width: z.number(), height: z.number() });
/** What the detection worker answers for one frame (protocol.ts's `result`), as it crosses from the page. */
export const WorkerResult = z.object({
  type: z.literal('result'),
  detections: z.array(z.object({ score: z.number().min(0).max(1), box: Box })),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  sharpness: z.number().nullish(),
  detectMs: z.number(),
});
export type WorkerResult = z.infer<typeof WorkerResult>;

export interface CheckLine {
  file: string;
  faces: number;
  bestScore: number | null;
  box: FaceBox | null;
  accept: boolean;
  reason: RejectReason | null;
}
export interface ErrorLine {
  file: string;
  error: string;
}

const round3 = (n: number): number => Math.round(n * 1000) / 1000;
const wholeBox = (b: FaceBox): FaceBox => ({ x: Math.round(b.x), y: Math.round(b.y), width: Math.round(b.width), height: Math.round(b.height) });

/**
 * One file's line: faces counted as auto-capture counts them (at or above the detector floor), the best score of any
 * detection, the judged face's box (pixels of the image; null without a face), and auto-capture's verdict on this frame with its reason.
 */
export function checkLine(file: string, result: WorkerResult): CheckLine {
  const { detections, width, height } = result;
  const verdict = judgeFrame(detections, { width, height, sharpness: result.sharpness ?? undefined }, DEFAULT_TUNING);
  const best = [...detections].sort((a, b) => b.score - a.score)[0];
  const faces = detections.filter((d) => d.score >= DEFAULT_TUNING.detectFloor).length;
  /** the face judged, else the best face; no box when nothing reached the floor (a cat's 0.4 is no face) */
  const shown = verdict.face ?? (faces > 0 ? best : undefined);
  return {
    file,
    faces,
    bestScore: best ? round3(best.score) : null,
    box: shown ? wholeBox(shown.box) : null,
    accept: verdict.accept,
    reason: verdict.accept ? null : verdict.reason,
  };
}

export const formatLine = (line: CheckLine | ErrorLine): string => JSON.stringify(line);
