/** Still images made at test time from the face fixtures (pngjs, no image tool): a region of a PNG, as a PNG. */
import { readFileSync, writeFileSync } from 'node:fs';
import { PNG } from 'pngjs';

export interface Region {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Writes `region` of the PNG `source` (whole pixels, inside the image) to `out`. */
export function writePngRegion(source: string, region: Region, out: string): void {
  const src = PNG.sync.read(readFileSync(source));
  if (region.x < 0 || region.y < 0 || region.x + region.width > src.width || region.y + region.height > src.height) {
    throw new Error(`the region ${JSON.stringify(region)} is outside ${source} (${src.width}×${src.height})`);
  }
  const dst = new PNG({ width: region.width, height: region.height });
  PNG.bitblt(src, dst, region.x, region.y, region.width, region.height, 0, 0);
  writeFileSync(out, PNG.sync.write(dst));
}

/** astronaut.png's face (about 95 px wide around (225, 130)) in the middle of a 320×240 still: auto-capture takes it. */
export const ASTRONAUT_FACE_STILL: Region = { x: 65, y: 10, width: 320, height: 240 };
