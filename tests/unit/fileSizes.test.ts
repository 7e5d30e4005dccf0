/** Issue 8: no .ts/.tsx file under src/ is over 400 lines; split a file by what it holds before it grows past that. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const MAX_LINES = 400;
const root = fileURLToPath(new URL('../..', import.meta.url));

/** Lines as `wc -l` counts them for a file that ends in a newline; a last line without one counts too. */
function countLines(text: string): number {
  if (text.length === 0) return 0;
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(path));
    else if (entry.isFile() && /\.tsx?$/.test(entry.name)) out.push(path);
  }
  return out;
}

describe('file sizes', () => {
  it('counts lines like wc -l', () => {
    expect(countLines('')).toBe(0);
    expect(countLines('a\n')).toBe(1);
    expect(countLines('a\nb')).toBe(2);
    expect(countLines('a\nb\n')).toBe(2);
  });

  it(`no .ts/.tsx file under src/ is over ${MAX_LINES} lines`, () => {
    const files = sourceFiles(join(root, 'src'));
    expect(files.length).toBeGreaterThan(0);
    const offenders = files
      .map((f) => ({ file: relative(root, f).split('\\').join('/'), lines: countLines(readFileSync(f, 'utf8')) }))
      .filter((f) => f.lines > MAX_LINES)
      .sort((a, b) => b.lines - a.lines)
      .map((f) => `${f.file}: ${f.lines} lines`);
    expect(offenders, `files over ${MAX_LINES} lines:\n${offenders.join('\n')}`).toEqual([]);
  });
});
