/** @file `gradtape descend` end to end: the race's animation files decode, results match the optimizers. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeGif } from '../helpers/anim-gif-decode.js';
import { decodePng, listFiles, parseJson, runCli, tempDir } from './helpers.js';

const tmp = tempDir();
afterAll(tmp.cleanup);
const F = '(sin(4*x) - cos(5*y))/5';
const hasFfmpeg = (() => {
  try {
    execFileSync('ffmpeg', ['-version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('gradtape descend', () => {
  it('races two optimizers into a GIF, one frame per step, and reports final points and losses', async () => {
    const out = join(tmp.dir, 'race.gif');
    const r = await runCli([
      'descend',
      F,
      '--start',
      '0.25,-0.5',
      '--optimizer',
      'sgd:lr=0.01',
      '--optimizer',
      'rmsprop:lr=0.01',
      '--steps',
      '12',
      '--points',
      '40',
      '--width',
      '320',
      '--height',
      '240',
      '-o',
      out,
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const gif = decodeGif(new Uint8Array(readFileSync(out)));
    expect([gif.width, gif.height]).toEqual([320, 240]);
    expect(gif.frames).toHaveLength(13);
    const j = parseJson(r);
    expect(j.results.map((x: { optimizer: string }) => x.optimizer)).toEqual(['sgd:lr=0.01', 'rmsprop:lr=0.01']);
    // SGD's first step by hand: p1 = p0 - lr * ∇f(p0), ∇f = (0.8 cos 4x, sin 5y).
    const sgd = j.results[0];
    expect(sgd.points[1][0]).toBeCloseTo(0.25 - 0.01 * 0.8 * Math.cos(1), 12);
    expect(sgd.points[1][1]).toBeCloseTo(-0.5 - 0.01 * Math.sin(-2.5), 12);
    for (const res of j.results) {
      expect(res.steps).toBe(12);
      expect(res.points).toHaveLength(13);
      const [x, y] = res.final;
      expect(res.loss).toBeCloseTo((Math.sin(4 * x) - Math.cos(5 * y)) / 5, 12);
      expect(res.loss).toBeLessThan(res.losses[0]); // both went downhill
    }
    expect(listFiles(tmp.dir)).toEqual(['race.gif']);
  });

  it('prints each optimizer with its final point and loss', async () => {
    const out = join(tmp.dir, 'race.png');
    const r = await runCli([
      'descend',
      F,
      '--optimizer',
      'adam:lr=0.05',
      '--optimizer',
      'sgd:lr=0.01,momentum=0.9',
      '--steps',
      '30',
      '--points',
      '30',
      '-o',
      out,
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(decodePng(out).width).toBe(640);
    expect(r.stdout).toMatch(/adam:lr=0\.05\s+final \[\S+, \S+\]\s+loss \S+/);
    expect(r.stdout).toMatch(/sgd:lr=0\.01,momentum=0\.9\s+final/);
  });

  it('writes a self-contained HTML player', async () => {
    const out = join(tmp.dir, 'race.html');
    const r = await runCli([
      'descend',
      'x^2 + 3*y^2',
      '--start',
      '0.8,0.6',
      '--steps',
      '5',
      '--points',
      '20',
      '--width',
      '200',
      '--height',
      '160',
      '-o',
      out,
    ]);
    expect(r.code, r.stderr).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toMatch(/^<!DOCTYPE html>/i);
    expect(html).toContain('</html>');
  });

  it.runIf(hasFfmpeg)('writes an MP4 when ffmpeg is present', async () => {
    const out = join(tmp.dir, 'race.mp4');
    const r = await runCli([
      'descend',
      'x^2 + y^2',
      '--start',
      '0.5,0.5',
      '--steps',
      '4',
      '--points',
      '20',
      '--width',
      '200',
      '--height',
      '160',
      '-o',
      out,
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(out).subarray(4, 8).toString('latin1')).toBe('ftyp');
  });
});
