/** @file The README's main job: the whole tutorial runs and writes every figure, each non-empty and decodable. */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTutorial } from '../examples/tutorial.js';
import { sineCell } from '../examples/02-sine.js';
import { partialsCell } from '../examples/03-partials.js';
import { decodeGif } from './helpers/anim-gif-decode.js';
import { findFfmpeg } from '../src/plot/animation/video.js';

const hasFfmpeg = (await findFfmpeg()) !== null;
if (!hasFfmpeg)
  console.warn('demo test: ffmpeg is not on PATH, so descent.mp4 is not expected (install ffmpeg to cover it)');

function pngSize(bytes: Buffer): [number, number] {
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(bytes.toString('latin1', 12, 16)).toBe('IHDR');
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

describe('npm run demo (examples/tutorial.ts)', () => {
  it('runs every cell, prints what the notebook prints, and writes every figure', async () => {
    const out = mkdtempSync(join(tmpdir(), 'gradtape-demo-'));
    const lines: string[] = [];
    const files = await runTutorial({ out, log: (s) => lines.push(s), progress: false });
    const text = lines.join('\n');
    expect(text).toContain('Tensor(['); // cell 1 prints dy
    expect(text).toMatch(/after one SGD step: x = 0\.245678, y = -0\.494015/);
    expect(text).toMatch(/after 120 steps: x = -0\.35\d+, y = -0\.00\d+/);

    const expected = ['derivative', 'sine', 'partials', 'surface', 'contour']
      .flatMap((n) => [`${n}.png`, `${n}.svg`])
      .concat(['descent.gif', 'descent.html', 'descent.png'], hasFfmpeg ? ['descent.mp4'] : []);
    for (const name of expected) {
      const p = join(out, name);
      expect(files, name).toContain(p);
      expect(existsSync(p), name).toBe(true);
      const bytes = readFileSync(p);
      expect(bytes.length, name).toBeGreaterThan(1000);
      if (name.endsWith('.png')) {
        const [w, h] = pngSize(bytes);
        expect(w).toBeGreaterThanOrEqual(640);
        expect(h).toBeGreaterThanOrEqual(360);
      } else if (name.endsWith('.svg')) {
        expect(bytes.toString('utf8')).toMatch(/^(<\?xml[^>]*>\s*)?<svg[\s\S]*<\/svg>\s*$/);
      } else if (name.endsWith('.gif')) {
        expect(decodeGif(new Uint8Array(bytes)).frames.length).toBe(121);
      } else if (name.endsWith('.html')) {
        const html = bytes.toString('utf8');
        expect(html).toMatch(/<html/i);
        expect(html).not.toMatch(/(src|href)="https?:/); // self-contained
      } else if (name.endsWith('.mp4')) {
        expect(bytes.toString('latin1', 4, 8)).toBe('ftyp');
      }
    }
  });
});

describe('the cells print the point they evaluate, not a rounded name for it', () => {
  /** Runs a cell into a temporary folder and returns what it printed. */
  async function printed(cell: typeof sineCell): Promise<string[]> {
    const lines: string[] = [];
    await cell({ out: mkdtempSync(join(tmpdir(), 'gradtape-cell-')), log: (s) => lines.push(s) });
    return lines;
  }
  /** The "at x = …: value" pairs of a line, each checked against the closed form at the printed x. */
  const check = (line: string, closed: (x: number) => number, digits: number): void => {
    const m = /at [xy] = ([-\d., ]+): ([-\d., ]+)/.exec(line);
    expect(m, line).not.toBeNull();
    const xs = m![1].split(', ').map(Number),
      vs = m![2].split(', ').map(Number);
    expect(xs.length).toBe(vs.length);
    xs.forEach((x, k) => expect(vs[k], `${line} at ${x}`).toBeCloseTo(closed(x), digits));
  };
  it('cell 3 (partials): index 50 of linspace(-1, 1, 100) is x = 0.010101, and says so', async () => {
    const [dx, dy] = await printed(partialsCell);
    expect(dx).toMatch(/^df\/dx at x = 0\.010101: 0\.799347 /);
    check(dx, (x) => 0.8 * Math.cos(4 * x), 5);
    expect(dy).toMatch(/^df\/dy at y = 0\.010101: 0\.050484 /);
    check(dy, (y) => Math.sin(5 * y), 5);
  });
  it("cell 2 (sine): the middle point printed is x = -0.0505, where f'(x) = 9.8480", async () => {
    const [line] = await printed(sineCell);
    expect(line).toBe("f'(x) at x = -5, -0.0505, 5: -18.3907, 9.8480, 1.6093");
    check(line, (x) => 10 * Math.cos(2 * x) + 2 * x, 3);
  });
});
