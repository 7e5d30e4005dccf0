/**
 * The built renderer's own face detection worker (out/renderer/assets/detector.worker-*.js, with the wasm and model
 * under out/renderer/mediapipe/) in headless Debian Chromium (playwright-core, the team's flags): served from
 * 127.0.0.1 by the platform's static file server, started from a blank page of the same origin, fed images one at a
 * time exactly as the kiosk feeds it camera frames (an ImageBitmap transferred to the worker). Used by
 * `npm run face -- check` (scripts/face.ts) and the face benches (bench/faceDetect.bench.ts): no second detector.
 */
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { z } from 'zod';
import { findBuiltWorker } from '../src/main/tools/faceCheck/builtRenderer';
import { WorkerResult } from '../src/main/tools/faceCheck/cli';
import { serveStatic } from '../src/platform/staticFiles';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from './chromium';

export const RENDERER_DIR = resolve(fileURLToPath(new URL('../out/renderer', import.meta.url)));
const BLANK = '/__face-check.html';

/** Browser code (text: the Node tsconfig has no DOM): one worker, answers taken in order. */
const SETUP = `(() => {
  let worker;
  let waiting;
  const answer = () => new Promise((resolve) => { waiting = resolve; });
  const settle = (m) => { const w = waiting; waiting = undefined; if (w) w(m); };
  const bitmapOf = async (base64, mime) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    try { return await createImageBitmap(new Blob([bytes], { type: mime })); } catch { return undefined; }
  };
  const detect = async (bitmap, timestampMs) => {
    const p = answer();
    worker.postMessage({ type: 'frame', bitmap, timestampMs }, [bitmap]);
    return p;
  };
  globalThis.faceCheck = {
    async start(workerUrl, assetsBase) {
      worker = new Worker(workerUrl);
      worker.onmessage = (e) => settle(e.data);
      worker.onerror = (e) => settle({ type: 'error', message: 'the detection worker failed: ' + e.message });
      const p = answer();
      worker.postMessage({ type: 'init', assetsBase });
      return p;
    },
    async detectImage(base64, mime, timestampMs) {
      const bitmap = await bitmapOf(base64, mime);
      if (!bitmap) return { type: 'undecodable' };
      return detect(bitmap, timestampMs);
    },
    async frameLoop(base64, mime, frames, width, height) {
      const image = await bitmapOf(base64, mime);
      if (!image) return { type: 'undecodable' };
      const canvas = new OffscreenCanvas(width, height);
      const ctx = canvas.getContext('2d');
      const fit = Math.min(width / image.width, height / image.height);
      ctx.fillStyle = '#808080';
      ctx.fillRect(0, 0, width, height);
      ctx.drawImage(image, (width - image.width * fit) / 2, (height - image.height * fit) / 2, image.width * fit, image.height * fit);
      const frameMs = [];
      const detectMs = [];
      let faces = 0;
      for (let i = 0; i < frames; i++) {
        const started = performance.now();
        const r = await detect(await createImageBitmap(canvas), 1000000 + i * 33);
        if (r.type !== 'result') return r;
        frameMs.push(performance.now() - started);
        detectMs.push(r.detectMs);
        faces += r.detections.length;
      }
      return { type: 'frames', frameMs, detectMs, faces };
    },
  };
})()`;

/** Any message from the page: its kind, and the fields the tool reads before the full check. */
const Tagged = z.object({ type: z.string(), loadMs: z.number().optional(), message: z.string().optional() });

const FrameLoop = z.object({ type: z.literal('frames'), frameMs: z.array(z.number()), detectMs: z.array(z.number()), faces: z.number() });
export type FrameLoop = z.infer<typeof FrameLoop>;

export type PageAnswer = { kind: 'result'; result: WorkerResult } | { kind: 'undecodable' } | { kind: 'error'; message: string };

export interface FaceDetectorPage {
  page: Page;
  origin: string;
  /** the worker's start (wasm and model loaded), ms */
  loadMs: number;
  detectImage(bytes: Uint8Array, mime: string): Promise<PageAnswer>;
  /** `frames` frames of `width`×`height` (the image fitted in the middle), one after the other: per frame, the page's
   * time from the frame's bitmap to the worker's answer, and the detector's own time in the worker */
  frameLoop(bytes: Uint8Array, mime: string, frames: number, width: number, height: number): Promise<FrameLoop>;
  close(): Promise<void>;
}

function listen(server: Server): Promise<string> {
  return new Promise((res, rej) => {
    server.once('error', rej);
    server.listen(0, '127.0.0.1', () => res(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
  });
}

export async function openFaceDetectorPage(rendererDir: string = RENDERER_DIR, extraArgs: string[] = []): Promise<FaceDetectorPage> {
  const built = findBuiltWorker(rendererDir);
  if (!built.ok) throw new Error(built.message);
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`Chromium is missing at ${CHROMIUM_PATH}: apt-get install -y chromium`);
  const server = createServer((req, res) => {
    if (req.url === BLANK) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<!doctype html><meta charset="utf-8"><title>face check</title>');
    } else void serveStatic(rendererDir, req, res, {});
  });
  const origin = await listen(server);
  let context: BrowserContext | undefined;
  try {
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_FLAGS, ...extraArgs] });
    context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${origin}${BLANK}`);
    await page.evaluate(SETUP);
    const started = Tagged.parse(
      await page.evaluate(`globalThis.faceCheck.start(${JSON.stringify(`${origin}/${built.worker}`)}, ${JSON.stringify(`${origin}/`)})`),
    );
    if (started.type !== 'ready') throw new Error(`the face detector did not start: ${started.message ?? started.type}`);
    let timestamp = 0;
    const ctx = context;
    return {
      page,
      origin,
      loadMs: started.loadMs ?? NaN,
      async detectImage(bytes, mime) {
        timestamp += 1000;
        const base64 = Buffer.from(bytes).toString('base64');
        const raw: unknown = await page.evaluate(`globalThis.faceCheck.detectImage(${JSON.stringify(base64)}, ${JSON.stringify(mime)}, ${timestamp})`);
        const tagged = Tagged.parse(raw);
        if (tagged.type === 'undecodable') return { kind: 'undecodable' };
        if (tagged.type === 'error') return { kind: 'error', message: tagged.message ?? 'unknown' };
        const parsed = WorkerResult.safeParse(raw);
        return parsed.success
          ? { kind: 'result', result: parsed.data }
          : { kind: 'error', message: `unexpected answer from the worker: ${parsed.error.message}` };
      },
      async frameLoop(bytes, mime, frames, width, height) {
        const args = [Buffer.from(bytes).toString('base64'), mime, frames, width, height].map((a) => JSON.stringify(a)).join(', ');
        const raw: unknown = await page.evaluate(`globalThis.faceCheck.frameLoop(${args})`);
        const tagged = Tagged.parse(raw);
        if (tagged.type !== 'frames') throw new Error(`the frame loop failed: ${tagged.message ?? tagged.type}`);
        return FrameLoop.parse(raw);
      },
      async close() {
        await ctx.browser()?.close();
        server.close();
      },
    };
  } catch (err) {
    await context?.browser()?.close();
    server.close();
    throw err;
  }
}
