/** Collecting ESC/POS decoder events into printed jobs (`DecodedJob`). */
import type { DecodedImage, DecodedLine, DecodedQr, EscPosEvent } from './decoderEvents';

/** One printed job as the simulator saw it. */
export interface DecodedJob {
  lines: DecodedLine[];
  qr: DecodedQr[];
  images: DecodedImage[];
  cuts: ('full' | 'partial')[];
  feeds: number;
  statusRequests: number;
  errors: string[];
  unknownCommands: number;
  bytes: number;
}

export const emptyJob = (): DecodedJob => ({ lines: [], qr: [], images: [], cuts: [], feeds: 0, statusRequests: 0, errors: [], unknownCommands: 0, bytes: 0 });

/** One dot of a received raster image: true = black (MSB = leftmost dot). */
export const imageDot = (img: DecodedImage, x: number, y: number): boolean => ((img.data[y * img.bytesPerRow + (x >> 3)] ?? 0) & (0x80 >> (x & 7))) !== 0;

/** How many dots of a received raster image are black. */
export function imageBlackDots(img: DecodedImage): number {
  let n = 0;
  for (const b of img.data) for (let v = b; v !== 0; v &= v - 1) n++;
  return n;
}

export const jobHasContent = (j: DecodedJob): boolean => j.lines.length + j.qr.length + j.images.length + j.cuts.length > 0;

/**
 * Collects decoder events into jobs; a cut ends a job. Consecutive raster bands of the same width are merged
 * into one image.
 */
export class JobAssembler {
  private job = emptyJob();
  private lastWasImage = false;

  /** returns the jobs completed by these events */
  add(events: readonly EscPosEvent[], bytes = 0): DecodedJob[] {
    this.job.bytes += bytes;
    const done: DecodedJob[] = [];
    for (const e of events) {
      const j = this.job;
      const isImage = e.type === 'image';
      switch (e.type) {
        case 'line':
          j.lines.push(e.line);
          break;
        case 'qr':
          j.qr.push(e.qr);
          break;
        case 'image': {
          const prev = j.images[j.images.length - 1];
          if (this.lastWasImage && prev && prev.bytesPerRow === e.image.bytesPerRow && prev.mode === e.image.mode) {
            const data = new Uint8Array(prev.data.length + e.image.data.length);
            data.set(prev.data, 0);
            data.set(e.image.data, prev.data.length);
            j.images[j.images.length - 1] = { ...prev, rows: prev.rows + e.image.rows, data };
          } else j.images.push(e.image);
          break;
        }
        case 'feed':
          j.feeds += e.lines;
          break;
        case 'status':
          j.statusRequests++;
          break;
        case 'error':
          j.errors.push(e.message);
          break;
        case 'unknown':
          j.unknownCommands++;
          break;
        case 'cut':
          j.cuts.push(e.kind);
          done.push(j);
          this.job = emptyJob();
          break;
        case 'init':
          break;
      }
      this.lastWasImage = isImage;
    }
    return done;
  }

  /** the unfinished job, if it printed anything (printers without a cutter) or was refused (a malformed raster) */
  flush(): DecodedJob | undefined {
    const j = this.job;
    this.job = emptyJob();
    this.lastWasImage = false;
    return jobHasContent(j) || j.errors.length > 0 ? j : undefined;
  }
}
