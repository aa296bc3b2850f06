/** @file The README's main job: the whole tutorial runs and writes every figure, each non-empty and decodable. */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTutorial } from '../examples/tutorial.js';
import { decodeGif } from '../src/plot/anim-gif-decode.js';
import { findFfmpeg } from '../src/plot/video.js';

const hasFfmpeg = (await findFfmpeg()) !== null;
if (!hasFfmpeg) console.warn('demo test: ffmpeg is not on PATH, so descent.mp4 is not expected (install ffmpeg to cover it)');

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
    expect(text).toContain('Tensor([');                 // cell 1 prints dy
    expect(text).toMatch(/after one SGD step: x = 0\.245678, y = -0\.494015/);
    expect(text).toMatch(/after 120 steps: x = -0\.35\d+, y = -0\.00\d+/);

    const expected = ['derivative', 'sine', 'partials', 'surface', 'contour'].flatMap((n) => [`${n}.png`, `${n}.svg`])
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
        expect(html).not.toMatch(/(src|href)="https?:/);   // self-contained
      } else if (name.endsWith('.mp4')) {
        expect(bytes.toString('latin1', 4, 8)).toBe('ftyp');
      }
    }
  });
});
