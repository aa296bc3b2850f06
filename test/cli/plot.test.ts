/** @file `gradtape plot`, `surface`, `contour` end to end: files decode, --json has the right numbers. */
import { afterAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { decodePng, listFiles, parseJson, readSvg, runCli, tempDir } from './helpers.js';

const tmp = tempDir();
afterAll(tmp.cleanup);

describe('gradtape plot', () => {
  it('writes a PNG of f and f′, with f′ from the tape (checked against the closed form)', async () => {
    const out = join(tmp.dir, 'f.png');
    const r = await runCli(['plot', '5*sin(2*x) + x^2', '--range', '-5:5', '--points', '101', '-o', out, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(decodePng(out)).toEqual({ width: 640, height: 480 });
    const j = parseJson(r);
    expect(j.tex).toBe('5\\sin(2x) + x^{2}');
    expect(j.derivative).toEqual({ text: '10*cos(2*x) + 2*x', tex: '10\\cos(2x) + 2x' });
    expect(j.x).toHaveLength(101);
    expect(j.x[0]).toBe(-5);
    expect(j.x[100]).toBe(5);
    j.x.forEach((x: number, i: number) => {
      expect(j.f[i]).toBeCloseTo(5 * Math.sin(2 * x) + x * x, 10);
      expect(j.df[i]).toBeCloseTo(10 * Math.cos(2 * x) + 2 * x, 10);
    });
  });

  it('writes an SVG, sized by --width/--height, and says what it wrote', async () => {
    const out = join(tmp.dir, 'g.svg');
    const r = await runCli([
      'plot',
      '-x^2',
      '--range',
      '-1:1',
      '--points',
      '20',
      '--width',
      '320',
      '--height',
      '240',
      '-o',
      out,
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('g.svg');
    const svg = readSvg(out);
    expect([svg.width, svg.height]).toEqual([320, 240]);
    expect(listFiles(tmp.dir).filter((f) => f.includes('.tmp'))).toEqual([]);
  });

  it("labels f' with its formula in the legend, unless --no-symbolic or too long to read", async () => {
    const labelled = await runCli(['plot', 'x^2 + 1', '--points', '20', '-o', join(tmp.dir, 'l.svg')]);
    expect(labelled.stdout).toContain("f'(x) = 2*x");
    const plain = await runCli([
      'plot',
      'x^2 + 1',
      '--points',
      '20',
      '--no-symbolic',
      '-o',
      join(tmp.dir, 'n.svg'),
      '--json',
    ]);
    expect(plain.code, plain.stderr).toBe(0);
    expect(parseJson(plain).derivative).toBeUndefined();
    // legend text is drawn as glyph paths: the legend with the formula makes the larger SVG
    expect(readFileSync(join(tmp.dir, 'l.svg'), 'utf8').length).toBeGreaterThan(
      readFileSync(join(tmp.dir, 'n.svg'), 'utf8').length,
    );
    const long = Array.from({ length: 30 }, (_, k) => `sin(x + ${k})`).join('*');
    const r = await runCli(['plot', long, '--points', '20', '-o', join(tmp.dir, 'long.svg'), '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(parseJson(r).derivative).toEqual({ shown: false, reason: expect.stringContaining('too long to show') });
  });

  it('plots a constant (its derivative is zero, not missing)', async () => {
    const r = await runCli(['plot', '3', '--points', '5', '-o', join(tmp.dir, 'c.svg'), '--json']);
    expect(r.code, r.stderr).toBe(0);
    const j = parseJson(r);
    expect(j.f).toEqual([3, 3, 3, 3, 3]);
    expect(j.df).toEqual([0, 0, 0, 0, 0]);
  });
});

/** Points of the first SVG path drawn with a dash pattern (f′ is the dashed line), by subpath. */
function dashedSubpaths(svg: string): number[][][] {
  const d = /<path d="([^"]+)"[^>]*stroke-dasharray/.exec(svg)![1]!;
  return d
    .split('M')
    .filter(Boolean)
    .map((sub) => sub.split('L').map((p) => p.trim().split(/\s+/).map(Number)));
}

describe('gradtape plot where f is undefined', () => {
  it('log(x): f′ is left out where log is undefined (not 1/x), nothing joins across the pole, and the output says so', async () => {
    const out = join(tmp.dir, 'log.svg');
    const r = await runCli(['plot', 'log(x)', '--range', '-5:5', '--points', '100', '-o', out, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const j = parseJson(r);
    j.x.forEach((x: number, i: number) => {
      if (x < 0) {
        expect(Number.isFinite(j.f[i])).toBe(false);
        expect(Number.isFinite(j.df[i]), `f′(${x}) must be left out`).toBe(false);
      } else {
        expect(j.df[i]).toBeCloseTo(1 / x, 10);
      }
    });
    expect(j.undefinedPoints).toEqual({ f: 50, df: 50 });
    // The dashed f′ line holds only the 50 samples right of the pole: one unbroken run, no -20 to +20 jump.
    const subpaths = dashedSubpaths(readSvg(out).text);
    expect(subpaths.map((p) => p.length)).toEqual([50]);
    const human = await runCli(['plot', 'log(x)', '--range', '-5:5', '--points', '100', '-o', out]);
    expect(human.stdout).toContain(
      "note: f(x) is undefined or infinite at 50 of 100 sample points; those parts (of f and f') are left out.",
    );
  });

  it('a pole inside the range breaks both lines instead of joining them', async () => {
    const out = join(tmp.dir, 'pole.svg');
    const r = await runCli(['plot', '1/x', '--range', '-1:1', '--points', '21', '-o', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('at 1 of 21 sample points');
    expect(dashedSubpaths(readSvg(out).text).map((p) => p.length)).toEqual([10, 10]);
  });

  it('undefined on the whole range is a usage error (exit 2), not an empty figure', async () => {
    const out = join(tmp.dir, 'none.png');
    const r = await runCli(['plot', 'log(x)', '--range', '-5:-1', '-o', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'gradtape plot: f(x) = log(x) is undefined or infinite at every sample on [-5, -1]; pick a --range where it is defined',
    );
    expect(listFiles(tmp.dir)).not.toContain('none.png');
  });
});

describe('gradtape surface and contour', () => {
  it.each(['surface', 'contour'])(
    '%s of a formula undefined on the whole grid: exit 2 saying so, no file',
    async (cmd) => {
      const out = join(tmp.dir, `nan-${cmd}.png`);
      const r = await runCli([cmd, 'sqrt(-1 - x^2)', '--points', '10', '-o', out]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(
        `gradtape ${cmd}: f(x, y) = sqrt(-1 - x^2) is undefined or infinite everywhere on the grid x in [-1, 1], y in [-1, 1]`,
      );
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(listFiles(tmp.dir)).not.toContain(`nan-${cmd}.png`);
    },
  );

  it('contour of a constant says there are no levels because f is constant (exit 0, figure written)', async () => {
    const out = join(tmp.dir, 'const.svg');
    const r = await runCli(['contour', '1', '--points', '10', '-o', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(
      'no contour levels: f(x, y) = 1 is constant (1) on the grid, so it has no contour lines',
    );
    expect(r.stdout).not.toMatch(/\d+ contour levels/);
    readSvg(out);
    const j = parseJson(await runCli(['contour', '1', '--points', '10', '-o', out, '--json']));
    expect(j).toMatchObject({ levels: [], constant: true, undefinedPoints: 0 });
  });

  it('surface with holes: z range over the defined part, and a note', async () => {
    const r = await runCli(['surface', 'sqrt(x)*y', '--points', '10', '-o', join(tmp.dir, 'holes.png')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('z in [-1, 1]');
    expect(r.stdout).toContain(
      'note: f(x, y) is undefined or infinite at 50 of 100 grid points; those parts are left out.',
    );
  });

  it('surface: PNG with the tutorial view, grid values in --json', async () => {
    const out = join(tmp.dir, 's.png');
    const r = await runCli([
      'surface',
      '(sin(4*x)-cos(5*y))/5',
      '--x',
      '-1:1',
      '--y',
      '-1:1',
      '--view',
      '-140,120',
      '--points',
      '21',
      '-o',
      out,
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(decodePng(out).width).toBe(640);
    const j = parseJson(r);
    expect(j.view).toEqual([-140, 120]);
    expect(j.grid.z).toHaveLength(21);
    const [i, k] = [3, 17];
    expect(j.grid.z[i][k]).toBeCloseTo((Math.sin(4 * j.grid.x[k]) - Math.cos(5 * j.grid.y[i])) / 5, 12);
  });

  it('contour: SVG with labelled levels', async () => {
    const out = join(tmp.dir, 'c2.svg');
    const r = await runCli(['contour', 'x^2 + y^2', '--levels', '5', '--points', '40', '-o', out, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const svg = readSvg(out);
    expect(svg.text).toContain('<path');
    const j = parseJson(r);
    expect(j.levels.length).toBeGreaterThan(1);
    expect(j.levels.every((v: number) => v >= 0 && v <= 2)).toBe(true);
  });
});
