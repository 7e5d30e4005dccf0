/** `npm run face -- check`: its arguments, how it tells an image, and the JSON line it prints for a worker's answer. */
import { describe, expect, it } from 'vitest';
import { checkLine, formatLine, imageTypeOf, parseFaceArgs, WorkerResult } from '../../../../../src/main/tools/faceCheck/cli';

const frame = (detections: { score: number; box: { x: number; y: number; width: number; height: number } }[], sharpness: number | null = 300) =>
  WorkerResult.parse({ type: 'result', detections, width: 640, height: 480, sharpness, detectMs: 12 });
const centred = { x: 250.4, y: 170.6, width: 140.2, height: 140 };

describe('face check arguments', () => {
  it('takes check and its files, with or without a leading --', () => {
    expect(parseFaceArgs(['check', 'a.jpg', 'b.png'])).toEqual({ ok: true, command: 'check', files: ['a.jpg', 'b.png'] });
    expect(parseFaceArgs(['--', 'check', 'a.jpg'])).toEqual({ ok: true, command: 'check', files: ['a.jpg'] });
    expect(parseFaceArgs(['--help'])).toEqual({ ok: true, command: 'help' });
  });

  it('refuses no command, another command, no file and unknown options, with the usage', () => {
    for (const argv of [[], ['detect', 'a.jpg'], ['check'], ['check', '--fast', 'a.jpg']]) {
      const parsed = parseFaceArgs(argv);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.message).toContain('usage: npm run face -- check FILE');
    }
    expect(parseFaceArgs(['check'])).toMatchObject({ message: expect.stringContaining('at least one image file') });
    expect(parseFaceArgs(['detect'])).toMatchObject({ message: expect.stringContaining('unknown command "detect"') });
  });
});

describe('what is an image', () => {
  it('knows JPEG and PNG by their first bytes, not their names', () => {
    expect(imageTypeOf(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0]))).toBe('image/jpeg');
    expect(imageTypeOf(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('image/png');
    expect(imageTypeOf(new TextEncoder().encode('# README'))).toBeUndefined();
    expect(imageTypeOf(Uint8Array.from([0xff, 0xd8]))).toBeUndefined();
    expect(imageTypeOf(new Uint8Array(0))).toBeUndefined();
  });
});

describe('the JSON line', () => {
  it('a centred, large, sharp single face is accepted, its box in whole pixels', () => {
    const line = checkLine('me.jpg', frame([{ score: 0.91234, box: centred }]));
    expect(line).toEqual({ file: 'me.jpg', faces: 1, bestScore: 0.912, box: { x: 250, y: 171, width: 140, height: 140 }, accept: true, reason: null });
    expect(JSON.parse(formatLine(line))).toEqual(line);
    expect(Object.keys(line)).toEqual(['file', 'faces', 'bestScore', 'box', 'accept', 'reason']);
  });

  it('names each reason of the kiosk decision', () => {
    expect(checkLine('f', frame([]))).toEqual({ file: 'f', faces: 0, bestScore: null, box: null, accept: false, reason: 'no_face' });
    const cat = checkLine('f', frame([{ score: 0.42, box: centred }]));
    expect(cat).toMatchObject({ faces: 0, bestScore: 0.42, box: null, reason: 'no_face' });
    expect(
      checkLine(
        'f',
        frame([
          { score: 0.9, box: centred },
          { score: 0.8, box: { ...centred, x: 10 } },
        ]),
      ),
    ).toMatchObject({
      faces: 2,
      bestScore: 0.9,
      reason: 'several_faces',
    });
    expect(checkLine('f', frame([{ score: 0.55, box: centred }]))).toMatchObject({ faces: 1, reason: 'low_score' });
    expect(checkLine('f', frame([{ score: 0.9, box: { x: 300, y: 220, width: 40, height: 40 } }]))).toMatchObject({ reason: 'too_small' });
    expect(checkLine('f', frame([{ score: 0.9, box: { ...centred, x: 10 } }]))).toMatchObject({ reason: 'off_centre', box: { x: 10 } });
    expect(checkLine('f', frame([{ score: 0.9, box: centred }], 3))).toMatchObject({ reason: 'blurred', accept: false });
    expect(checkLine('f', frame([{ score: 0.9, box: centred }], null))).toMatchObject({ reason: 'blurred' });
  });

  it('refuses a worker answer of the wrong shape', () => {
    expect(WorkerResult.safeParse({ type: 'result', detections: [{ score: 2, box: centred }], width: 640, height: 480, detectMs: 1 }).success).toBe(false);
    expect(WorkerResult.safeParse({ type: 'result', detections: [], width: 0, height: 480, detectMs: 1 }).success).toBe(false);
  });
});
